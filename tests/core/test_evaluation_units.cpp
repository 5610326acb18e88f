// The comparison and the budget explorer evaluate seeds and routers as units side by side, with
// RCI's per-query verdicts built once per test set: they must give exactly what the straightforward
// evaluation gives (a router at a time, each with its own verdicts), whatever the thread count.

#include "evaluation/collapse_curves.h"
#include "evaluation/metrics.h"
#include "experiment/budget_explorer.h"
#include "experiment/comparison.h"
#include "experiment/router_sweeps.h"
#include "evaluation/sequential_sweep.h"
#include "routers/cascade_router.h"
#include "util/random.h"

#include <QTest>

#include <cmath>
#include <cstdlib>

using namespace routescope;

namespace {

// Ties in the truth (scores in halves), noisy predictions, and a cascade as the last router.
std::vector<ExperimentRun> syntheticRuns(int seeds, Eigen::Index queries, Eigen::Index models)
{
    std::vector<ExperimentRun> runs;
    for (int s = 0; s < seeds; ++s) {
        Random random(std::uint64_t(s) + 11);
        ExperimentRun run;
        run.seed = std::uint64_t(s);
        const Eigen::Index train = queries;
        Eigen::MatrixXd trainA(train, models), trainK(train, models);
        run.trueScores.resize(queries, models);
        run.trueCosts.resize(queries, models);
        run.predictedCost.resize(queries, models);
        for (Eigen::Index n = 0; n < queries; ++n)
            for (Eigen::Index m = 0; m < models; ++m) {
                run.trueScores(n, m) = std::floor(random.uniform() * 3) / 2;
                run.trueCosts(n, m) = 0.1 * double(m + 1) * (0.5 + random.uniform());
                run.predictedCost(n, m) = run.trueCosts(n, m) * (0.8 + 0.4 * random.uniform());
                trainA(n, m) = std::floor(random.uniform() * 3) / 2;
                trainK(n, m) = 0.1 * double(m + 1) * (0.5 + random.uniform());
            }
        for (int r = 0; r < 4; ++r) {
            TrainedRouter t{{"router-" + std::to_string(r), "knn", {}}, {}, run.trueScores, double(r)};
            for (Eigen::Index i = 0; i < t.predictedQuality.size(); ++i)
                t.predictedQuality(i) += 0.4 * (r + 1) * (random.uniform() - 0.5);
            run.routers.push_back(std::move(t));
        }
        auto cascade = std::make_unique<CascadeRouter>();
        cascade->fit({FeatureMatrix(train, 1), trainA, trainK}, nullptr, {});
        run.routers.push_back({{"cascade", "cascade", {}}, std::unique_ptr<const Router>(std::move(cascade)), run.trueScores, 0});
        runs.push_back(std::move(run));
    }
    return runs;
}

void compareEvaluations(const RouterEvaluation& got, const RouterEvaluation& want)
{
    QCOMPARE(got.router, want.router);
    QCOMPARE(got.frontier.size(), want.frontier.size());
    for (std::size_t b = 0; b < want.frontier.size(); ++b) {
        QCOMPARE(got.frontier[b].budget, want.frontier[b].budget);
        QCOMPARE(got.frontier[b].cost, want.frontier[b].cost);
        QCOMPARE(got.frontier[b].quality, want.frontier[b].quality);
    }
    QVERIFY(got.paretoFront == want.paretoFront);
    QVERIFY(got.hull == want.hull);
    QCOMPARE(scalarMetrics(got), scalarMetrics(want));
    QCOMPARE(got.rciCurve, want.rciCurve);
    QCOMPARE(got.feasibleRciCurve, want.feasibleRciCurve);
    QVERIFY(got.selectionShare == want.selectionShare);
    QCOMPARE(got.callsPerQuery, want.callsPerQuery);
}

// Each router of the run swept alone, as sweepRun() must: a cascade at its own budgets, the
// others by the policy on the run's cost prediction at `budgets` (a count or the budgets).
template <typename Budgets>
std::vector<BudgetSweep> eachAlone(const ExperimentRun& run, BudgetPolicy policy, const Budgets& budgets)
{
    std::vector<BudgetSweep> sweeps;
    for (const auto& r : run.routers) {
        auto sequential = sequentialSweepOf(r, run, policy);
        sweeps.push_back(sequential ? std::move(*sequential)
                                    : sweepBudgets(policy, r.predictedQuality, run.predictedCost, run.trueScores,
                                                   run.trueCosts, budgets));
    }
    return sweeps;
}

// The comparison as it was computed before units and shared verdicts: seed by seed, router by router.
Comparison straightforwardComparison(const std::vector<ExperimentRun>& runs, const std::vector<std::string>& names,
                                     BudgetPolicy policy, int budgets)
{
    Comparison c;
    std::vector<std::vector<SingleModelPoint>> singles;
    for (const auto& run : runs)
        singles.push_back(singleModelPoints(run.trueScores, run.trueCosts));
    c.bestModel = bestSingleModel(singles);
    c.mostExpensiveModel = mostExpensiveModel(singles);
    c.modelNames = names;
    for (const auto& run : runs) {
        const auto& A = run.trueScores;
        const auto& K = run.trueCosts;
        SeedComparison seed;
        const BudgetSweep oracleSweep = sweepBudgets(policy, A, K, A, K, budgets);
        const auto sweeps = eachAlone(run, policy, budgets);
        std::vector<const std::vector<FrontierPoint>*> all = {&oracleSweep.frontier};
        for (const auto& s : sweeps)
            if (!isSequential(s))
                all.push_back(&s.frontier);
        seed.reference = makeEvaluationReference(A, K, all, c.bestModel);
        seed.oracle = evaluateRouter("oracle", oracleSweep, A, K, A, K, seed.reference);
        for (std::size_t r = 0; r < run.routers.size(); ++r)
            seed.routers.push_back(evaluateRouter(run.routers[r].spec.name, sweeps[r], run.routers[r].predictedQuality,
                                                  run.predictedCost, A, K, seed.reference));
        c.seeds.push_back(std::move(seed));
    }
    return c;
}

} // namespace

class TestEvaluationUnits : public QObject {
    Q_OBJECT

private slots:
    // Verdicts shared by several sweeps on one predicted cost give, at every budget, the index
    // straight from its definition with the feasible sets allowedModels gives.
    void sharedVerdictsAreTheIndexAtEachBudget()
    {
        const auto runs = syntheticRuns(1, 300, 6);
        const auto& run = runs.front();
        const auto& A = run.trueScores;
        const auto& K = run.trueCosts;
        const auto& C = run.predictedCost;
        const CollapseVerdicts shared(A, K, &C);
        for (const BudgetPolicy policy : {BudgetPolicy::CostThreshold, BudgetPolicy::WillingnessToPay})
            for (std::size_t r = 0; r + 1 < run.routers.size(); ++r) {
                const BudgetSweep sweep = sweepBudgets(policy, run.routers[r].predictedQuality, C, A, K, 20);
                const CollapseCurves curves = collapseCurves(sweep, shared);
                QCOMPARE(curves.all.size(), std::size_t(sweep.choices.rows()));
                for (Eigen::Index b = 0; b < sweep.choices.rows(); ++b) {
                    const Eigen::VectorXi choices = sweep.choices.row(b).transpose().cast<int>();
                    QCOMPARE(curves.all[std::size_t(b)], routingCollapseIndex(A, K, choices));
                    const auto allowed = allowedModels(policy, C, sweep.budgets[std::size_t(b)], choices);
                    QCOMPARE(curves.feasible[std::size_t(b)], routingCollapseIndex(A, K, choices, allowed));
                }
            }
    }

    void comparisonEqualsTheStraightforwardOneAtAnyThreadCount()
    {
        const auto runs = syntheticRuns(3, 400, 5);
        const std::vector<std::string> names = {"m0", "m1", "m2", "m3", "m4"};
        for (const BudgetPolicy policy : {BudgetPolicy::CostThreshold, BudgetPolicy::WillingnessToPay}) {
            const Comparison want = straightforwardComparison(runs, names, policy, 30);
            for (const int threads : {1, 2, 3}) {
                const Comparison got = compareRouters(runs, names, policy, 30, threads);
                QCOMPARE(got.bestModel, want.bestModel);
                QCOMPARE(got.mostExpensiveModel, want.mostExpensiveModel);
                QCOMPARE(got.routerNames.size(), runs.front().routers.size());
                QCOMPARE(got.seeds.size(), want.seeds.size());
                for (std::size_t s = 0; s < want.seeds.size(); ++s) {
                    const auto& g = got.seeds[s];
                    const auto& w = want.seeds[s];
                    QCOMPARE(g.seed, runs[s].seed);
                    QCOMPARE(g.reference.costInterval.lo, w.reference.costInterval.lo);
                    QCOMPARE(g.reference.costInterval.hi, w.reference.costInterval.hi);
                    QCOMPARE(g.singleModels.size(), std::size_t(5));
                    compareEvaluations(g.oracle, w.oracle);
                    QCOMPARE(g.routers.size(), w.routers.size());
                    for (std::size_t r = 0; r < w.routers.size(); ++r) {
                        compareEvaluations(g.routers[r], w.routers[r]);
                        QCOMPARE(g.trainSeconds[r], runs[s].routers[r].trainSeconds);
                    }
                }
            }
        }
    }

    // The explorer's routers, evaluated side by side from shared verdicts: each router's RCI and
    // shares straight from its own sweep on the explorer's grid, at 1 and 2 threads.
    void explorerEqualsTheStraightforwardOneAtAnyThreadCount()
    {
        const auto runs = syntheticRuns(1, 400, 5);
        const auto& run = runs.front();
        const QByteArray saved = qgetenv("ROUTESCOPE_THREADS");
        for (const BudgetPolicy policy : {BudgetPolicy::CostThreshold, BudgetPolicy::WillingnessToPay}) {
            std::vector<BudgetExplorer> explorers;
            for (const char* threads : {"1", "2"}) {
                qputenv("ROUTESCOPE_THREADS", threads);
                explorers.push_back(exploreBudgets(run, policy, 40));
            }
            const BudgetExplorer& explorer = explorers.front();
            const auto sweeps = eachAlone(run, policy, explorer.budgets);
            QCOMPARE(explorer.routers.size(), sweeps.size() + 1);
            for (std::size_t i = 0; i < sweeps.size(); ++i) {
                const auto& at = explorer.routers[i + 1];
                QCOMPARE(at.name, run.routers[i].spec.name);
                if (isSequential(sweeps[i]))
                    continue; // at its own operating points: test_cascade_router holds those
                QCOMPARE(at.rci, collapseCurve(sweeps[i], run.trueScores, run.trueCosts));
                QVERIFY(at.share == selectionShare(sweeps[i], run.trueScores.cols()));
            }
            for (std::size_t i = 0; i < explorer.routers.size(); ++i) {
                const auto& a = explorers[0].routers[i];
                const auto& b = explorers[1].routers[i];
                QCOMPARE(a.name, b.name);
                QCOMPARE(a.rci, b.rci);
                QVERIFY(a.share == b.share);
                QCOMPARE(a.calls, b.calls);
                QCOMPARE(a.points.size(), b.points.size());
                for (std::size_t p = 0; p < a.points.size(); ++p)
                    QVERIFY(a.points[p].cost == b.points[p].cost && a.points[p].quality == b.points[p].quality);
            }
        }
        if (saved.isNull())
            qunsetenv("ROUTESCOPE_THREADS");
        else
            qputenv("ROUTESCOPE_THREADS", saved);
    }
};

QTEST_APPLESS_MAIN(TestEvaluationUnits)
#include "test_evaluation_units.moc"
