// What a scenario cannot change: a trained router keeps what it learned from the training prices.
// EquiRouter learns to rank equally good models cheaper-first; when the scenario makes the cheaper
// of two tied models the dearer one, the stale router still prefers it (and collapses onto it,
// by RCI's definition), while EquiRouter retrained under the scenario's prices prefers the other.

#include "experiment/comparison.h"
#include "experiment/experiment.h"
#include "scenario/scenario_runs.h"

#include <QTest>

using namespace routescope;

namespace {

// Two task families told apart by their words: on "easy" queries both models are right, on
// "hard" ones only "big" is. "small" costs a tenth of "big".
OutcomeMatrix tiedModels(int queries)
{
    OutcomeMatrix data;
    data.models = {{"small", std::nullopt, std::nullopt}, {"big", std::nullopt, std::nullopt}};
    data.scores.resize(queries, 2);
    data.costs.resize(queries, 2);
    for (int n = 0; n < queries; ++n) {
        const bool easy = n % 2 == 0;
        const std::string id = std::to_string(n);
        data.queries.push_back({"q" + id,
                                easy ? "what is two plus " + id + " apples sum count"
                                     : "prove the theorem on manifold " + id + " lemma topology",
                                easy ? "easy" : "hard"});
        data.scores.row(n) << (easy ? 1.0 : 0.0), 1.0;
        data.costs.row(n) << 0.001, 0.01;
    }
    return data;
}

ExperimentSpec equiRouterSpec()
{
    ExperimentSpec spec;
    // Small and quick, the tie pairs weighted in: what is tested is the ranking, not its size.
    spec.routers = {parseRouterSpec("equirouter:tie=all:tie_weight=1:select=none:trunk=64:embedding=16:head=64:steps=300")};
    spec.seeds = {0};
    spec.featurizer.dimensions = 32;
    return spec;
}

const RouterEvaluation& equiRouterOf(const Comparison& comparison) { return comparison.seeds.front().routers.front(); }

} // namespace

class TestScenarioStaleRouter : public QObject {
    Q_OBJECT

private slots:
    void equiRouterKeepsTheTrainingPricesOrder()
    {
        const OutcomeMatrix data = tiedModels(400);
        const auto runs = runExperiment({&data}, {}, equiRouterSpec());
        const std::vector<std::string> models = {"small", "big"};
        const auto atTraining = compareRouters(runs, models, BudgetPolicy::CostThreshold);
        // At the training prices it learned cheaper-first: "small" on the easy half, no collapse.
        const Eigen::Index last = equiRouterOf(atTraining).selectionShare.rows() - 1;
        QVERIFY(equiRouterOf(atTraining).selectionShare(last, 0) > 0.4);
        QVERIFY(equiRouterOf(atTraining).rciCurve.back() < 0.1);

        // "small" at 100x its price: now ten times dearer than "big".
        Scenario scenario;
        scenario.factors["small"] = 100;
        const ScenarioRuns stale = applyScenario(runs, models, scenario);
        const auto staleComparison = compareRouters(stale.runs, stale.modelNames, BudgetPolicy::CostThreshold);
        const OutcomeMatrix repriced = outcomesUnderScenario(data, scenario);
        const auto retrainedRuns = runExperiment({&repriced}, {}, equiRouterSpec());
        const auto retrained = compareRouters(retrainedRuns, models, BudgetPolicy::CostThreshold);
        QCOMPARE(retrainedRuns.front().testRows, runs.front().testRows); // the same split

        // The stale router still takes "small" where the two tie, now the dearer of them; retrained,
        // it takes "big" and does not collapse.
        const RouterEvaluation& s = equiRouterOf(staleComparison);
        const RouterEvaluation& r = equiRouterOf(retrained);
        QVERIFY2(s.selectionShare(last, 0) > 0.4, qPrintable(QString::number(s.selectionShare(last, 0))));
        QVERIFY2(r.selectionShare(last, 0) < 0.1, qPrintable(QString::number(r.selectionShare(last, 0))));
        // RCI counts a query when the chosen model is the dearest of those with the top score: here
        // the easy half (both tie, the stale router takes "small"), so about 0.5 of the test queries.
        QVERIFY2(s.rciCurve.back() >= 0.4 && s.rciCurve.back() <= 0.6, qPrintable(QString("RCI stale %1").arg(s.rciCurve.back())));
        QVERIFY2(s.rciCurve.back() > r.rciCurve.back() + 0.3,
                 qPrintable(QString("RCI stale %1, retrained %2").arg(s.rciCurve.back()).arg(r.rciCurve.back())));
        // Same quality at the largest budget, at a higher cost for the stale router.
        QCOMPARE(s.frontier.back().quality, r.frontier.back().quality);
        QVERIFY(s.frontier.back().cost > 2 * r.frontier.back().cost);
    }
};

QTEST_GUILESS_MAIN(TestScenarioStaleRouter)
#include "test_scenario_stale_router.moc"
