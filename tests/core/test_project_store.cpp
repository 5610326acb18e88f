// The project store: schema, one-transaction dataset writes, outcome matrices.

#include "store/dataset_writer.h"
#include "store/project_check.h"
#include "store/project_store.h"
#include "store/query_listings.h"
#include "test_support.h"

#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <filesystem>

using namespace routescope;

class TestProjectStore : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    std::string path(const char* name) const { return (dir_.path() + "/" + name).toStdString(); }

    // Two complete queries and one with an empty cost, over two models.
    static void writeSmallDataset(ProjectStore& store, const std::string& name)
    {
        DatasetWriter writer(store, name, "long-csv", "small.csv");
        const int cheap = writer.addModel("cheap", 0.2, 0.2);
        const int strong = writer.addModel("strong", 10, 30);
        const auto q0 = writer.addQuery("q0", "what is 2+2", "math");
        const auto q1 = writer.addQuery("q1", "name a prime", "math");
        const auto q2 = writer.addQuery("q2", "incomplete one", "trivia");
        writer.addOutcome(q0, cheap, {1.0, 0.001});
        writer.addOutcome(q0, strong, {1.0, 0.010});
        writer.addOutcome(q1, cheap, {0.0, 0.002});
        writer.addOutcome(q1, strong, {1.0, 0.020});
        writer.addOutcome(q2, cheap, {1.0, std::nullopt});
        writer.addOutcome(q2, strong, {1.0, 0.030});
        QCOMPARE(writer.commit(), 1);
    }

    // A new project at `file` holding that dataset as "small", closed again; returns the dataset's id.
    static std::int64_t projectWithSmallDataset(const std::string& file)
    {
        ProjectStore store(file);
        writeSmallDataset(store, "small");
        return *store.findDataset("small");
    }

    // The same dataset as rows of a schema 1 to 3 project (outcomes table), as older builds wrote
    // it, with tokens and latency on one outcome and the pair (q2, strong) absent.
    static void writeSmallDatasetRows(sqlite::Database& db)
    {
        db.exec("INSERT INTO datasets (id, name, format, source, incomplete_rows) VALUES (7, 'small', 'long-csv', 'small.csv', 1);"
                "INSERT INTO models (id, dataset_id, position, name, input_price, output_price) VALUES"
                " (11, 7, 0, 'cheap', 0.2, 0.2), (12, 7, 1, 'strong', 10, 30);"
                "INSERT INTO queries (id, dataset_id, position, sample_id, text, task, complete) VALUES"
                " (21, 7, 0, 'q0', 'what is 2+2', 'math', 1), (22, 7, 1, 'q1', 'name a prime', 'math', 1),"
                " (23, 7, 2, 'q2', 'incomplete one', 'trivia', 0);"
                "INSERT INTO outcomes (query_id, model_id, score, cost, input_tokens, output_tokens, latency) VALUES"
                " (21, 11, 1.0, 0.001, 12, 30, 0.5), (21, 12, 1.0, 0.010, NULL, NULL, NULL),"
                " (22, 11, 0.0, 0.002, NULL, NULL, NULL), (22, 12, 1.0, 0.020, NULL, NULL, NULL),"
                " (23, 11, 1.0, NULL, NULL, NULL, NULL);");
    }

private slots:
    void outcomeRowsMigrateToColumns_data()
    {
        QTest::addColumn<int>("version");
        QTest::newRow("v1") << 1;
        QTest::newRow("v2") << 2;
        QTest::newRow("v3") << 3;
    }

    // Schema 5 keeps outcomes as column blobs: projects of schema 1 to 4 come over value by value.
    void outcomeRowsMigrateToColumns()
    {
        QFETCH(int, version);
        const auto file = path(("rows-v" + std::to_string(version) + ".routescope").c_str());
        const std::vector<std::string_view> older(schema::kMigrations.begin(), schema::kMigrations.begin() + version);
        {
            ProjectStore store(file, ProjectStore::Access::ReadWrite, older);
            writeSmallDatasetRows(store.database());
        }
        const auto written = [&] {
            ProjectStore fresh(path(("columns-v" + std::to_string(version) + ".routescope").c_str()));
            writeSmallDataset(fresh, "small");
            return fresh.loadOutcomes(*fresh.findDataset("small"));
        }();
        ProjectStore store(file);
        QCOMPARE(store.migrationBackup().value(), file + ".v" + std::to_string(version) + ".bak");
        const OutcomeMatrix migrated = store.loadOutcomes(7);
        QVERIFY(migrated.scores == written.scores);
        QVERIFY(migrated.costs == written.costs);
        QCOMPARE(migrated.queries.size(), std::size_t(2));
        QCOMPARE(migrated.queries[1].text, std::string("name a prime"));
        // Schema 6 keeps each prompt's length in bytes, which training reads in place of the text.
        QCOMPARE(store.loadPromptBytes(7), (std::vector<double>{11, 12}));
        QCOMPARE(test::storedOutcome(store.database(), "q0", "cheap", "input_tokens"), std::optional<double>(12));
        QCOMPARE(test::storedOutcome(store.database(), "q0", "cheap", "output_tokens"), std::optional<double>(30));
        QCOMPARE(test::storedOutcome(store.database(), "q0", "cheap", "latencies"), std::optional<double>(0.5));
        QCOMPARE(test::storedOutcome(store.database(), "q0", "strong", "latencies"), std::nullopt);
        QCOMPARE(test::storedOutcome(store.database(), "q2", "cheap", "costs"), std::nullopt);
        QCOMPARE(test::storedOutcome(store.database(), "q2", "strong", "scores"), std::nullopt);
        QCOMPARE(store.datasets()[0].models[1].totalCost, 0.030);
        auto tables = store.database().prepare("SELECT COUNT(*) FROM sqlite_master WHERE name = 'outcomes'");
        QVERIFY(tables.step());
        QCOMPARE(tables.int64(0), 0);
        const ProjectCheck check = checkProject(file);
        QVERIFY2(check.healthy(), check.problems.empty() ? "" : check.problems.front().c_str());
    }

    void damagedOutcomeRowStaysVisibleAfterMigration()
    {
        // A score another program made text stays out of range, so the check still names it.
        const auto file = path("rows-damaged.routescope");
        const std::vector<std::string_view> v3(schema::kMigrations.begin(), schema::kMigrations.begin() + 3);
        {
            ProjectStore store(file, ProjectStore::Access::ReadWrite, v3);
            writeSmallDatasetRows(store.database());
            store.database().exec("UPDATE outcomes SET score = 'free' WHERE query_id = 22 AND model_id = 12");
        }
        {
            ProjectStore store(file);
            QVERIFY_THROWS_EXCEPTION(ProjectFileError, store.loadOutcomes(7));
        }
        const ProjectCheck check = checkProject(file);
        QCOMPARE(check.problems.size(), std::size_t(1));
        QVERIFY2(check.problems[0].find("1 scores outside [0, 1], e.g. dataset 'small', query 'q1', model 'strong': inf") == 0,
                 check.problems[0].c_str());
    }

    void newProjectHasCurrentSchema()
    {
        ProjectStore store(path("new.routescope"));
        auto version = store.database().prepare("PRAGMA user_version");
        QVERIFY(version.step());
        QCOMPARE(version.int64(0), ProjectStore::kSchemaVersion);
        auto mode = store.database().prepare("PRAGMA journal_mode");
        QVERIFY(mode.step());
        QCOMPARE(QString::fromStdString(mode.text(0)), QStringLiteral("wal"));
        QVERIFY(store.datasets().empty());
    }

    void newProjectIsMarkedAsRouteScopes()
    {
        ProjectStore store(path("marked.routescope"));
        auto id = store.database().prepare("PRAGMA application_id");
        QVERIFY(id.step());
        QCOMPARE(id.int64(0), std::int64_t(schema::kApplicationId));
        const ProjectCheck check = checkProject(store.path());
        QVERIFY2(check.healthy(), check.problems.empty() ? "" : check.problems.front().c_str());
        QVERIFY(check.marked);
    }

    void valuesAreCheckedWhenReadBack()
    {
        // Another program writes a score of 7.5, a price of -1 and a half-float embedding.
        const auto file = path("edited.routescope");
        const std::int64_t datasetId = projectWithSmallDataset(file);
        QVERIFY(checkProject(file).healthy());
        QVERIFY(checkProject(file).valuesChecked > 0);
        test::setStoredOutcome(file, "q1", "strong", "scores", 7.5);
        ProjectStore store(file, ProjectStore::Access::ReadOnly);
        try {
            store.loadOutcomes(datasetId);
            QFAIL("a score of 7.5 was read as data");
        } catch (const ProjectFileError& e) {
            QCOMPARE(e.reason(), ProjectFileError::Reason::Damaged);
            QVERIFY2(std::string(e.what()).find(file + ": score '7.5' of model 'strong' for query 'q1' is outside [0, 1]") == 0,
                     e.what());
        }
        const ProjectCheck check = checkProject(file);
        QCOMPARE(check.problems.size(), std::size_t(1));
        QVERIFY2(check.problems[0].find("1 scores outside [0, 1], e.g. dataset 'small', query 'q1', model 'strong': 7.5") == 0,
                 check.problems[0].c_str());

        test::setStoredOutcome(file, "q1", "strong", "scores", 1.0);
        sqlite::Database(file, sqlite::Database::Mode::ReadWrite)
            .exec("UPDATE models SET input_price = -1 WHERE name = 'cheap';"
                  "INSERT INTO query_embeddings VALUES ((SELECT id FROM queries WHERE sample_id = 'q0'), x'0000803F00');");
        QVERIFY_THROWS_EXCEPTION(ProjectFileError, store.loadOutcomes(datasetId));
        QVERIFY_THROWS_EXCEPTION(ProjectFileError, store.loadEmbeddings(datasetId));
        const ProjectCheck again = checkProject(file);
        QCOMPARE(again.problems.size(), std::size_t(2));
        QVERIFY2(again.problems[0].find("1 prices outside [0, 1000000] USD per million tokens") == 0, again.problems[0].c_str());
        QVERIFY2(again.problems[1].find("1 embeddings that are not vectors of finite floats, e.g. query 'q0': 5 bytes") == 0,
                 again.problems[1].c_str());
    }

    void storedPromptLengthIsChecked()
    {
        // A prompt length another program changed: the read refuses it if it is no length at all,
        // the project check names it whenever it is not the prompt's.
        const auto file = path("prompt-bytes.routescope");
        const std::int64_t datasetId = projectWithSmallDataset(file);
        sqlite::Database(file, sqlite::Database::Mode::ReadWrite).exec("UPDATE queries SET prompt_bytes = 3 WHERE sample_id = 'q1'");
        {
            ProjectStore store(file, ProjectStore::Access::ReadOnly);
            QCOMPARE(store.loadPromptBytes(datasetId).at(1), 3.0);
        }
        ProjectCheck check = checkProject(file);
        QCOMPARE(check.problems.size(), std::size_t(1));
        QVERIFY2(check.problems[0].find("1 queries whose stored prompt length is not their prompt's length in bytes, e.g. "
                                        "'q1': 3 for 12 bytes") == 0,
                 check.problems[0].c_str());
        sqlite::Database(file, sqlite::Database::Mode::ReadWrite).exec("UPDATE queries SET prompt_bytes = -2.5 WHERE sample_id = 'q1'");
        ProjectStore store(file, ProjectStore::Access::ReadOnly);
        try {
            store.loadPromptBytes(datasetId);
            QFAIL("a prompt length of -2.5 was read");
        } catch (const ProjectFileError& e) {
            QCOMPARE(e.reason(), ProjectFileError::Reason::Damaged);
            QVERIFY2(std::string(e.what()).find("the prompt length '-2.5' of query 'q1' is not a whole number of bytes") !=
                         std::string::npos,
                     e.what());
        }
    }

    void trainingReadsTheQueriesFromTheCoveringIndex()
    {
        // What schema 6 is for: training's listings of a dataset's queries, the statements
        // ProjectStore uses, read the index alone, no page of the prompts' text.
        ProjectStore store(path("plan.routescope"));
        writeSmallDataset(store, "small");
        for (const char* listing : {query_listings::kPromptBytes, query_listings::kWithoutText}) {
            auto plan = store.database().prepare(std::string("EXPLAIN QUERY PLAN ") + listing);
            plan.bind(1, *store.findDataset("small"));
            std::string steps;
            while (plan.step())
                steps += plan.text(3) + "\n";
            QVERIFY2(steps.find("USING COVERING INDEX queries_by_dataset") != std::string::npos, steps.c_str());
        }
    }

    void committedDatasetIsSummarised()
    {
        ProjectStore store(path("summary.routescope"));
        writeSmallDataset(store, "small");
        const auto datasets = store.datasets();
        QCOMPARE(datasets.size(), std::size_t(1));
        const auto& d = datasets[0];
        QCOMPARE(d.name, std::string("small"));
        QCOMPARE(d.queries, 2);
        QCOMPARE(d.incompleteRows, 1);
        QCOMPARE(d.models.size(), std::size_t(2));
        QCOMPARE(d.models[0].meanScore, 0.5);
        QCOMPARE(d.models[0].totalCost, 0.003);
        QCOMPARE(d.models[1].meanScore, 1.0);
        QCOMPARE(d.models[1].totalCost, 0.030);
        QCOMPARE(d.models[1].inputPrice.value(), 10.0);
    }

    void outcomeMatrixHoldsCompleteQueriesInOrder()
    {
        ProjectStore store(path("matrix.routescope"));
        writeSmallDataset(store, "small");
        const OutcomeMatrix m = store.loadOutcomes(*store.findDataset("small"));
        QCOMPARE(m.queryCount(), 2);
        QCOMPARE(m.modelCount(), 2);
        QCOMPARE(m.queries[1].sampleId, std::string("q1"));
        QCOMPARE(m.queries[1].text, std::string("name a prime"));
        QCOMPARE(m.scores(1, 0), 0.0);
        QCOMPARE(m.scores(1, 1), 1.0);
        QCOMPARE(m.costs(0, 1), 0.010);
        QVERIFY(m.scores.allFinite() && m.costs.allFinite());
    }

    void uncommittedWriterLeavesProjectUnchanged()
    {
        ProjectStore store(path("rollback.routescope"));
        writeSmallDataset(store, "kept");
        {
            DatasetWriter writer(store, "dropped", "long-csv", "x.csv");
            const int m = writer.addModel("a");
            const auto q = writer.addQuery("q", "text", "task");
            writer.addOutcome(q, m, {1.0, 0.1});
        }
        const auto datasets = store.datasets();
        QCOMPARE(datasets.size(), std::size_t(1));
        QCOMPARE(datasets[0].name, std::string("kept"));
        auto count = store.database().prepare("SELECT COUNT(*) FROM queries");
        QVERIFY(count.step());
        QCOMPARE(count.int64(0), 3);
    }

    void duplicatesAreRejected()
    {
        ProjectStore store(path("dupes.routescope"));
        DatasetWriter writer(store, "d", "long-csv", "x.csv");
        const int m = writer.addModel("a");
        const auto q = writer.addQuery("q", "text", "task");
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, writer.addQuery("q", "again", "task"));
        writer.addOutcome(q, m, {1.0, 0.1});
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, writer.addOutcome(q, m, {0.0, 0.1}));
        writer.commit();
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, DatasetWriter(store, "d", "x", "y"));
        QCOMPARE(store.datasets().size(), std::size_t(1));
    }

    void tasksInOrderOfFirstAppearance()
    {
        ProjectStore store(path("tasks.routescope"));
        writeSmallDataset(store, "small");
        // q2 (trivia) is incomplete, so only math remains.
        QCOMPARE(store.tasks(*store.findDataset("small")), std::vector<std::string>{"math"});
    }

    void uniqueNamesCountUp()
    {
        ProjectStore store(path("names.routescope"));
        QCOMPARE(store.uniqueDatasetName("small"), std::string("small"));
        writeSmallDataset(store, "small");
        QCOMPARE(store.uniqueDatasetName("small"), std::string("small-2"));
    }

    void newerSchemaIsRefused()
    {
        const auto file = path("future.routescope");
        {
            ProjectStore store(file);
            store.database().exec("PRAGMA user_version = 99");
        }
        try {
            ProjectStore again(file);
            QFAIL("a project from a newer schema opened");
        } catch (const std::exception& e) {
            QVERIFY2(QString(e.what()).contains("newer RouteScope"), e.what());
        }
    }

    void olderSchemaIsBackedUpThenMigrated()
    {
        // A project of this build's schema plays the old one; the test stages a newer schema by
        // handing the store this build's migrations plus one more.
        const auto file = path("old.routescope");
        const std::string current = ".v" + std::to_string(ProjectStore::kSchemaVersion) + ".bak";
        {
            ProjectStore store(file);
            QVERIFY(!store.migrationBackup());
            writeSmallDataset(store, "small");
        }
        std::vector<std::string_view> newer(schema::kMigrations.begin(), schema::kMigrations.end());
        newer.push_back("ALTER TABLE datasets ADD COLUMN note TEXT NOT NULL DEFAULT 'v2'");
        {
            ProjectStore migrated(file, ProjectStore::Access::ReadWrite, newer);
            QCOMPARE(migrated.migrationBackup().value(), file + current);
            auto version = migrated.database().prepare("PRAGMA user_version");
            QVERIFY(version.step());
            QCOMPARE(version.int64(0), ProjectStore::kSchemaVersion + 1);
            auto note = migrated.database().prepare("SELECT note FROM datasets");
            QVERIFY(note.step());
            QCOMPARE(note.text(0), std::string("v2"));
            QCOMPARE(migrated.datasets()[0].queries, 2);
        }
        // The backup is the project as it was, readable by this build.
        ProjectStore backup(file + current, ProjectStore::Access::ReadOnly);
        QCOMPARE(backup.datasets().size(), std::size_t(1));
        QCOMPARE(backup.datasets()[0].queries, 2);
        auto columns = backup.database().prepare("SELECT COUNT(*) FROM pragma_table_info('datasets') WHERE name = 'note'");
        QVERIFY(columns.step());
        QCOMPARE(columns.int64(0), 0);
        // Opening the migrated project again makes no new backup.
        std::filesystem::remove(file + current);
        ProjectStore again(file, ProjectStore::Access::ReadWrite, newer);
        QVERIFY(!again.migrationBackup());
        QVERIFY(!std::filesystem::exists(file + current));
    }

    void failedMigrationLeavesTheOldVersion()
    {
        const auto file = path("broken-step.routescope");
        {
            ProjectStore store(file);
            writeSmallDataset(store, "small");
        }
        std::vector<std::string_view> broken(schema::kMigrations.begin(), schema::kMigrations.end());
        broken.push_back("ALTER TABLE no_such_table ADD COLUMN x TEXT");
        QVERIFY_THROWS_EXCEPTION(sqlite::Error, ProjectStore(file, ProjectStore::Access::ReadWrite, broken));
        QVERIFY(std::filesystem::exists(file + ".v" + std::to_string(ProjectStore::kSchemaVersion) + ".bak"));
        ProjectStore store(file); // still this build's schema, whole
        QCOMPARE(store.datasets()[0].queries, 2);
    }

    void firstSchemaProjectMigratesToThisSchema()
    {
        // A project written by the first release (schema v1) opens in this build: backed up,
        // then migrated, its data whole and the featurizer tables there.
        const auto file = path("v1.routescope");
        const std::vector<std::string_view> v1(schema::kMigrations.begin(), schema::kMigrations.begin() + 1);
        {
            ProjectStore store(file, ProjectStore::Access::ReadWrite, v1);
            writeSmallDatasetRows(store.database());
        }
        ProjectStore store(file);
        QCOMPARE(store.migrationBackup().value(), file + ".v1.bak");
        QCOMPARE(store.datasets()[0].queries, 2);
        auto tables = store.database().prepare(
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ('featurizers', 'feature_sets')");
        QVERIFY(tables.step());
        QCOMPARE(tables.int64(0), 2);
        auto keyed = store.database().prepare("SELECT COUNT(*) FROM pragma_table_info('feature_sets') WHERE name = 'featurizer_id'");
        QVERIFY(keyed.step());
        QCOMPARE(keyed.int64(0), 1);
        auto warnings = store.database().prepare("SELECT COUNT(*) FROM pragma_table_info('experiment_runs') WHERE name = 'warnings'");
        QVERIFY(warnings.step());
        QCOMPARE(warnings.int64(0), 1);
    }

    void failedStepOfAnUpgradeLeavesTheFirstVersion()
    {
        // v1 -> this build's schema -> a broken step: all or nothing, the project stays v1.
        const auto file = path("v1-broken.routescope");
        const std::vector<std::string_view> v1(schema::kMigrations.begin(), schema::kMigrations.begin() + 1);
        {
            ProjectStore store(file, ProjectStore::Access::ReadWrite, v1);
            writeSmallDatasetRows(store.database());
        }
        std::vector<std::string_view> broken(schema::kMigrations.begin(), schema::kMigrations.end());
        broken.push_back("ALTER TABLE no_such_table ADD COLUMN x TEXT");
        QVERIFY_THROWS_EXCEPTION(sqlite::Error, ProjectStore(file, ProjectStore::Access::ReadWrite, broken));
        ProjectStore store(file, ProjectStore::Access::ReadOnly, v1);
        auto rows = store.database().prepare("SELECT COUNT(*) FROM outcomes");
        QVERIFY(rows.step());
        QCOMPARE(rows.int64(0), 5);
        auto tables = store.database().prepare("SELECT COUNT(*) FROM sqlite_master WHERE name IN ('featurizers', 'model_outcomes')");
        QVERIFY(tables.step());
        QCOMPARE(tables.int64(0), 0);
    }

    void removingDatasetCascades()
    {
        ProjectStore store(path("remove.routescope"));
        writeSmallDataset(store, "small");
        store.removeDataset(*store.findDataset("small"));
        auto count = store.database().prepare("SELECT (SELECT COUNT(*) FROM model_outcomes) + (SELECT COUNT(*) FROM queries)");
        QVERIFY(count.step());
        QCOMPARE(count.int64(0), 0);
    }
};

QTEST_GUILESS_MAIN(TestProjectStore)
#include "test_project_store.moc"
