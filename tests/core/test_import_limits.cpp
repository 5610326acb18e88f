// Hostile and odd inputs generated on the fly: a huge line fails at a size limit with bounded
// memory, and valid-but-unusual files (500 models, BOM + CRLF + quoted line breaks in the long
// formats, Unicode names, a single query) import with the values they hold.
//
// The huge line is ROUTESCOPE_HUGE_LINE_MB MiB (default 96, enough to pass every limit several
// times over while keeping the test at about a second); set it to 1024 for the full 1 GB line.

#include "import/csv_reader.h"
#include "import/importer.h"
#include "import/json_reader.h"
#include "store/project_store.h"
#include "test_support.h"

#include <QTemporaryDir>
#include <QTest>

#include <sys/resource.h>

#include <cstdlib>
#include <fstream>
#include <string>

using namespace routescope;

namespace {

std::int64_t hugeLineBytes()
{
    const char* env = std::getenv("ROUTESCOPE_HUGE_LINE_MB");
    const long megabytes = env ? std::strtol(env, nullptr, 10) : 96;
    return static_cast<std::int64_t>(megabytes > 0 ? megabytes : 96) << 20;
}

// Peak resident memory of this process so far, in bytes.
std::int64_t peakResidentBytes()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<std::int64_t>(usage.ru_maxrss) * 1024;
}

// Writes `bytes` copies of `fill` in 1 MiB blocks, so the generator itself stays small.
void writeRepeated(std::ofstream& out, char fill, std::int64_t bytes)
{
    const std::string block(1 << 20, fill);
    for (; bytes >= static_cast<std::int64_t>(block.size()); bytes -= static_cast<std::int64_t>(block.size()))
        out.write(block.data(), static_cast<std::streamsize>(block.size()));
    out.write(block.data(), static_cast<std::streamsize>(bytes));
}

std::int64_t rowCount(ProjectStore& store, const char* table)
{
    auto count = store.database().prepare(std::string("SELECT COUNT(*) FROM ") + table);
    count.step();
    return count.int64(0);
}

} // namespace

class TestImportLimits : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    std::string file(const char* name) const { return (dir_.path() + "/" + name).toStdString(); }

    void expectError(const std::string& path, std::int64_t line, std::int64_t column, const std::string& problem)
    {
        ProjectStore store(file("errors.routescope"));
        const auto datasetsBefore = store.datasets().size();
        try {
            importDataset(store, path, {});
            QFAIL("the import succeeded");
        } catch (const ImportError& e) {
            QCOMPARE(e.file(), path);
            QCOMPARE(e.line(), line);
            QCOMPARE(e.column(), column);
            QVERIFY2(e.problem().find(problem) != std::string::npos, e.what());
        }
        QCOMPARE(store.datasets().size(), datasetsBefore);
        QCOMPARE(rowCount(store, "queries"), 0);
    }

private slots:
    // First, so the peak memory measured is this test's own.
    void hugeCsvCellFailsWithBoundedMemory()
    {
        const auto bytes = hugeLineBytes();
        const auto path = file("huge_line.csv");
        {
            std::ofstream out(path, std::ios::binary);
            out << "sample_id,prompt,m1,m1|total_cost\nq1,";
            writeRepeated(out, 'x', bytes);
            out << ",1,0.1\n";
        }
        const auto peakBefore = peakResidentBytes();
        expectError(path, 2, 2, "cell larger than the 16 MiB limit");
        // Holding the line would take all of it; the limit keeps the reader to a fraction.
        const auto grown = peakResidentBytes() - peakBefore;
        QVERIFY2(grown < std::min<std::int64_t>(bytes * 2 / 3, 256 << 20),
                 qPrintable(QString("peak memory grew by %1 MiB on a %2 MiB line").arg(grown >> 20).arg(bytes >> 20)));
        std::filesystem::remove(path);
    }

    void hugeJsonStringFails()
    {
        const auto path = file("huge_string.jsonl");
        {
            std::ofstream out(path, std::ios::binary);
            out << "{\"id\": 1, \"model\": \"m1\", \"score\": 1, \"cost\": 0.1, \"prompt\": \"";
            writeRepeated(out, 'y', static_cast<std::int64_t>(JsonReader::kMaxStringBytes) + (1 << 20));
            out << "\"}\n";
        }
        expectError(path, 1, 61, "string longer than the 16 MiB limit");
        std::filesystem::remove(path);
    }

    void manySmallJsonValuesFail()
    {
        // Two bytes of text per value but far more in memory: the record's budget stops it.
        const auto path = file("many_values.jsonl");
        {
            std::ofstream out(path, std::ios::binary);
            out << "{\"id\": 1, \"model\": \"m1\", \"score\": 1, \"cost\": 0.1, \"x\": [0";
            for (std::size_t i = 0; i < JsonReader::kMaxValueBytes / sizeof(JsonValue) + 1000; ++i)
                out << ",0";
            out << "]}\n";
        }
        ProjectStore store(file("errors.routescope"));
        try {
            importDataset(store, path, {});
            QFAIL("the import succeeded");
        } catch (const ImportError& e) {
            QCOMPARE(e.line(), 1);
            QVERIFY2(e.problem().find("JSON value larger than the 64 MiB limit") != std::string::npos, e.what());
        }
        std::filesystem::remove(path);
    }

    void tooManyCellsFail()
    {
        const auto path = file("many_cells.csv");
        {
            std::ofstream out(path, std::ios::binary);
            out << "sample_id,prompt,m1,m1|total_cost\nq1,a,1,0.1\nq2";
            out << std::string(CsvReader::kMaxFields + 5, ',') << "\n";
        }
        expectError(path, 3, static_cast<std::int64_t>(CsvReader::kMaxFields) + 1, "more than 100000 cells in one record");
    }

    void fiveHundredModels()
    {
        constexpr int kModels = 500;
        const auto path = file("500_models.csv");
        {
            std::ofstream out(path, std::ios::binary);
            out << "sample_id,prompt";
            for (int m = 0; m < kModels; ++m)
                out << ",model-" << m;
            for (int m = 0; m < kModels; ++m)
                out << ",model-" << m << "|total_cost";
            out << "\n";
            for (int q = 0; q < 3; ++q) {
                out << "q" << q << ",prompt " << q;
                for (int m = 0; m < kModels; ++m)
                    out << "," << ((q + m) % 2);
                for (int m = 0; m < kModels; ++m)
                    out << "," << m * 0.001;
                out << "\n";
            }
        }
        ProjectStore store(file("wide.routescope"));
        const auto report = importDataset(store, path, {});
        QCOMPARE(report.models, kModels);
        QCOMPARE(report.queries, 3);
        const auto m = store.loadOutcomes(report.datasetId);
        QCOMPARE(m.models[499].name, std::string("model-499"));
        QCOMPARE(m.scores(2, 499), 1.0); // (2 + 499) % 2
        QCOMPARE(m.scores(1, 499), 0.0);
        QCOMPARE(m.costs(0, 250), 0.25);
    }

    void longCsvWithBomCrlfQuotedBreaksAndUnicode()
    {
        const auto path = file("odd_long.csv");
        {
            std::ofstream out(path, std::ios::binary);
            out << "\xEF\xBB\xBFsample_id,model,score,cost,prompt\r\n"
                   "q1,\xE6\xA8\xA1\xE5\x9E\x8B-\xCE\xB1,1,0.5,\"two\r\nlines, \"\"quoted\"\"\"\r\n"
                   "q1,\xF0\x9F\xA4\x96 bot,0,0.25,\"two\r\nlines, \"\"quoted\"\"\"\r\n";
        }
        ProjectStore store(file("long.routescope"));
        const auto report = importDataset(store, path, {});
        QVERIFY(report.format == DatasetFormat::LongCsv);
        QCOMPARE(report.queries, 1);
        QCOMPARE(report.models, 2);
        const auto m = store.loadOutcomes(report.datasetId);
        QCOMPARE(m.models[0].name, std::string("\xE6\xA8\xA1\xE5\x9E\x8B-\xCE\xB1"));
        QCOMPARE(m.models[1].name, std::string("\xF0\x9F\xA4\x96 bot"));
        QCOMPARE(m.queries[0].sampleId, std::string("q1"));
        QCOMPARE(m.queries[0].text, std::string("two\r\nlines, \"quoted\""));
        QCOMPARE(m.scores(0, 1), 0.0);
        QCOMPARE(m.costs(0, 1), 0.25);
    }

    void jsonlWithBomCrlfAndOneQuery()
    {
        const auto path = file("odd.jsonl");
        {
            std::ofstream out(path, std::ios::binary);
            out << "\xEF\xBB\xBF{\"id\": 7, \"model\": \"\\u00e9l\xC3\xA8ve\", \"score\": 0, \"cost\": 0}\r\n\r\n";
        }
        ProjectStore store(file("jsonl.routescope"));
        const auto report = importDataset(store, path, {});
        QCOMPARE(report.queries, 1);
        QCOMPARE(report.models, 1);
        const auto m = store.loadOutcomes(report.datasetId);
        QCOMPARE(m.models[0].name, std::string("\xC3\xA9l\xC3\xA8ve"));
        QCOMPARE(m.queries[0].sampleId, std::string("7"));
        QCOMPARE(m.scores(0, 0), 0.0);
        QCOMPARE(m.costs(0, 0), 0.0);
    }
};

QTEST_GUILESS_MAIN(TestImportLimits)
#include "test_import_limits.moc"
