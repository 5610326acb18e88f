// The pieces under the importers: the chunked UTF-8 input, the CSV record reader across chunk
// boundaries, the JSON reader's positions, and Python list literals.

#include "import/csv_reader.h"
#include "import/importer.h"
#include "import/json_reader.h"
#include "import/python_literal.h"
#include "import/text_input.h"
#include "test_support.h"

#include <QTemporaryDir>
#include <QTest>

#include <fstream>

using namespace routescope;

class TestImportReaders : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    std::string write(const char* name, const std::string& content)
    {
        const auto path = (dir_.path() + "/" + name).toStdString();
        std::ofstream(path, std::ios::binary) << content;
        return path;
    }

private slots:
    void csvFieldsSpanChunks()
    {
        // A 3 MiB quoted cell with doubled quotes, line breaks and a 3-byte character placed
        // across the first chunk boundary, then a short record.
        std::string big(3 << 20, 'x');
        big[1000] = '\n';
        big.replace(2000, 1, "\"\"");
        const std::size_t boundary = TextInput::kChunkBytes - 4; // "id,\"" is 4 bytes: cell byte 0 is file byte 4
        big.replace(boundary - 1, 3, "\xE2\x82\xAC");
        const auto path = write("big.csv", "id,\"" + big + "\"\r\nnext,\"a,b\"\n");
        TextInput input(path);
        CsvReader csv(input);
        QVERIFY(csv.next());
        QCOMPARE(csv.size(), std::size_t(2));
        std::string expected = big;
        expected.replace(2000, 2, "\"");
        QCOMPARE(csv.text(1).size(), expected.size());
        QVERIFY(csv.text(1) == expected);
        QVERIFY(csv.next());
        QCOMPARE(csv.recordLine(), 3); // one embedded line break above
        QCOMPARE(csv.text(1), std::string("a,b"));
        QVERIFY(!csv.next());
        QCOMPARE(input.bytesRead(), input.fileSize());
    }

    void skippedColumnsKeepOnlyTheirLength()
    {
        const auto path = write("skip.csv", "a,\"long, response\",c\n");
        TextInput input(path);
        CsvReader csv(input);
        csv.setSkipped({false, true, false});
        QVERIFY(csv.next());
        QVERIFY(csv.text(1).empty());
        QCOMPARE(csv.field(1).bytes, std::size_t(14));
        QCOMPARE(csv.text(2), std::string("c"));
    }

    void jsonValuesKnowTheirPosition()
    {
        const auto path = write("v.json", "[\n  {\"k\": \"\\u00e9\\ud83d\\ude00\", \"n\": -1.5e2},\n  [true, null]\n]");
        TextInput input(path);
        JsonReader json(input);
        json.beginArray();
        QVERIFY(json.nextElement());
        const auto object = json.readValue();
        QCOMPARE(object.line, 2);
        QCOMPARE(object.column, 3);
        QCOMPARE(object.find("k")->text, std::string("\u00e9\U0001F600"));
        QCOMPARE(object.find("n")->number, -150.0);
        QCOMPARE(object.find("n")->column, 36);
        QVERIFY(json.nextElement());
        const auto array = json.readValue();
        QCOMPARE(array.items.size(), std::size_t(2));
        QVERIFY(array.items[0].boolean);
        QVERIFY(!json.nextElement());
        json.expectEnd();
    }

    void pythonListLiterals_data()
    {
        QTest::addColumn<QString>("literal");
        QTest::addColumn<QString>("text");
        QTest::newRow("two strings") << "['a\\nb', \"it's\"]" << "a\nb\nit's";
        QTest::newRow("escapes") << "['\\\\ \\' \\\" \\t \\x41 \\u00e9 \\U0001F600']" << "\\ ' \" \t A \u00e9 \U0001F600";
        QTest::newRow("empty list") << "[]" << "";
        QTest::newRow("not a list") << "What is 2+2?" << "What is 2+2?";
        QTest::newRow("list of numbers") << "[1, 2]" << "[1, 2]";
        QTest::newRow("unterminated") << "['abc" << "['abc";
        QTest::newRow("text after list") << "['a'] and more" << "['a'] and more";
    }

    void pythonListLiterals()
    {
        QFETCH(QString, literal);
        QFETCH(QString, text);
        QCOMPARE(QString::fromStdString(promptFromPythonRepr(literal.toStdString())), text);
    }

    void unreadableFileNamesItself()
    {
        const auto path = (dir_.path() + "/absent.csv").toStdString();
        try {
            TextInput input(path);
            QFAIL("opened a missing file");
        } catch (const ImportError& e) {
            QCOMPARE(e.file(), path);
            QVERIFY2(e.problem().find("cannot open") != std::string::npos, e.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestImportReaders)
#include "test_import_readers.moc"
