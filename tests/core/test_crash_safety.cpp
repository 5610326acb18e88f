// Crash safety and two processes on one project, with real child processes: a writer killed
// (SIGKILL) in the middle of an import or of saving trained routers leaves a project that
// opens, passes PRAGMA integrity_check and holds exactly the state before the interrupted
// operation; a second writer is refused with the first one's pid while readers carry on.

#include "experiment/experiment_store.h"
#include "import/importer.h"
#include "store/project_store.h"
#include "store/schema.h"
#include "test_support.h"

#include <QDeadlineTimer>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace routescope;

namespace {

// Each table's row count: what a write of any schema could have touched.
std::string tableCounts(sqlite::Database& db)
{
    std::ostringstream out;
    auto tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
    while (tables.step()) {
        auto count = db.prepare("SELECT COUNT(*) FROM \"" + tables.text(0) + "\"");
        count.step();
        out << tables.text(0) << ' ' << count.int64(0) << '\n';
    }
    return out.str();
}

// Everything a write could have touched: each table's row count and the datasets summary.
std::string projectSnapshot(ProjectStore& store)
{
    std::ostringstream out;
    for (const auto& d : store.datasets())
        out << d.id << ' ' << d.name << ' ' << d.queries << ' ' << d.incompleteRows << ' ' << d.models.size() << '\n';
    return out.str() + tableCounts(store.database());
}

std::string integrityCheck(ProjectStore& store)
{
    auto check = store.database().prepare("PRAGMA integrity_check");
    std::string result;
    while (check.step())
        result += check.text(0);
    return result;
}

std::int64_t fileSize(const std::string& path)
{
    std::error_code error;
    const auto size = std::filesystem::file_size(path, error);
    return error ? 0 : static_cast<std::int64_t>(size);
}

// Waits for `ready` while the child runs, reading its output meanwhile; the two-minute cap is a
// safety net for a hung child, not a time assertion.
template <typename Ready>
bool waitWhileRunning(QProcess& child, Ready ready)
{
    const QDeadlineTimer cap(120000);
    while (child.state() == QProcess::Running && !cap.hasExpired()) {
        if (ready())
            return true;
        child.waitForReadyRead(5);
    }
    return ready();
}

void killChild(QProcess& child)
{
    child.kill(); // SIGKILL
    QVERIFY(child.waitForFinished(30000));
    QCOMPARE(child.exitStatus(), QProcess::CrashExit);
}

} // namespace

class TestCrashSafety : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    std::string path(const char* name) const { return (dir_.path() + "/" + name).toStdString(); }

private slots:
    void importKilledMidwayLeavesProjectAsBefore()
    {
        const auto project = path("import.routescope");
        std::string before;
        {
            ProjectStore store(project);
            importDataset(store, test::testData("good/long_small.csv"), {});
            before = projectSnapshot(store);
        }
        // Large enough that the import spills pages into the write-ahead log long before it ends.
        const auto big = path("big.csv");
        {
            std::ofstream out(big);
            out << "sample_id,model,score,cost,prompt\n";
            for (int q = 0; q < 100000; ++q)
                for (int m = 0; m < 4; ++m)
                    out << 'q' << q << ",model-" << m << ',' << (q + m) % 2 << ",0.00" << m + 1 << ",prompt number " << q << '\n';
        }
        QProcess child;
        child.start(QStringLiteral(ROUTESCOPE_CLI), {"import", QString::fromStdString(big), "--db", QString::fromStdString(project)});
        QVERIFY(child.waitForStarted());
        const auto wal = project + "-wal";
        QVERIFY2(waitWhileRunning(child, [&] { return fileSize(wal) > (4 << 20); }),
                 "the import ended before it had written 4 MiB");
        QCOMPARE(child.state(), QProcess::Running);
        killChild(child);

        ProjectStore store(project);
        QCOMPARE(integrityCheck(store), std::string("ok"));
        QCOMPARE(projectSnapshot(store), before);
        // And the project takes the same import in full afterwards.
        const auto report = importDataset(store, big, {});
        QCOMPARE(report.queries, 100000);
        QCOMPARE(integrityCheck(store), std::string("ok"));
    }

    void migrationKilledMidwayLeavesOldProjectUsable()
    {
        // A schema 3 project (outcomes as a row per query and model) large enough that its
        // migration to column blobs spills pages into the write-ahead log long before it commits.
        const auto project = path("migrate.routescope");
        const std::vector<std::string_view> v3(schema::kMigrations.begin(), schema::kMigrations.begin() + 3);
        std::string before;
        {
            ProjectStore store(project, ProjectStore::Access::ReadWrite, v3);
            store.database().exec(
                "BEGIN;"
                "INSERT INTO datasets (id, name, format, source, incomplete_rows) VALUES (1, 'big', 'long-csv', 'big.csv', 0);"
                "INSERT INTO models (id, dataset_id, position, name, input_price, output_price) VALUES"
                " (1, 1, 0, 'm0', 1, 1), (2, 1, 1, 'm1', 1, 1), (3, 1, 2, 'm2', 1, 1), (4, 1, 3, 'm3', 1, 1);"
                "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 149999)"
                " INSERT INTO queries (id, dataset_id, position, sample_id, text, task, complete)"
                " SELECT i + 1, 1, i, 'q' || i, 'prompt number ' || i, 'task', 1 FROM n;"
                "INSERT INTO outcomes (query_id, model_id, score, cost, input_tokens, output_tokens, latency)"
                " SELECT q.id, m.id, (q.id + m.id) % 2, 0.001 * m.id, 10, 20, 0.5 FROM queries q, models m;"
                "COMMIT;");
            before = tableCounts(store.database());
        }
        QProcess child;
        child.start(QStringLiteral(ROUTESCOPE_CLI), {"upgrade", "--db", QString::fromStdString(project)});
        QVERIFY(child.waitForStarted());
        const auto wal = project + "-wal";
        QVERIFY2(waitWhileRunning(child, [&] { return fileSize(wal) > (2 << 20); }),
                 "the migration ended before it had written 2 MiB");
        QCOMPARE(child.state(), QProcess::Running);
        killChild(child);

        {
            // The project is still whole at schema 3, as before the migration began.
            ProjectStore old(project, ProjectStore::Access::ReadOnly, v3);
            QCOMPARE(integrityCheck(old), std::string("ok"));
            QCOMPARE(tableCounts(old.database()), before);
            auto version = old.database().prepare("PRAGMA user_version");
            QVERIFY(version.step());
            QCOMPARE(version.int64(0), std::int64_t(3));
        }
        // And it migrates in full afterwards, every outcome carried over.
        ProjectStore store(project);
        QCOMPARE(integrityCheck(store), std::string("ok"));
        const auto data = store.loadOutcomes(1);
        QCOMPARE(data.queries.size(), std::size_t(150000));
        QCOMPARE(data.scores(149999, 3), double((150000 + 4) % 2));
        QCOMPARE(data.costs(7, 2), 0.003);
    }

    void saveKilledMidwayLeavesOnlyCompleteExperiments()
    {
        const auto project = path("save.routescope");
        QProcess child;
        child.start(QStringLiteral(ROUTESCOPE_PROJECT_HELPER), {"save-loop", QString::fromStdString(project)});
        QVERIFY(child.waitForStarted());
        QByteArray output;
        // Kill once the fourth save has begun: three are committed, the fourth is under way.
        QVERIFY2(waitWhileRunning(child, [&] {
                     output += child.readAllStandardOutput();
                     return output.contains("saving 4\n");
                 }),
                 child.readAllStandardError().constData());
        killChild(child);
        output += child.readAllStandardOutput();

        ProjectStore store(project);
        QCOMPARE(integrityCheck(store), std::string("ok"));
        const auto experiments = listExperiments(store);
        // run-4 is there only if its commit beat the kill; then "saved 4" may or may not have been printed.
        QVERIFY2(experiments.size() == 3 || experiments.size() == 4, output.constData());
        const auto datasetId = *store.findDataset("save.routescope.synthetic");
        const auto data = store.loadOutcomes(datasetId);
        const auto first = loadExperiment(store, "run-1", data);
        for (std::size_t i = 0; i < experiments.size(); ++i) {
            QCOMPARE(experiments[i].label, "run-" + std::to_string(i + 1));
            QCOMPARE(experiments[i].seeds, (std::vector<std::uint64_t>{0, 1, 2}));
            QCOMPARE(experiments[i].routerNames, (std::vector<std::string>{"knn", "ridge", "mlp:epochs=3", "random"}));
            // Every saved router is whole: it loads and predicts as the first save does.
            const auto runs = loadExperiment(store, experiments[i].label, data);
            QCOMPARE(runs.size(), std::size_t(3));
            for (std::size_t s = 0; s < runs.size(); ++s)
                for (std::size_t r = 0; r < runs[s].routers.size(); ++r)
                    QCOMPARE(runs[s].routers[r].predictedQuality, first[s].routers[r].predictedQuality);
        }
        auto count = store.database().prepare("SELECT COUNT(*) FROM routers");
        count.step();
        QCOMPARE(count.int64(0), std::int64_t(experiments.size() * 3 * 4));
    }

    void secondWriterIsToldAndReadersCarryOn()
    {
        const auto project = path("shared.routescope");
        {
            ProjectStore store(project);
            importDataset(store, test::testData("good/long_small.csv"), {});
        }
        QProcess holder;
        holder.start(QStringLiteral(ROUTESCOPE_PROJECT_HELPER), {"hold", QString::fromStdString(project)});
        QVERIFY(holder.waitForStarted());
        QVERIFY(holder.waitForReadyRead(60000));
        const QByteArray line = holder.readLine().trimmed();
        QCOMPARE(line, "open " + QByteArray::number(holder.processId()));

        try {
            ProjectStore second(project);
            QFAIL("a second writer opened the project");
        } catch (const ProjectInUse& e) {
            QCOMPARE(e.pid(), static_cast<long>(holder.processId()));
            const std::string expected = "project " + project + " is open in another RouteScope (pid " +
                                         std::to_string(holder.processId()) + ")";
            QVERIFY2(std::string(e.what()).find(expected) == 0, e.what());
        }
        {
            ProjectStore fallback(project, ProjectStore::Access::ReadWriteIfFree);
            QVERIFY(fallback.readOnly());
            QCOMPARE(fallback.inUseBy().value(), static_cast<long>(holder.processId()));
            QCOMPARE(fallback.datasets().size(), std::size_t(1));
        }
        // The command-line tool reads while the project is held, and a second import is refused.
        QProcess info;
        info.start(QStringLiteral(ROUTESCOPE_CLI), {"info", "--db", QString::fromStdString(project)});
        QVERIFY(info.waitForFinished(60000));
        QCOMPARE(info.exitCode(), 0);
        QVERIFY(info.readAllStandardOutput().contains("long_small"));
        QProcess import;
        import.start(QStringLiteral(ROUTESCOPE_CLI), {"import", QString::fromStdString(test::testData("good/long_small.csv")),
                                                      "--db", QString::fromStdString(project)});
        QVERIFY(import.waitForFinished(60000));
        QVERIFY(import.exitCode() != 0);
        QVERIFY2(import.readAllStandardError().contains("is open in another RouteScope"), "no clear error from import");

        // A killed holder leaves no lock behind.
        killChild(holder);
        ProjectStore again(project);
        QVERIFY(!again.readOnly());
        QCOMPARE(integrityCheck(again), std::string("ok"));
        QCOMPARE(again.datasets().size(), std::size_t(1));
    }

    void storesOfOneProcessShareTheLock()
    {
        const auto project = path("threads.routescope");
        ProjectStore first(project);
        ProjectStore second(project); // as the GUI's worker threads do
        QVERIFY(!first.readOnly() && !second.readOnly());
        importDataset(second, test::testData("good/long_small.csv"), {});
        QCOMPARE(first.datasets().size(), std::size_t(1));
    }
};

QTEST_GUILESS_MAIN(TestCrashSafety)
#include "test_crash_safety.moc"
