// Inputs that can be read only once: standard input ("-" and /dev/stdin), pipes and FIFOs. The
// command-line tool runs as a child process and is fed through a real pipe or FIFO; every record
// must arrive, whatever the size (more than the 1 MiB the format is told from) or the format.

#include "test_support.h"

#include <QDeadlineTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>
#include <sstream>

using namespace routescope;

namespace {

// 4,000 queries x 2 models as long JSONL: about 1.8 MB, past the first 1 MiB chunk.
QByteArray longJsonl(int queries)
{
    std::ostringstream out;
    for (int q = 0; q < queries; ++q)
        for (int m = 0; m < 2; ++m)
            out << R"({"sample_id": "q)" << q << R"(", "model": "m)" << m << R"(", "score": )" << (q + m) % 2
                << R"(, "cost": 0.00)" << m + 1 << R"(, "prompt": "question )" << q << ' ' << std::string(150, 'x') << "\"}\n";
    return QByteArray::fromStdString(out.str());
}

QByteArray fileBytes(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

struct Imported {
    int exitCode = -1;
    QByteArray err;
    int queries = -1; // of the one dataset, from `info --json`
};

int datasetQueries(const QString& db)
{
    QProcess info;
    info.start(QStringLiteral(ROUTESCOPE_CLI), {"info", "--db", db, "--json"});
    if (!info.waitForFinished(60000) || info.exitCode() != 0)
        return -1;
    const auto datasets = QJsonDocument::fromJson(info.readAllStandardOutput()).object()["datasets"].toArray();
    return datasets.size() == 1 ? datasets[0].toObject()["queries"].toInt() : -1;
}

// Runs `import SOURCE --db DB ARGS...` with `input` written to the child's standard input (a pipe).
Imported importThroughStdin(const QString& source, const QString& db, const QByteArray& input, QStringList args = {})
{
    QProcess child;
    child.start(QStringLiteral(ROUTESCOPE_CLI), QStringList{"import", source, "--db", db} + args);
    Imported result;
    if (!child.waitForStarted())
        return result;
    child.write(input);
    child.closeWriteChannel();
    if (!child.waitForFinished(120000))
        return result;
    result.exitCode = child.exitStatus() == QProcess::NormalExit ? child.exitCode() : -1;
    result.err = child.readAllStandardError();
    result.queries = datasetQueries(db);
    return result;
}

} // namespace

class TestInputStreams : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    int projects_ = 0;
    QString newProject() { return dir_.filePath("p" + QString::number(++projects_) + ".routescope"); }

private slots:
    void standardInputLosesNothing_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<int>("queries");
        const QByteArray big = longJsonl(4000);
        QTest::newRow("- with 1.8 MB of JSONL") << QStringLiteral("-") << big << 4000;
        QTest::newRow("/dev/stdin with 1.8 MB of JSONL") << QStringLiteral("/dev/stdin") << big << 4000;
        QTest::newRow("- with a small long CSV") << QStringLiteral("-")
                                                 << fileBytes(ROUTESCOPE_TEST_DATA "/gui/two_queries_long.csv") << 2;
        QTest::newRow("- with a small wide CSV") << QStringLiteral("-")
                                                 << fileBytes(ROUTESCOPE_TEST_DATA "/good/wide_small.csv") << 2;
    }

    void standardInputLosesNothing()
    {
        QFETCH(QString, source);
        QFETCH(QByteArray, input);
        QFETCH(int, queries);
        const QString db = newProject();
        const Imported imported = importThroughStdin(source, db, input);
        QVERIFY2(imported.exitCode == 0, imported.err.constData());
        QCOMPARE(imported.queries, queries);
    }

    void wideCsvLargerThanTheHeadThroughAPipe()
    {
        // A synthetic wide CSV of 2.8 MB: detected from its first chunk, then read on from the pipe.
        const QString csv = dir_.filePath("synthetic.csv");
        {
            std::ofstream out(csv.toStdString());
            SyntheticBenchmarkOptions options;
            options.queries = 1000;
            options.seed = 4;
            writeSyntheticRouterBench(out, options);
        }
        const QByteArray bytes = fileBytes(csv);
        QVERIFY(bytes.size() > 2 * (1 << 20));
        const Imported imported = importThroughStdin("-", newProject(), bytes);
        QVERIFY2(imported.exitCode == 0, imported.err.constData());
        QCOMPARE(imported.queries, 1000);
    }

    void standardInputTwiceIsAUsageError()
    {
        const Imported imported = importThroughStdin("-", newProject(), "x", {"-"});
        QCOMPARE(imported.exitCode, 2);
        QVERIFY2(imported.err.contains("'-' (standard input) can be imported once"), imported.err.constData());
    }

    void fifoIsReadOnce()
    {
        const QString fifo = dir_.filePath("records.fifo");
        QVERIFY(::mkfifo(fifo.toLocal8Bit().constData(), 0600) == 0);
        const QString db = newProject();
        QProcess child;
        child.start(QStringLiteral(ROUTESCOPE_CLI), {"import", fifo, "--db", db, "--format", "long-jsonl"});
        QVERIFY(child.waitForStarted());
        // Open for writing once the child reads (ENXIO until then); never block this test.
        int fd = -1;
        const QDeadlineTimer cap(60000);
        while (fd < 0 && !cap.hasExpired() && child.state() == QProcess::Running) {
            fd = ::open(fifo.toLocal8Bit().constData(), O_WRONLY | O_NONBLOCK);
            if (fd < 0)
                QTest::qWait(10);
        }
        QVERIFY2(fd >= 0, "the import never opened the FIFO");
        ::fcntl(fd, F_SETFL, 0); // blocking writes from here
        const QByteArray input = longJsonl(4000);
        qint64 written = 0;
        while (written < input.size()) {
            const auto n = ::write(fd, input.constData() + written, std::size_t(input.size() - written));
            if (n < 0 && errno == EINTR)
                continue;
            QVERIFY2(n > 0, "the reader went away (SIGPIPE would have killed a shell writer)");
            written += n;
        }
        ::close(fd);
        QVERIFY(child.waitForFinished(120000));
        QVERIFY2(child.exitCode() == 0, child.readAllStandardError().constData());
        QCOMPARE(datasetQueries(db), 4000);
    }
};

QTEST_GUILESS_MAIN(TestInputStreams)
#include "test_input_streams.moc"
