// Frontier metrics, RCI, selection share, tie analysis and seed summaries against values worked
// out by hand (see evaluation_example.h for the 5 x 3 example and its threshold sweep).

#include "evaluation/metrics.h"
#include "evaluation/router_evaluation.h"
#include "evaluation/seed_summary.h"
#include "evaluation_example.h"
#include "util/random.h"

#include <cmath>

#include <QTest>

using namespace routescope;
using routescope::test::EvaluationExample;

using Points = std::vector<CostQualityPoint>;
Q_DECLARE_METATYPE(Points)

namespace {

// The example's threshold sweep, by hand: (mean true cost, mean true score) per budget 1..5.
const Points kExampleFrontier{{2.4, 0.4}, {2.8, 0.6}, {4.0, 0.8}, {5.2, 0.8}, {6.0, 1.0}};

bool samePoints(const Points& a, const Points& b)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (!qFuzzyCompare(1 + a[i].cost, 1 + b[i].cost) || !qFuzzyCompare(1 + a[i].quality, 1 + b[i].quality))
            return false;
    return true;
}

BudgetSweep exampleSweep(const EvaluationExample& ex)
{
    return sweepBudgets(BudgetPolicy::CostThreshold, ex.P, ex.C, ex.A, ex.K);
}

} // namespace

class TestMetrics : public QObject {
    Q_OBJECT

private slots:
    void fronts_data()
    {
        QTest::addColumn<Points>("points");
        QTest::addColumn<Points>("pareto");
        QTest::addColumn<Points>("hull");
        QTest::newRow("example sweep") << kExampleFrontier << Points{{2.4, 0.4}, {2.8, 0.6}, {4.0, 0.8}, {6.0, 1.0}}
                                       << Points{{2.4, 0.4}, {2.8, 0.6}, {4.0, 0.8}, {6.0, 1.0}};
        // (2, 0.6) is Pareto but lies under the chord (1, 0.5)-(3, 0.9); (4, 0.85) is dominated.
        QTest::newRow("hull below front") << Points{{4, 0.85}, {2, 0.6}, {0, 0.2}, {3, 0.9}, {1, 0.5}}
                                          << Points{{0, 0.2}, {1, 0.5}, {2, 0.6}, {3, 0.9}}
                                          << Points{{0, 0.2}, {1, 0.5}, {3, 0.9}};
        QTest::newRow("equal costs keep the best, duplicates once")
            << Points{{1, 0.3}, {1, 0.5}, {2, 0.5}, {2, 0.7}, {2, 0.7}} << Points{{1, 0.5}, {2, 0.7}}
            << Points{{1, 0.5}, {2, 0.7}};
        QTest::newRow("collinear middle point leaves the hull")
            << Points{{0, 0}, {1, 0.5}, {2, 1}} << Points{{0, 0}, {1, 0.5}, {2, 1}} << Points{{0, 0}, {2, 1}};
        QTest::newRow("single point") << Points{{3, 0.7}} << Points{{3, 0.7}} << Points{{3, 0.7}};
        QTest::newRow("all tied") << Points{{2, 0.5}, {2, 0.5}} << Points{{2, 0.5}} << Points{{2, 0.5}};
    }
    void fronts()
    {
        QFETCH(Points, points);
        QFETCH(Points, pareto);
        QFETCH(Points, hull);
        QVERIFY(samePoints(paretoFront(points), pareto));
        QVERIFY(samePoints(nonDecreasingHull(points), hull));
    }

    void areas_data()
    {
        QTest::addColumn<Points>("points");
        QTest::addColumn<double>("lo");
        QTest::addColumn<double>("hi");
        QTest::addColumn<double>("auc");
        QTest::addColumn<double>("aiq");
        // Pareto: 0.35 + 0.55 + 0.75 + 0.9 over width 4; hull: 0.35 + 1.4 + 0.9.
        QTest::newRow("hull below front") << Points{{4, 0.85}, {2, 0.6}, {0, 0.2}, {3, 0.9}, {1, 0.5}} << 0.0 << 4.0
                                          << 2.55 / 4 << 2.65 / 4;
        // Quality 0 left of the cheapest point, flat right of the dearest.
        QTest::newRow("starts inside the interval") << Points{{1, 0.5}, {2, 1.0}} << 0.0 << 4.0 << 2.75 / 4
                                                    << 2.75 / 4;
        // Example sweep on [2, 8]: 0 on [2, 2.4], then 0.2 + 0.84 + 1.8 + 2.0 under the front.
        QTest::newRow("example sweep") << kExampleFrontier << 2.0 << 8.0 << 4.84 / 6 << 4.84 / 6;
        QTest::newRow("zero-width interval at the point") << Points{{0, 0.6}} << 0.0 << 0.0 << 0.6 << 0.6;
        QTest::newRow("interval left of every point") << Points{{5, 0.6}} << 1.0 << 2.0 << 0.0 << 0.0;
    }
    void areas()
    {
        QFETCH(Points, points);
        QFETCH(double, lo);
        QFETCH(double, hi);
        QFETCH(double, auc);
        QFETCH(double, aiq);
        QCOMPARE(areaUnderCurve(points, {lo, hi}), auc);
        QCOMPARE(averageImprovedQuality(points, {lo, hi}), aiq);
    }

    void qualityAlongAFront()
    {
        const Points front = paretoFront(kExampleFrontier);
        QCOMPARE(qualityAt(front, 2.0), 0.0);
        QCOMPARE(qualityAt(front, 2.4), 0.4);
        QCOMPARE(qualityAt(front, 2.6), 0.5);
        QCOMPARE(qualityAt(front, 5.0), 0.9);
        QCOMPARE(qualityAt(front, 100.0), 1.0);
        QCOMPARE(peakQuality(kExampleFrontier), 1.0);
        const CostInterval shared = sharedCostInterval({kExampleFrontier, {{1.5, 0.1}}, {{9, 0.2}}});
        QCOMPARE(shared.lo, 1.5);
        QCOMPARE(shared.hi, 9.0);
    }

    void singleModelsAndZeroRouter()
    {
        const EvaluationExample ex;
        // Mean true scores 0.4, 0.6, 1.0 at mean true costs 2.4, 4.0, 7.6.
        const auto singles = singleModelPoints(ex.A, ex.K);
        QCOMPARE(singles[1].quality, 0.6);
        QCOMPARE(singles[2].cost, 7.6);
        const SingleModelPoint best = bestSingleModel(ex.A, ex.K);
        QCOMPARE(best.model, 2);
        QCOMPARE(best.quality, 1.0);
        QCOMPARE(best.cost, 7.6);
        // (4.0, 0.6) lies above the chord from (2.4, 0.4) to (7.6, 1.0): all three stay.
        QVERIFY(samePoints(zeroRouterFront(ex.A, ex.K), Points{{2.4, 0.4}, {4.0, 0.6}, {7.6, 1.0}}));

        // Models 0 and 2 share the best score: the cheaper 2 is the best single model.
        Eigen::MatrixXd A(2, 3), K(2, 3);
        A << 1, 0, 1, //
            0, 0, 0;
        K << 3, 1, 2, //
            3, 1, 2;
        QCOMPARE(bestSingleModel(A, K).model, 2);
    }

    void qualityNeutralCostAndSaving()
    {
        const EvaluationExample ex;
        const SingleModelPoint best = bestSingleModel(ex.A, ex.K);
        // Stepwise: the front first reaches 1.0 at cost 6.0, 0.8 at 4.0.
        QCOMPARE(costToReach(kExampleFrontier, 1.0), std::optional(6.0));
        QCOMPARE(costToReach(kExampleFrontier, 0.7), std::optional(4.0));
        QVERIFY(!costToReach(kExampleFrontier, 1.01));
        QCOMPARE(qualityNeutralCost(kExampleFrontier, best).value(), 6.0 / 7.6);
        QCOMPARE(qualityNeutralCost(kExampleFrontier, best, 0.95).value(), 6.0 / 7.6);
        QCOMPARE(qualityNeutralCost(kExampleFrontier, best, 0.8).value(), 4.0 / 7.6);
        // A router that never reaches the target: not reached, not a number.
        QVERIFY(!qualityNeutralCost(Points{{1, 0.5}, {2, 0.85}}, best, 0.9));
        QCOMPARE(qualityNeutralCost(Points{{1, 0.5}, {2, 0.9}}, best, 0.9).value(), 2.0 / 7.6);
        // Zero-cost best model: no ratio.
        QVERIFY(!qualityNeutralCost(kExampleFrontier, SingleModelPoint{0, 0.0, 1.0}));

        const Points other{{3.0, 0.5}, {5.0, 0.8}, {8.0, 1.0}};
        QCOMPARE(costSavingAtQuality(kExampleFrontier, other, 0.8).value(), 1.0 - 4.0 / 5.0);
        QCOMPARE(costSavingAtQuality(kExampleFrontier, other, 1.0).value(), 1.0 - 6.0 / 8.0);
        QVERIFY(!costSavingAtQuality(kExampleFrontier, Points{{3.0, 0.5}}, 0.8));
    }

    void routingCollapseIndexByHand()
    {
        const EvaluationExample ex;
        const BudgetSweep sweep = exampleSweep(ex);
        // Most expensive by mean true cost: model 2 (7.6). At T = 5 the choices are 2,1,0,2,2:
        // query 0 picks model 2 although 0 and 1 tie at the top (1); query 3 needs model 2 (0);
        // query 4 picks 2 although model 1 ties (1). RCI 2/5.
        const auto curve = collapseCurve(sweep, ex.A, ex.K);
        QCOMPARE(curve.size(), std::size_t(5));
        QCOMPARE(curve[4], 0.4);
        // T = 1, all to model 0: wrong on queries 1, 3 and 4.
        QCOMPARE(curve[0], 0.6);
        // T = 3 (0,1,0,1,2): query 3 misses its top, query 4 collapses.
        QCOMPARE(curve[2], 0.4);

        // Feasible set at T = 1: every query's top among what it may use is taken, cheapest first.
        const auto feasible = feasibleCollapseCurve(sweep, ex.C, ex.A, ex.K);
        QCOMPARE(feasible[0], 0.0);
        // T = 3: query 3 may use {0, 1}, both score 0, it took the dearer 1; query 4 as before.
        QCOMPARE(feasible[2], 0.4);
        QCOMPARE(feasible[4], curve[4]);

        // The oracle never collapses; routing everything to the dearest model does where ties exist.
        const BudgetSweep oracle = sweepBudgets(BudgetPolicy::CostThreshold, ex.A, ex.K, ex.A, ex.K);
        QCOMPARE(collapseCurve(oracle, ex.A, ex.K).back(), 0.0);
        QCOMPARE(routingCollapseIndex(ex.A, ex.K, Eigen::VectorXi::Constant(5, 2)), 0.8);
    }

    // The curves are the index at each budget of a sweep, feasible sets as allowedModels gives them
    // (the curves compute them a query at a time), under both policies, on random ties and costs.
    void curvesAreTheIndexAtEachBudget()
    {
        Random random(5);
        const Eigen::Index queries = 300, models = 6;
        Eigen::MatrixXd A(queries, models), K(queries, models), P(queries, models), C(queries, models);
        for (Eigen::Index n = 0; n < queries; ++n)
            for (Eigen::Index m = 0; m < models; ++m) {
                A(n, m) = std::floor(random.uniform() * 3) / 2; // 0, 0.5 or 1: many ties
                K(n, m) = 0.1 * double(m + 1) * (0.5 + random.uniform());
                P(n, m) = A(n, m) + 0.6 * (random.uniform() - 0.5);
                C(n, m) = K(n, m) * (0.8 + 0.4 * random.uniform());
            }
        // Also costs of a few distinct values, so the threshold grid is those values themselves:
        // every budget then equals some query's cost, where a model joins exactly at it.
        const Eigen::MatrixXd fewCosts = (C.array() * 10).round() / 10 + 0.05;
        using Case = std::pair<BudgetPolicy, const Eigen::MatrixXd*>;
        for (const auto& [policy, costs] : {Case{BudgetPolicy::CostThreshold, &C}, Case{BudgetPolicy::WillingnessToPay, &C},
                                            Case{BudgetPolicy::CostThreshold, &fewCosts}}) {
            const BudgetSweep sweep = sweepBudgets(policy, P, *costs, A, K, 20);
            if (costs == &fewCosts) // fewer distinct costs than budgets asked for: the grid is those costs
                QVERIFY(sweep.budgets.size() < 20 && (costs->array() == sweep.budgets[1]).any());
            const auto curve = collapseCurve(sweep, A, K);
            const auto feasible = feasibleCollapseCurve(sweep, *costs, A, K);
            QCOMPARE(curve.size(), std::size_t(sweep.choices.rows()));
            bool differ = false;
            for (Eigen::Index b = 0; b < sweep.choices.rows(); ++b) {
                const Eigen::VectorXi choices = sweep.choices.row(b).transpose().cast<int>();
                QCOMPARE(curve[std::size_t(b)], routingCollapseIndex(A, K, choices));
                const auto allowed = allowedModels(policy, *costs, sweep.budgets[std::size_t(b)], choices);
                QCOMPARE(feasible[std::size_t(b)], routingCollapseIndex(A, K, choices, allowed));
                differ = differ || feasible[std::size_t(b)] != curve[std::size_t(b)];
            }
            QVERIFY(differ); // the feasible sets did restrict something
        }
    }

    void collapseWithTiedMostExpensiveModels()
    {
        // Models 1 and 2 share the highest mean cost; only they reach the top on query 0.
        Eigen::MatrixXd A(2, 3), K(2, 3);
        A << 0, 1, 1, //
            1, 1, 0;
        K << 1, 5, 5, //
            1, 5, 5;
        QCOMPARE(routingCollapseIndex(A, K, Eigen::Vector2i(2, 1)), 0.5);
        QCOMPARE(routingCollapseIndex(A, K, Eigen::Vector2i(1, 0)), 0.0);
        // One model: whatever scores it gets, it is the only choice and never collapses.
        Eigen::MatrixXd one(3, 1);
        one << 0, 1, 0.5;
        QCOMPARE(routingCollapseIndex(one, one, Eigen::VectorXi::Zero(3)), 0.0);
        // All tied, all costs zero: every model is "most expensive", any choice is fine.
        QCOMPARE(routingCollapseIndex(Eigen::MatrixXd::Ones(2, 3), Eigen::MatrixXd::Zero(2, 3), Eigen::Vector2i(2, 0)),
                 0.0);
    }

    void selectionShareByHand()
    {
        const EvaluationExample ex;
        const Eigen::MatrixXd share = selectionShare(exampleSweep(ex), 3);
        QCOMPARE(share.rows(), Eigen::Index(5));
        QCOMPARE(share(0, 0), 1.0);
        QCOMPARE(share(2, 0), 0.4);
        QCOMPARE(share(2, 1), 0.4);
        QCOMPARE(share(2, 2), 0.2);
        QCOMPARE(share(4, 2), 0.6);
        QVERIFY((share.rowwise().sum().array() - 1.0).abs().maxCoeff() < 1e-12);
    }

    // The share is counted from where each query's choice changes: it must equal a count of every
    // budget's choices, also where choices change back and forth from one budget to the next.
    void selectionShareCountsEveryBudgetsChoices()
    {
        Random random(9);
        const Eigen::Index budgets = 40, queries = 500, models = 5;
        BudgetSweep sweep;
        sweep.budgets.resize(std::size_t(budgets));
        sweep.choices.resize(budgets, queries);
        for (Eigen::Index n = 0; n < queries; ++n) {
            std::int16_t chosen = std::int16_t(random.uniform() * models);
            for (Eigen::Index b = 0; b < budgets; ++b) {
                if (random.uniform() < 0.3) // a change at about one budget in three
                    chosen = std::int16_t(random.uniform() * models);
                sweep.choices(b, n) = chosen;
            }
        }
        const Eigen::MatrixXd share = selectionShare(sweep, models);
        QCOMPARE(share.rows(), budgets);
        QCOMPARE(share.cols(), models);
        for (Eigen::Index b = 0; b < budgets; ++b)
            for (Eigen::Index m = 0; m < models; ++m) {
                const double count = double((sweep.choices.row(b).array() == std::int16_t(m)).count());
                QCOMPARE(share(b, m), count / double(queries));
            }
    }

    void tieAnalysis()
    {
        const EvaluationExample ex;
        QCOMPARE(topTieRate(ex.A), 0.8); // all but query 3
        // Top-2 margins 0.05, 0, 0, 0.3, 0.5.
        QCOMPARE(smallMarginRate(ex.P, 0.06), 0.6);
        QCOMPARE(smallMarginRate(ex.P, 0.01), 0.4);
        QCOMPARE(topTieRate(Eigen::MatrixXd::Ones(4, 1)), 0.0);
        QCOMPARE(smallMarginRate(Eigen::MatrixXd::Ones(4, 1), 0.1), 0.0);
        QCOMPARE(topTieRate(Eigen::MatrixXd::Ones(4, 3)), 1.0);
    }

    void routerEvaluationAndJson()
    {
        const EvaluationExample ex;
        const BudgetSweep sweep = exampleSweep(ex);
        const EvaluationReference reference = makeEvaluationReference(ex.A, ex.K, {&sweep.frontier});
        // Interval from the cheapest single model (2.4) to the dearest (7.6).
        QCOMPARE(reference.costInterval.lo, 2.4);
        QCOMPARE(reference.costInterval.hi, 7.6);
        const RouterEvaluation e = evaluateRouter("demo", sweep, ex.P, ex.C, ex.A, ex.K, reference);
        QCOMPARE(e.peak, 1.0);
        QCOMPARE(e.auc, areaUnderCurve(kExampleFrontier, {2.4, 7.6}));
        // 0.2 + 0.84 + 1.8 + 1.6 over width 5.2
        QCOMPARE(e.auc, 4.44 / 5.2);
        QCOMPARE(e.qnc.value(), 6.0 / 7.6);
        QCOMPARE(e.rci, 0.4);
        QCOMPARE(e.rciCurve.size(), std::size_t(5));
        QCOMPARE(e.selectionShare(4, 2), 0.6);

        JsonWriter json;
        writeJson(json, e, {"cheap", "mid", "dear"});
        const QString text = QString::fromStdString(json.str());
        QVERIFY(text.startsWith("{\"router\":\"demo\",\"policy\":\"threshold\",\"metrics\":{\"auc\":"));
        QVERIFY(text.contains("\"rci\":0.4"));
        QVERIFY(text.contains("\"dear\":[0,0,0.2,0.4,0.6]"));
        QVERIFY(text.contains("\"pareto_front\":[{\"cost\":2.4,\"quality\":0.4},"));

        // A router that never reaches the best model's quality writes null, not a number.
        RouterEvaluation weak = e;
        weak.qnc.reset();
        JsonWriter weakJson;
        writeJson(weakJson, weak, {"cheap", "mid", "dear"});
        QVERIFY(QString::fromStdString(weakJson.str()).contains("\"qnc\":null"));
    }

    void seedSummaries()
    {
        const MetricSummary s = summariseMetric("qnc", {1.0, 2.0, std::nullopt, 3.0});
        QCOMPARE(s.seeds, 4);
        QCOMPARE(s.reached, 3);
        QCOMPARE(s.mean.value(), 2.0);
        QCOMPARE(s.stddev.value(), 1.0); // sample std: sqrt((1 + 0 + 1) / 2)
        QCOMPARE(s.min.value(), 1.0);
        QCOMPARE(s.max.value(), 3.0);

        const MetricSummary none = summariseMetric("qnc", {std::nullopt, std::nullopt});
        QCOMPARE(none.reached, 0);
        QVERIFY(!none.mean && !none.stddev && !none.min);
        const MetricSummary one = summariseMetric("auc", {0.5});
        QCOMPARE(one.mean.value(), 0.5);
        QVERIFY(!one.stddev);

        const std::vector<MetricSummary> summaries = {summariseMetric("auc", {0.5, 0.7}),
                                                      summariseMetric("qnc", {0.8, std::nullopt})};
        QCOMPARE(summaries.front().mean.value(), 0.6);
        QCOMPARE(summaries[1].reached, 1);
        JsonWriter json;
        writeJson(json, summaries);
        QVERIFY(QString::fromStdString(json.str()).contains("\"qnc\":{\"seeds\":2,\"reached\":1,\"mean\":0.8,\"std\":null"));
    }
};

QTEST_GUILESS_MAIN(TestMetrics)
#include "test_metrics.moc"
