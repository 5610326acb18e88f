// Experiments end to end on synthetic data: splits, trained routers, comparison under a policy.

#include "experiment/budget_explorer.h"
#include "experiment/comparison.h"
#include "experiment/experiment.h"
#include "experiment/experiment_store.h"
#include "import/importer.h"
#include "test_support.h"

#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

#include <set>

using namespace routescope;

class TestExperiment : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    std::string csv_;
    OutcomeMatrix data_;

    ExperimentSpec spec(std::vector<std::string> routers, std::vector<std::uint64_t> seeds = {0}) const
    {
        ExperimentSpec s;
        for (const auto& r : routers)
            s.routers.push_back(parseRouterSpec(r));
        s.seeds = std::move(seeds);
        s.featurizer.dimensions = 64;
        return s;
    }

private slots:
    void initTestCase()
    {
        csv_ = (dir_.path() + "/synthetic.csv").toStdString();
        test::writeSyntheticCsv(csv_, 5, 600);
        ProjectStore store((dir_.path() + "/p.routescope").toStdString());
        const auto report = importDataset(store, csv_, {});
        data_ = store.loadOutcomes(report.datasetId);
        QCOMPARE(data_.queryCount(), 600);
    }

    void routerSpecsParse()
    {
        const auto s = parseRouterSpec("knn:k=20:seed=3");
        QCOMPARE(s.kind, std::string("knn"));
        QCOMPARE(s.name, std::string("knn:k=20:seed=3"));
        QCOMPARE(s.settings.at("k"), std::string("20"));
        QCOMPARE(s.settings.at("seed"), std::string("3"));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, parseRouterSpec("knn:k"));
    }

    void splitRowsAreDisjointAndComplete()
    {
        const auto runs = runExperiment({&data_}, {}, spec({"ridge"}));
        QCOMPARE(runs.size(), std::size_t(1));
        const auto& run = runs[0];
        std::set<Eigen::Index> seen;
        for (const auto* part : {&run.trainRows, &run.validationRows, &run.testRows})
            for (auto r : *part)
                QVERIFY(seen.insert(r).second);
        QCOMPARE(seen.size(), std::size_t(600));
        QVERIFY(std::abs(double(run.testRows.size()) - 180.0) <= 8.0);
        QCOMPARE(run.predictedCost.rows(), Eigen::Index(run.testRows.size()));
        QCOMPARE(run.routers[0].predictedQuality.rows(), Eigen::Index(run.testRows.size()));
        QCOMPARE(run.trueScores.row(0), data_.scores.row(run.testRows[0]));
    }

    void sameSeedSamePredictions()
    {
        const auto a = runExperiment({&data_}, {}, spec({"knn", "random"}, {3}));
        const auto b = runExperiment({&data_}, {}, spec({"knn", "random"}, {3}));
        const auto c = runExperiment({&data_}, {}, spec({"knn", "random"}, {4}));
        QVERIFY(a[0].routers[0].predictedQuality == b[0].routers[0].predictedQuality);
        QVERIFY(a[0].routers[1].predictedQuality == b[0].routers[1].predictedQuality);
        QVERIFY(a[0].testRows != c[0].testRows);
    }

    // Routers train side by side on worker threads; how many never changes a bit of a result,
    // also for the routers that split their own work over threads (EquiRouter, the MLP).
    void workerCountChangesNoResult()
    {
        const auto trainWith = [&](int workers) {
            JobControl job;
            job.threads = workers;
            return runExperiment({&data_}, {},
                                 spec({"equirouter:trunk=32:embedding=8:head=16:steps=30", "mlp:epochs=3", "mf:epochs=3",
                                       "contrastive:epochs=3", "knn", "ridge"},
                                      {0, 1}),
                                 job);
        };
        const auto alone = trainWith(1);
        for (const int workers : {2, 3}) {
            const auto together = trainWith(workers);
            QCOMPARE(together.size(), alone.size());
            for (std::size_t s = 0; s < alone.size(); ++s) {
                QCOMPARE(together[s].routers.size(), std::size_t(6));
                QVERIFY(together[s].predictedCost == alone[s].predictedCost);
                for (std::size_t r = 0; r < alone[s].routers.size(); ++r) {
                    QCOMPARE(together[s].routers[r].spec.name, alone[s].routers[r].spec.name);
                    QVERIFY2(together[s].routers[r].predictedQuality == alone[s].routers[r].predictedQuality,
                             alone[s].routers[r].spec.name.c_str());
                }
            }
        }
        // A unit alone gets every worker's thread: EquiRouter and the MLP split their batches then.
        for (const std::string router : {"equirouter:trunk=32:embedding=8:head=16:steps=30", "mlp:epochs=3"}) {
            std::vector<Eigen::MatrixXd> predicted;
            for (const int workers : {1, 4}) {
                JobControl job;
                job.threads = workers;
                predicted.push_back(runExperiment({&data_}, {}, spec({router}), job)[0].routers[0].predictedQuality);
            }
            QVERIFY2(predicted[0] == predicted[1], router.c_str());
        }
    }

    void comparisonShowsOracleOnTopAndCollapse()
    {
        const auto runs = runExperiment({&data_}, {}, spec({"random", "knn", "ridge"}, {0, 1}));
        std::vector<std::string> names;
        for (const auto& m : data_.models)
            names.push_back(m.name);
        const Comparison c = compareRouters(runs, names, BudgetPolicy::CostThreshold);
        QCOMPARE(c.seeds.size(), std::size_t(2));
        QCOMPARE(c.routerNames, (std::vector<std::string>{"random", "knn", "ridge"}));
        for (const auto& s : c.seeds) {
            // Not exactly 0: where the most expensive model (by mean cost) is the cheaper of two tied
            // models on one query, the oracle picks it and RCI counts that query.
            QVERIFY(s.oracle.rci < 0.02);
            for (const auto& r : s.routers) {
                QVERIFY2(s.oracle.auc >= r.auc, r.router.c_str());
                for (Eigen::Index b = 0; b < r.selectionShare.rows(); ++b)
                    QVERIFY(std::abs(r.selectionShare.row(b).sum() - 1.0) < 1e-9);
            }
            // Learned routers beat random; regression piles onto the most expensive model as the
            // budget grows, far more than the oracle needs to (on this data ridge ends at 0.17-0.27
            // of the queries, the oracle at 0.02-0.03).
            QVERIFY(s.routers[1].auc > s.routers[0].auc);
            QVERIFY(s.routers[2].auc > s.routers[0].auc);
            const auto& ridgeShare = s.routers[2].selectionShare;
            QVERIFY(topModelShare(s.routers[2], s.mostExpensiveModel) >
                    topModelShare(s.oracle, s.mostExpensiveModel) + 0.1);
            QVERIFY(topModelShare(s.routers[2], s.mostExpensiveModel) >
                    ridgeShare(ridgeShare.rows() / 2, s.mostExpensiveModel) + 0.1);
            QCOMPARE(s.mostExpensiveModel, int(std::find(names.begin(), names.end(), "gpt-4-1106-preview") - names.begin()));
        }
    }

    void separateTestDataIsUsedWhole()
    {
        OutcomeMatrix train = data_, test = data_;
        const Eigen::Index half = 300;
        train.scores = data_.scores.topRows(half);
        train.costs = data_.costs.topRows(half);
        train.queries.resize(half);
        test.scores = data_.scores.bottomRows(half);
        test.costs = data_.costs.bottomRows(half);
        test.queries.erase(test.queries.begin(), test.queries.begin() + half);
        const auto runs = runExperiment({&train}, {&test}, spec({"ridge"}));
        QCOMPARE(runs[0].testRows.size(), std::size_t(half));
        QCOMPARE(runs[0].trainRows.size() + runs[0].validationRows.size(), std::size_t(half));
        QVERIFY(runs[0].trueScores == test.scores);

        // The same models listed in another order (as LLMRouter's train.json and test.json list
        // them) are taken in the training data's order.
        OutcomeMatrix reversed = test;
        std::reverse(reversed.models.begin(), reversed.models.end());
        reversed.scores = test.scores.rowwise().reverse();
        reversed.costs = test.costs.rowwise().reverse();
        const auto again = runExperiment({&train}, {&reversed}, spec({"ridge"}));
        QVERIFY(again[0].trueScores == test.scores);
        QVERIFY(again[0].trueCosts == test.costs);
        QVERIFY(again[0].routers[0].predictedQuality.isApprox(runs[0].routers[0].predictedQuality));

        test.models[0].name = "someone-else";
        try {
            runExperiment({&train}, {&test}, spec({"ridge"}));
            QFAIL("a test set with another model was used");
        } catch (const std::invalid_argument& e) {
            QVERIFY2(QString(e.what()).contains("someone-else"), e.what());
        }
    }

    void cancelStopsTraining()
    {
        std::atomic<bool> cancel{false};
        JobControl job;
        job.cancel = &cancel;
        job.progress = [&cancel](double, const std::string&) { cancel = true; };
        QVERIFY_THROWS_EXCEPTION(Cancelled, runExperiment({&data_}, {}, spec({"knn"}), job));
    }

    void savedExperimentReloadsWithIdenticalPredictions()
    {
        ProjectStore store((dir_.path() + "/saved.routescope").toStdString());
        const auto datasetId = importDataset(store, csv_, {}).datasetId;
        auto runs = runExperiment({&data_}, {}, spec({"knn", "ridge", "margin"}, {0, 1}));
        runs[1].warnings = {"first warning", "second warning"};
        saveExperiment(store, "first", datasetId, std::nullopt, spec({}), runs);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 saveExperiment(store, "first", datasetId, std::nullopt, spec({}), runs));
        QCOMPARE(uniqueExperimentLabel(store, "second"), std::string("second"));
        QCOMPARE(uniqueExperimentLabel(store, "first"), std::string("first (2)"));

        const auto saved = listExperiments(store);
        QCOMPARE(saved.size(), std::size_t(1));
        QCOMPARE(saved[0].label, std::string("first"));
        QCOMPARE(saved[0].seeds, (std::vector<std::uint64_t>{0, 1}));
        QCOMPARE(saved[0].routerNames, (std::vector<std::string>{"knn", "ridge", "margin"}));
        QCOMPARE(findExperiment(store, "first")->seeds, (std::vector<std::uint64_t>{0, 1}));
        QVERIFY(!findExperiment(store, "second"));

        const auto loaded = loadExperiment(store, "first", data_);
        QCOMPARE(loaded.size(), runs.size());
        for (std::size_t s = 0; s < runs.size(); ++s) {
            QVERIFY(loaded[s].testRows == runs[s].testRows);
            QVERIFY(loaded[s].predictedCost == runs[s].predictedCost);
            QVERIFY(loaded[s].trueScores == runs[s].trueScores);
            QCOMPARE(loaded[s].warnings, runs[s].warnings);
            // The featurizer and routers are read on first use, and then predict exactly what was stored.
            QVERIFY(!loaded[s].pipeline.loaded());
            for (const auto& r : loaded[s].routers)
                QVERIFY(!r.router.loaded());
            std::vector<std::string> texts;
            for (auto r : loaded[s].testRows)
                texts.push_back(data_.queries[std::size_t(r)].text);
            const FeatureMatrix features = loaded[s].pipeline.value().featurizer.transform(texts);
            QVERIFY(features == runs[s].pipeline.value().featurizer.transform(texts));
            for (std::size_t r = 0; r < runs[s].routers.size(); ++r) {
                QCOMPARE(loaded[s].routers[r].spec.name, runs[s].routers[r].spec.name);
                QVERIFY(loaded[s].routers[r].predictedQuality == runs[s].routers[r].predictedQuality);
                QVERIFY(loaded[s].routers[r].router.value()->predictQuality(features) == runs[s].routers[r].predictedQuality);
                QVERIFY(loaded[s].routers[r].router.loaded());
            }
        }
        removeExperiment(store, "first");
        QVERIFY(listExperiments(store).empty());
        auto count = store.database().prepare("SELECT COUNT(*) FROM routers");
        QVERIFY(count.step());
        QCOMPARE(count.int64(0), 0);
    }

    void explorerSharesOneGridAcrossRouters_data()
    {
        QTest::addColumn<int>("policy");
        QTest::newRow("threshold") << int(BudgetPolicy::CostThreshold);
        QTest::newRow("wtp") << int(BudgetPolicy::WillingnessToPay);
    }
    void explorerSharesOneGridAcrossRouters()
    {
        QFETCH(int, policy);
        const auto kind = static_cast<BudgetPolicy>(policy);
        int trainedCalls = 0;
        ExperimentCallbacks callbacks;
        callbacks.routerTrained = [&](const ExperimentRun&, const TrainedRouter&) { ++trainedCalls; };
        std::vector<double> lastFraction(2, 0.0);
        callbacks.routerProgress = [&](std::size_t, std::size_t r, double f) { lastFraction[r] = f; };
        const auto runs = runExperiment({&data_}, {}, spec({"knn", "ridge"}), {}, callbacks);
        QCOMPARE(trainedCalls, 2);
        QCOMPARE(lastFraction, (std::vector<double>{1.0, 1.0}));

        const auto& run = runs[0];
        const BudgetExplorer explorer = exploreBudgets(run, kind, 50);
        QCOMPARE(explorer.budgets.size(), std::size_t(50));
        QCOMPARE(explorer.routers.size(), std::size_t(3));
        QCOMPARE(explorer.routers[0].name, std::string("oracle"));
        for (std::size_t b = 1; b < explorer.budgets.size(); ++b)
            QVERIFY(kind == BudgetPolicy::CostThreshold ? explorer.budgets[b] > explorer.budgets[b - 1]
                                                        : explorer.budgets[b] < explorer.budgets[b - 1]);
        // Each slider position is the router's decision at that budget, by the definition.
        const auto& ridge = explorer.routers[2];
        for (int b : {0, 17, 49}) {
            const Eigen::VectorXi choice =
                chooseModels(kind, run.routers[1].predictedQuality, run.predictedCost, explorer.budgets[std::size_t(b)]);
            double quality = 0;
            for (Eigen::Index n = 0; n < choice.size(); ++n)
                quality += run.trueScores(n, choice(n));
            QCOMPARE(ridge.points[std::size_t(b)].quality, quality / double(choice.size()));
            QVERIFY(std::abs(ridge.share.row(b).sum() - 1.0) < 1e-9);
        }
        QCOMPARE(explorer.nearestBudgetIndex(explorer.budgets[17] * 1.0001), 17);
        // At the largest budget the oracle reaches its best quality.
        QCOMPARE(explorer.routers[0].points.back().quality, run.trueScores.rowwise().maxCoeff().mean());
    }

    void skippedRouterIsLeftOutAndOthersGoOn()
    {
        std::vector<std::atomic<bool>> skip(2);
        ExperimentCallbacks callbacks;
        callbacks.routerSkip = [&](std::size_t r) { return &skip[r]; };
        // Skip the MLP (router 0) as soon as it reports progress in the second seed.
        callbacks.routerProgress = [&](std::size_t seed, std::size_t r, double f) {
            if (seed == 1 && r == 0 && f < 1.0)
                skip[0] = true;
        };
        const auto runs = runExperiment({&data_}, {}, spec({"mlp:epochs=3", "ridge"}, {0, 1}), {}, callbacks);
        QCOMPARE(runs.size(), std::size_t(2));
        for (const auto& run : runs) {
            QCOMPARE(run.routers.size(), std::size_t(1));
            QCOMPARE(run.routers[0].spec.name, std::string("ridge"));
        }
    }

    void unknownRouterIsNamed()
    {
        try {
            runExperiment({&data_}, {}, spec({"telepathy"}));
            QFAIL("an unknown router trained");
        } catch (const std::invalid_argument& e) {
            QVERIFY2(QString(e.what()).contains("unknown router 'telepathy'"), e.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestExperiment)
#include "test_experiment.moc"
