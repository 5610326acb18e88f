// A reopened experiment leaves its featurizers and routers' models in the project until first use:
// they then predict as the trained ones did, damage is named when a model is needed, and a model
// is read once whichever threads ask.

#include "experiment/comparison.h"
#include "experiment/experiment.h"
#include "experiment/experiment_store.h"
#include "experiment/rank_query.h"
#include "import/importer.h"
#include "util/load_on_first_use.h"
#include "test_support.h"

#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <thread>

using namespace routescope;

class TestLazyModels : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    std::string project_;
    OutcomeMatrix data_;
    std::vector<ExperimentRun> trained_;
    const std::vector<std::string> prompts_ = {"What is the capital of France?", "Prove that 2 + 2 = 4.", "sort a list in C++"};

    // A fresh copy of the project with the experiment "saved", for one test to change.
    std::string copyOfProject(const QString& name) const
    {
        const QString path = dir_.path() + "/" + name + ".routescope";
        QFile::remove(path);
        ProjectStore(project_, ProjectStore::Access::ReadOnly).saveCopy(path.toStdString());
        return path.toStdString();
    }

    static void change(const std::string& project, const std::string& sql)
    {
        ProjectStore store(project);
        store.database().exec(sql);
    }

    // The message of the FormatError `f` throws, or "" when it throws none.
    template <typename F>
    static std::string formatErrorOf(F f)
    {
        try {
            f();
        } catch (const FormatError& e) {
            return e.what();
        }
        return {};
    }

private slots:
    void initTestCase()
    {
        const std::string csv = (dir_.path() + "/synthetic.csv").toStdString();
        test::writeSyntheticCsv(csv, 5, 400);
        project_ = (dir_.path() + "/saved.routescope").toStdString();
        ProjectStore store(project_);
        const auto datasetId = importDataset(store, csv, {}).datasetId;
        data_ = store.loadOutcomes(datasetId);
        ExperimentSpec spec;
        for (const auto* r : {"knn", "ridge", "margin", "cascade"})
            spec.routers.push_back(parseRouterSpec(r));
        spec.seeds = {0, 1};
        spec.featurizer.dimensions = 32;
        trained_ = runExperiment({&data_}, {}, spec);
        saveExperiment(store, "saved", datasetId, std::nullopt, spec, trained_);
    }

    void reopenedModelsPredictAsTrained()
    {
        ProjectStore store(project_, ProjectStore::Access::ReadOnly);
        const auto loaded = loadExperiment(store, "saved", data_);
        QCOMPARE(loaded.size(), trained_.size());
        for (std::size_t s = 0; s < loaded.size(); ++s) {
            // Only the cascade, whose sweep needs it, is read on open.
            QVERIFY(!loaded[s].pipeline.loaded());
            for (const auto& r : loaded[s].routers)
                QCOMPARE(r.router.loaded(), r.spec.kind == "cascade");
            // The plots need none of the others.
            const Comparison comparison = compareRouters(loaded, modelNames(data_), BudgetPolicy::CostThreshold);
            QCOMPARE(comparison.seeds.size(), loaded.size());
            for (const auto& r : loaded[s].routers)
                QCOMPARE(r.router.loaded(), r.spec.kind == "cascade");

            for (const auto& prompt : prompts_) {
                const QueryRanking fresh = rankQuery(trained_[s], prompt);
                const QueryRanking reopened = rankQuery(loaded[s], prompt);
                QVERIFY(reopened.quality == fresh.quality);
                QVERIFY(reopened.predictedCost == fresh.predictedCost);
            }
            QVERIFY(loaded[s].pipeline.loaded());
            for (const auto& r : loaded[s].routers)
                QVERIFY(r.router.loaded());
        }
    }

    void damagedRouterModelIsNamedWhenNeeded()
    {
        const std::string project = copyOfProject("damaged_knn");
        change(project, "UPDATE routers SET model = substr(model, 1, 12) WHERE name = 'knn'"
                        " AND run_id = (SELECT id FROM experiment_runs WHERE seed = 1)");
        ProjectStore store(project, ProjectStore::Access::ReadOnly);
        const auto loaded = loadExperiment(store, "saved", data_);
        // The plots show, and the undamaged seed ranks a typed query.
        QCOMPARE(compareRouters(loaded, modelNames(data_), BudgetPolicy::CostThreshold).seeds.size(), std::size_t(2));
        QVERIFY(rankQuery(loaded[0], prompts_[0]).quality == rankQuery(trained_[0], prompts_[0]).quality);
        for (int attempt = 0; attempt < 2; ++attempt) {
            const std::string message = formatErrorOf([&] { rankQuery(loaded[1], prompts_[0]); });
            QVERIFY2(message.find("experiment 'saved', seed 1") != std::string::npos, message.c_str());
            QVERIFY2(message.find("router 'knn' is damaged") != std::string::npos, message.c_str());
        }
        QVERIFY(!loaded[1].routers[0].router.loaded());
    }

    void damagedFeaturizerIsNamedWhenNeeded()
    {
        const std::string project = copyOfProject("damaged_pipeline");
        change(project, "UPDATE experiment_runs SET pipeline = substr(pipeline, 1, 100) WHERE seed = 0");
        ProjectStore store(project, ProjectStore::Access::ReadOnly);
        const auto loaded = loadExperiment(store, "saved", data_);
        const std::string message = formatErrorOf([&] { rankQuery(loaded[0], prompts_[1]); });
        QVERIFY2(message.find("experiment 'saved', seed 0: the saved featurizer and cost model are damaged") != std::string::npos,
                 message.c_str());
        QVERIFY(rankQuery(loaded[1], prompts_[1]).quality == rankQuery(trained_[1], prompts_[1]).quality);
    }

    void missingOrDamagedModelsOnOpenAreNamed()
    {
        // What open can tell without reading a model: it is missing. A cascade is read on open.
        const std::string empty = copyOfProject("empty_model");
        change(empty, "UPDATE routers SET model = x'' WHERE name = 'ridge'");
        ProjectStore emptyStore(empty, ProjectStore::Access::ReadOnly);
        std::string message = formatErrorOf([&] { loadExperiment(emptyStore, "saved", data_); });
        QVERIFY2(message.find("experiment 'saved', seed 0: router 'ridge' has no saved model") != std::string::npos,
                 message.c_str());

        const std::string cascade = copyOfProject("damaged_cascade");
        change(cascade, "UPDATE routers SET model = substr(model, 1, 6) WHERE name = 'cascade'");
        ProjectStore cascadeStore(cascade, ProjectStore::Access::ReadOnly);
        message = formatErrorOf([&] { loadExperiment(cascadeStore, "saved", data_); });
        QVERIFY2(message.find("router 'cascade' is damaged") != std::string::npos, message.c_str());
    }

    void experimentRemovedSinceOpenIsNamed()
    {
        const std::string project = copyOfProject("removed");
        std::vector<ExperimentRun> loaded;
        {
            ProjectStore store(project, ProjectStore::Access::ReadOnly);
            loaded = loadExperiment(store, "saved", data_);
        }
        {
            ProjectStore store(project);
            removeExperiment(store, "saved");
        }
        const std::string message = formatErrorOf([&] { rankQuery(loaded[0], prompts_[0]); });
        QVERIFY2(message.find("no longer in the project") != std::string::npos, message.c_str());
    }

    void firstUseLoadsOnceWhicheverThreadsAsk()
    {
        std::atomic<int> loads{0};
        const auto holder = LoadOnFirstUse<std::vector<int>>::later([&loads] {
            ++loads;
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
            return std::vector<int>{1, 2, 3};
        });
        const auto copy = holder; // copies share the value
        std::vector<const std::vector<int>*> seen(6);
        std::vector<std::thread> threads;
        for (std::size_t t = 0; t < seen.size(); ++t)
            threads.emplace_back([&, t] { seen[t] = &(t % 2 ? copy : holder).value(); });
        for (auto& t : threads)
            t.join();
        QCOMPARE(loads.load(), 1);
        for (const auto* v : seen)
            QCOMPARE(v, seen.front());
        QCOMPARE(*seen.front(), (std::vector<int>{1, 2, 3}));

        // A load that fails is tried again by the next use.
        int attempts = 0;
        const auto flaky = LoadOnFirstUse<int>::later([&attempts] {
            if (++attempts == 1)
                throw FormatError("not yet");
            return 7;
        });
        QVERIFY_THROWS_EXCEPTION(FormatError, flaky.value());
        QVERIFY(!flaky.loaded());
        QCOMPARE(flaky.value(), 7);
        QCOMPARE(attempts, 2);
        QVERIFY(LoadOnFirstUse<int>().empty());
    }
};

QTEST_GUILESS_MAIN(TestLazyModels)
#include "test_lazy_models.moc"
