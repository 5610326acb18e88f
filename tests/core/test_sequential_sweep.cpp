// Sweeps of routers that call models one after another (evaluation/sequential_sweep.h): costs
// add up over the models called, the feasible set is the models called, bad input is refused,
// and a policy's budget picks among the router's own operating points.

#include "evaluation/bootstrap.h"
#include "evaluation/collapse_curves.h"
#include "evaluation/metrics.h"
#include "evaluation/sequential_sweep.h"
#include "util/random.h"

#include <cmath>

#include <QTest>

using namespace routescope;

namespace {

// Two queries, three models: calling order 2, 0, 1.
struct Truth {
    Eigen::MatrixXd A{2, 3}, K{2, 3};
    Truth()
    {
        A << 1, 1, 0, // model 2 is wrong, model 0 right
            0, 1, 1;  // model 2 is right
        K << 2, 3, 1, 2, 3, 1;
    }
};

ModelChoices callsOf(std::initializer_list<std::initializer_list<int>> rows)
{
    ModelChoices calls(Eigen::Index(rows.size()), Eigen::Index(rows.begin()->size()));
    Eigen::Index b = 0;
    for (const auto& row : rows) {
        Eigen::Index n = 0;
        for (int c : row)
            calls(b, n++) = std::int16_t(c);
        ++b;
    }
    return calls;
}

} // namespace

class TestSequentialSweep : public QObject {
    Q_OBJECT

private slots:
    void costsAddUpAndTheLastAnswerCounts()
    {
        const Truth t;
        const BudgetSweep sweep = sequentialSweep(BudgetPolicy::CostThreshold, {1, 2}, {2, 0, 1},
                                                  callsOf({{1, 1}, {2, 1}}), t.A, t.K);
        QVERIFY(isSequential(sweep));
        QCOMPARE(sweep.frontier[0].cost, 1.0);    // model 2 on both
        QCOMPARE(sweep.frontier[0].quality, 0.5);
        QCOMPARE(sweep.frontier[1].cost, (1 + 2 + 1) / 2.0);
        QCOMPARE(sweep.frontier[1].quality, 1.0);
        QCOMPARE(int(sweep.choices(1, 0)), 0);
        QCOMPARE(callsPerQuery(sweep), (std::vector<double>{1.0, 1.5}));

        const auto called = calledModels(sweep, 1, 3);
        QVERIFY(called(0, 2) && called(0, 0) && !called(0, 1));
        QVERIFY(called(1, 2) && !called(1, 0) && !called(1, 1));
    }

    void eachQueryPaysForEveryModelItCalled()
    {
        const Truth t;
        const BudgetSweep sweep = sequentialSweep(BudgetPolicy::CostThreshold, {1, 2}, {2, 0, 1},
                                                  callsOf({{1, 1}, {2, 1}}), t.A, t.K);
        Eigen::MatrixXd expected(2, 2);
        expected << 1, 1, // model 2 on both
            1 + 2, 1;     // query 0 also called model 0
        QCOMPARE(spentPerQuery(sweep, t.K), expected);
        // Per-query spending is what the bootstrap resamples: with every query drawn once, its
        // means are the frontier's costs.
        QueryContributions contributions(2);
        const Eigen::Index first = contributions.addPerBudget(spentPerQuery(sweep, t.K));
        const Eigen::MatrixXd means = contributions.weightedMeans(Eigen::MatrixXd::Ones(1, 2));
        QCOMPARE(means(0, first), sweep.frontier[0].cost);
        QCOMPARE(means(0, first + 1), sweep.frontier[1].cost);
        // A one-call sweep spends the chosen model's cost.
        BudgetSweep oneCall;
        oneCall.choices = callsOf({{0, 2}});
        QCOMPARE(spentPerQuery(oneCall, t.K), (Eigen::MatrixXd(1, 2) << 2, 1).finished());
    }

    void feasibleCollapseJudgesAmongTheModelsCalled()
    {
        const Truth t;
        // Query 0 at budget 0 returns model 2, wrong, though model 0 (never called) was right:
        // collapsed against all models, but among the one model called it is the best there was.
        const BudgetSweep sweep =
            sequentialSweep(BudgetPolicy::CostThreshold, {1}, {2, 0, 1}, callsOf({{1, 1}}), t.A, t.K);
        const Eigen::MatrixXd unusedC = t.K;
        QCOMPARE(collapseCurve(sweep, t.A, t.K).front(), 0.5);
        QCOMPARE(feasibleCollapseCurve(sweep, unusedC, t.A, t.K).front(), 0.0);
    }

    // The curves are counted where a query's choice or call count changes: at every budget of a
    // longer sweep, with calls that rise and fall from one budget to the next, they must be the
    // index with all models and with the models called.
    void curvesAreTheIndexAtEachBudget()
    {
        Random random(3);
        const Eigen::Index queries = 200, models = 5, budgets = 20;
        Eigen::MatrixXd A(queries, models), K(queries, models);
        for (Eigen::Index n = 0; n < queries; ++n)
            for (Eigen::Index m = 0; m < models; ++m) {
                A(n, m) = std::floor(random.uniform() * 3) / 2; // 0, 0.5 or 1: many ties
                K(n, m) = 0.1 * double(m + 1) * (0.5 + random.uniform());
            }
        ModelChoices calls(budgets, queries);
        for (Eigen::Index n = 0; n < queries; ++n) {
            std::int16_t called = 1;
            for (Eigen::Index b = 0; b < budgets; ++b) {
                if (random.uniform() < 0.3)
                    called = std::int16_t(1 + random.uniform() * 4); // 1 to 4 of the 4 in the order
                calls(b, n) = called;
            }
        }
        std::vector<double> grid;
        for (Eigen::Index b = 0; b < budgets; ++b)
            grid.push_back(double(b + 1));
        const BudgetSweep sweep = sequentialSweep(BudgetPolicy::CostThreshold, grid, {3, 0, 4, 1}, calls, A, K);
        const auto all = collapseCurve(sweep, A, K);
        const auto feasible = feasibleCollapseCurve(sweep, K, A, K);
        bool differ = false;
        for (Eigen::Index b = 0; b < budgets; ++b) {
            const Eigen::VectorXi choices = sweep.choices.row(b).transpose().cast<int>();
            QCOMPARE(all[std::size_t(b)], routingCollapseIndex(A, K, choices));
            QCOMPARE(feasible[std::size_t(b)], routingCollapseIndex(A, K, choices, calledModels(sweep, b, models)));
            differ = differ || all[std::size_t(b)] != feasible[std::size_t(b)];
        }
        QVERIFY(differ); // the models called did restrict something
    }

    void refusesCallsThatDoNotFit()
    {
        const Truth t;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 sequentialSweep(BudgetPolicy::CostThreshold, {1}, {2, 0}, callsOf({{3, 1}}), t.A, t.K));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 sequentialSweep(BudgetPolicy::CostThreshold, {1}, {2, 0}, callsOf({{0, 1}}), t.A, t.K));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 sequentialSweep(BudgetPolicy::CostThreshold, {1}, {5}, callsOf({{1, 1}}), t.A, t.K));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 sequentialSweep(BudgetPolicy::CostThreshold, {1, 2}, {2}, callsOf({{1, 1}}), t.A, t.K));
    }

    void aBudgetPicksAnOperatingPoint()
    {
        const std::vector<FrontierPoint> points = {{1, 1.0, 0.5}, {2, 2.0, 0.8}, {3, 4.0, 0.8}, {4, 8.0, 0.9}};
        // Threshold: the best quality at mean cost <= T, the cheaper of equals; the cheapest below all.
        QCOMPARE(operatingPointAt(BudgetPolicy::CostThreshold, points, 0.5), std::size_t(0));
        QCOMPARE(operatingPointAt(BudgetPolicy::CostThreshold, points, 1.5), std::size_t(0));
        QCOMPARE(operatingPointAt(BudgetPolicy::CostThreshold, points, 5.0), std::size_t(1));
        QCOMPARE(operatingPointAt(BudgetPolicy::CostThreshold, points, 8.0), std::size_t(3));
        // Willingness to pay: the largest quality - lambda * cost.
        QCOMPARE(operatingPointAt(BudgetPolicy::WillingnessToPay, points, 1.0), std::size_t(0));
        QCOMPARE(operatingPointAt(BudgetPolicy::WillingnessToPay, points, 0.2), std::size_t(1));
        QCOMPARE(operatingPointAt(BudgetPolicy::WillingnessToPay, points, 0.0), std::size_t(3));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, operatingPointAt(BudgetPolicy::CostThreshold, {}, 1.0));
    }

    void oneCallSweepsCallOnce()
    {
        const Truth t;
        const BudgetSweep sweep = sweepBudgets(BudgetPolicy::CostThreshold, t.A, t.K, t.A, t.K, 5);
        QVERIFY(!isSequential(sweep));
        for (double calls : callsPerQuery(sweep))
            QCOMPARE(calls, 1.0);
    }
};

QTEST_GUILESS_MAIN(TestSequentialSweep)
#include "test_sequential_sweep.moc"
