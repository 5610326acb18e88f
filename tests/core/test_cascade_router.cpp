// The cascading router: calls models in order until its simulated judge accepts, errs at the
// rate it is given, is seeded and reloads to the same calls; its sweep gives the frontier, share,
// RCI and calls per query the comparison and the budget slider show.

#include "evaluation/sequential_sweep.h"
#include "experiment/experiment.h"
#include "experiment/budget_explorer.h"
#include "experiment/comparison.h"
#include "routers/cascade_router.h"
#include "util/random.h"
#include "test_support.h"

#include <QTest>

using namespace routescope;

namespace {

// Three models, dearer to the right (costs 1, 2, 4 per query).
struct ThreeModels {
    FeatureMatrix x = FeatureMatrix::Zero(4, 2);
    Eigen::MatrixXd scores{4, 3};
    Eigen::MatrixXd costs{4, 3};
    std::vector<std::string> names = {"small", "medium", "large"};
    ThreeModels()
    {
        scores << 1, 0, 1, // the first model is right: one call
            0, 1, 1,       // the second is: two calls
            0, 0, 1,       // only the last
            0, 0, 0;       // nobody: every call is made, the last answer returned
        for (Eigen::Index n = 0; n < 4; ++n)
            costs.row(n) << 1, 2, 4;
    }
    TrainingSet set() const { return {x, scores, costs, &names}; }
};

// `queries` queries over four models of rising price, each answering a query with its own odds.
OutcomeMatrix fourModels(int queries)
{
    OutcomeMatrix data;
    for (int m = 0; m < 4; ++m)
        data.models.push_back({"model-" + std::to_string(m), std::nullopt, std::nullopt});
    data.scores.resize(queries, 4);
    data.costs.resize(queries, 4);
    Random random(7);
    for (int n = 0; n < queries; ++n) {
        data.queries.push_back({"q" + std::to_string(n), "question " + std::to_string(n) + " about topic " +
                                                             std::to_string(n % 7), n % 2 ? "odd" : "even"});
        for (int m = 0; m < 4; ++m) {
            data.scores(n, m) = random.bernoulli(0.35 + 0.15 * m) ? 1.0 : 0.0;
            data.costs(n, m) = 0.001 * (m + 1) * (1 + 0.2 * random.uniform());
        }
    }
    return data;
}

Eigen::MatrixXd coinFlips(Eigen::Index rows, Eigen::Index models, std::uint64_t seed)
{
    Random random(seed);
    Eigen::MatrixXd scores(rows, models);
    for (Eigen::Index i = 0; i < scores.size(); ++i)
        scores(i) = random.bernoulli(0.6) ? 1.0 : 0.0;
    return scores;
}

} // namespace

class TestCascadeRouter : public QObject {
    Q_OBJECT

private slots:
    void callsModelsUntilTheJudgeAccepts()
    {
        const ThreeModels data;
        CascadeRouter cascade;
        cascade.fit(data.set(), nullptr, {});
        QCOMPARE(cascade.order(), (std::vector<int>{0, 1, 2}));
        const auto calls = cascade.calls(data.scores);
        QCOMPARE(calls.budgets, (std::vector<double>{1, 2, 3}));
        Eigen::Matrix<std::int16_t, 3, 4> expected;
        expected << 1, 1, 1, 1, // depth 1: only the first model is ever called
            1, 2, 2, 2,         // depth 2
            1, 2, 3, 3;         // depth 3
        QVERIFY(calls.calls == expected);

        const BudgetSweep sweep = sequentialSweep(BudgetPolicy::CostThreshold, calls.budgets, calls.order, calls.calls,
                                                  data.scores, data.costs);
        // Cost: the sum of the models called; quality: the score of the last one's answer.
        QCOMPARE(sweep.frontier[0].cost, 1.0);
        QCOMPARE(sweep.frontier[0].quality, 0.25);
        QCOMPARE(sweep.frontier[1].cost, (1 + 3 + 3 + 3) / 4.0);
        QCOMPARE(sweep.frontier[1].quality, 0.5);
        QCOMPARE(sweep.frontier[2].cost, (1 + 3 + 7 + 7) / 4.0);
        QCOMPARE(sweep.frontier[2].quality, 0.75);
        QCOMPARE(int(sweep.choices(2, 1)), 1);
        QCOMPARE(int(sweep.choices(2, 3)), 2);
        QCOMPARE(callsPerQuery(sweep), (std::vector<double>{1.0, 1.75, 2.25}));
    }

    void ordersByCostOrByTheGivenNames()
    {
        ThreeModels data;
        for (Eigen::Index n = 0; n < 4; ++n)
            data.costs.row(n) << 4, 1, 2;
        CascadeRouter byCost;
        byCost.fit(data.set(), nullptr, {});
        QCOMPARE(byCost.order(), (std::vector<int>{1, 2, 0}));

        CascadeRouter byName(RouterSettings{{"order", "large+small"}});
        byName.fit(data.set(), nullptr, {});
        QCOMPARE(byName.order(), (std::vector<int>{2, 0}));
        QCOMPARE(byName.calls(data.scores).budgets.size(), std::size_t(2));

        CascadeRouter unknown(RouterSettings{{"order", "small+huge"}});
        try {
            unknown.fit(data.set(), nullptr, {});
            QFAIL("an unknown model name was accepted");
        } catch (const std::invalid_argument& e) {
            QVERIFY2(std::string(e.what()).find("no model named 'huge'") != std::string::npos, e.what());
        }
        const TrainingSet nameless{data.x, data.scores, data.costs};
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, byName.fit(nameless, nullptr, {}));
    }

    void theJudgeErrsAtItsRate()
    {
        const Eigen::MatrixXd scores = coinFlips(20000, 2, 1);
        const Eigen::MatrixXd costs = Eigen::MatrixXd::Ones(20000, 2);
        const FeatureMatrix x = FeatureMatrix::Zero(20000, 1);
        CascadeRouter cascade({{"error", "0.2"}, {"seed", "5"}});
        cascade.fit({x, scores, costs}, nullptr, {});
        const auto calls = cascade.calls(scores);
        // At depth 2, one call means the judge accepted the first answer: wrongly when it was bad.
        const int first = cascade.order()[0];
        double wrong = 0;
        for (Eigen::Index n = 0; n < scores.rows(); ++n)
            wrong += (calls.calls(1, n) == 1) != (scores(n, first) >= 1.0);
        wrong /= double(scores.rows());
        QVERIFY2(std::abs(wrong - 0.2) < 0.015, qPrintable(QString::number(wrong)));

        CascadeRouter twin({{"error", "0.2"}, {"seed", "5"}});
        CascadeRouter other({{"error", "0.2"}, {"seed", "6"}});
        twin.fit({x, scores, costs}, nullptr, {});
        other.fit({x, scores, costs}, nullptr, {});
        QVERIFY(twin.calls(scores).calls == calls.calls);
        QVERIFY(other.calls(scores).calls != calls.calls);
    }

    void thresholdKnobRunsFromAcceptingAllToAcceptingNone()
    {
        const ThreeModels data;
        CascadeRouter cascade(RouterSettings{{"budget", "threshold"}});
        cascade.fit(data.set(), nullptr, {});
        const auto calls = cascade.calls(data.scores);
        QVERIFY(std::is_sorted(calls.budgets.begin(), calls.budgets.end()));
        QCOMPARE(calls.budgets.size(), std::size_t(3)); // 0, 1 and above 1 for 0/1 scores
        QVERIFY((calls.calls.row(0).array() == 1).all()); // threshold 0: every answer is good enough
        QVERIFY((calls.calls.row(2).array() == 3).all()); // above every score: never accepted
        QCOMPARE(int(calls.calls(1, 1)), 2);              // threshold 1: the first right answer

        CascadeRouter shallow({{"budget", "threshold"}, {"max_depth", "2"}});
        shallow.fit(data.set(), nullptr, {});
        QVERIFY((shallow.calls(data.scores).calls.array() <= 2).all());
    }

    void badSettingsAreRefused_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("budget");
        QTest::newRow("error above 1") << "error" << "1.5" << "depth";
        QTest::newRow("error not a number") << "error" << "often" << "depth";
        QTest::newRow("unknown knob") << "budget" << "money" << "";
        QTest::newRow("threshold swept") << "threshold" << "0.5" << "threshold";
        QTest::newRow("depth swept") << "max_depth" << "2" << "depth";
        QTest::newRow("empty name") << "order" << "small++large" << "depth";
        QTest::newRow("repeated name") << "order" << "small+small" << "depth";
        QTest::newRow("unknown setting") << "k" << "3" << "depth";
    }

    void badSettingsAreRefused()
    {
        QFETCH(QString, key);
        QFETCH(QString, value);
        QFETCH(QString, budget);
        RouterSettings settings{{key.toStdString(), value.toStdString()}};
        if (!budget.isEmpty())
            settings["budget"] = budget.toStdString();
        try {
            CascadeRouter router(settings);
            QFAIL("accepted");
        } catch (const std::invalid_argument& e) {
            QVERIFY2(std::string(e.what()).rfind("cascade: ", 0) == 0, e.what());
        }
    }

    void reloadsToTheSameCalls()
    {
        const Eigen::MatrixXd scores = coinFlips(300, 4, 2);
        Eigen::MatrixXd costs(300, 4);
        for (Eigen::Index n = 0; n < 300; ++n)
            costs.row(n) << 3, 1, 4, 2;
        const FeatureMatrix x = FeatureMatrix::Random(300, 3);
        CascadeRouter cascade({{"error", "0.1"}, {"budget", "threshold"}, {"seed", "3"}});
        cascade.fit({x, scores, costs}, nullptr, {});
        BinaryWriter out;
        cascade.save(out);
        CascadeRouter loaded;
        BinaryReader in(out.bytes().data(), out.bytes().size());
        loaded.load(in);
        QVERIFY(in.atEnd());
        QVERIFY(loaded.predictQuality(x) == cascade.predictQuality(x));
        QVERIFY(loaded.calls(scores).calls == cascade.calls(scores).calls);
        QCOMPARE(loaded.calls(scores).budgets, cascade.calls(scores).budgets);
        BinaryReader truncated(out.bytes().data(), out.bytes().size() - 5);
        QVERIFY_THROWS_EXCEPTION(FormatError, loaded.load(truncated));
    }

    void comparisonAndSliderShowTheCascade()
    {
        const OutcomeMatrix data = fourModels(400);
        const std::vector<std::string> names = {"model-0", "model-1", "model-2", "model-3"};
        ExperimentSpec spec;
        spec.routers = {parseRouterSpec("knn"), parseRouterSpec("cascade"), parseRouterSpec("cascade:error=0.2")};
        spec.featurizer.dimensions = 16;
        const auto runs = runExperiment({&data}, {}, spec);
        const ExperimentRun& run = runs.front();
        const auto& A = run.trueScores;
        const auto& K = run.trueCosts;
        for (const auto policy : {BudgetPolicy::CostThreshold, BudgetPolicy::WillingnessToPay}) {
            const Comparison comparison = compareRouters(runs, names, policy, 20);
            const RouterEvaluation& cascade = comparison.seeds[0].routers[1];
            QCOMPARE(cascade.frontier.size(), std::size_t(4)); // depths 1 to 4
            // Depth 1 is the cheapest model alone: its cost, its score, all of the share.
            QCOMPARE(cascade.frontier[0].cost, K.col(0).mean());
            QCOMPARE(cascade.frontier[0].quality, A.col(0).mean());
            QCOMPARE(cascade.selectionShare(0, 0), 1.0);
            QCOMPARE(cascade.callsPerQuery.front(), 1.0);
            QVERIFY(std::is_sorted(cascade.callsPerQuery.begin(), cascade.callsPerQuery.end()));
            // A judge that never errs, at full depth: every query some model answers is answered.
            double answerable = 0, everyCall = 0;
            for (Eigen::Index n = 0; n < A.rows(); ++n)
                answerable += A.row(n).maxCoeff();
            QCOMPARE(cascade.peak, answerable / double(A.rows()));
            QVERIFY(cascade.frontier.back().cost < K.rowwise().sum().mean());
            for (Eigen::Index n = 0; n < A.rows(); ++n)
                everyCall += A.row(n).maxCoeff() == 0 ? K.row(n).sum() : 0;
            QVERIFY(cascade.frontier.back().cost * double(A.rows()) >= everyCall);
            // The judge's errors cost quality.
            QVERIFY(comparison.seeds[0].routers[2].peak < cascade.peak);

            // Adding cascades changes no other router's numbers.
            std::vector<ExperimentRun> withoutCascades;
            withoutCascades.push_back(std::move(runExperiment({&data}, {}, [&] {
                ExperimentSpec knnOnly = spec;
                knnOnly.routers.resize(1);
                return knnOnly;
            }())[0]));
            const Comparison knnAlone = compareRouters(withoutCascades, names, policy, 20);
            QCOMPARE(knnAlone.seeds[0].routers[0].auc, comparison.seeds[0].routers[0].auc);
            QCOMPARE(knnAlone.seeds[0].routers[0].aiq, comparison.seeds[0].routers[0].aiq);

            // On the slider, the cascade sits at one of its own operating points at every budget.
            const BudgetExplorer explorer = exploreBudgets(run, policy, 50);
            const RouterAtBudgets& slider = explorer.routers[2];
            QCOMPARE(slider.name, std::string("cascade"));
            for (std::size_t b = 0; b < explorer.budgets.size(); ++b) {
                bool own = false;
                for (std::size_t i = 0; i < cascade.frontier.size(); ++i)
                    own = own || (slider.points[b].cost == cascade.frontier[i].cost &&
                                  slider.points[b].quality == cascade.frontier[i].quality &&
                                  slider.calls[b] == cascade.callsPerQuery[i]);
                QVERIFY2(own, qPrintable(QString("budget %1").arg(explorer.budgets[b])));
                if (policy == BudgetPolicy::CostThreshold && b > 0)
                    QVERIFY(slider.points[b].cost <= std::max(explorer.budgets[b], cascade.frontier[0].cost));
            }
            // The slider reaches the cascade's best point at the largest budget.
            QCOMPARE(slider.points.back().quality, cascade.peak);
            QCOMPARE(explorer.routers[1].calls.back(), 1.0); // kNN calls one model
        }
    }
};

QTEST_GUILESS_MAIN(TestCascadeRouter)
#include "test_cascade_router.moc"
