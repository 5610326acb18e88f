// The two budget sweeps' own parts on hand-worked queries: the threshold grid and where models
// join it, and the willingness-to-pay hull and lambda grid. (test_budget_policy checks the
// whole sweeps against the plain definition.)

#include "evaluation/threshold_sweep.h"
#include "evaluation/willingness_sweep.h"

#include <QTest>

#include <cmath>

using namespace routescope;
using namespace routescope::sweep;

class TestSweeps : public QObject {
    Q_OBJECT

private slots:
    void thresholdGridIsQuantilesOfDistinctCosts()
    {
        Eigen::MatrixXd C(2, 3);
        C << 1, 2, 3, 3, 4, 5;
        // Distinct costs 1..5: all of them when the grid may hold five or more.
        QCOMPARE(thresholdGrid(C, 100), (std::vector<double>{1, 2, 3, 4, 5}));
        // Three quantiles: the cheapest, the median and the dearest.
        QCOMPARE(thresholdGrid(C, 3), (std::vector<double>{1, 3, 5}));
        // Two of {1..5} at positions 0 and 4; one: the dearest (everything eligible).
        QCOMPARE(thresholdGrid(C, 2), (std::vector<double>{1, 5}));
        QCOMPARE(thresholdGrid(C, 1), (std::vector<double>{5}));
        // Interpolated between distinct costs: 4 quantiles of {1..5} at positions 0, 4/3, 8/3, 4.
        const auto four = thresholdGrid(C, 4);
        QCOMPARE(four.size(), std::size_t(4));
        QVERIFY(std::abs(four[1] - (2.0 + 1.0 / 3.0)) < 1e-12);
        QVERIFY(std::abs(four[2] - (3.0 + 2.0 / 3.0)) < 1e-12);
    }

    void modelsJoinAtTheFirstThresholdReachingTheirCost()
    {
        Eigen::MatrixXd C(1, 3);
        C << 2.5, 1, 1; // models 1 and 2 tie as cheapest
        const ThresholdJoins joins = thresholdJoins(C, {1, 2, 3});
        // Cheapest first, ties by index: 1, 2, then 0.
        QCOMPARE(int(joins.order(0, 0)), 1);
        QCOMPARE(int(joins.order(1, 0)), 2);
        QCOMPARE(int(joins.order(2, 0)), 0);
        QCOMPARE(int(joins.joins(0, 0)), 0);
        QCOMPARE(int(joins.joins(1, 0)), 0);
        QCOMPARE(int(joins.joins(2, 0)), 2); // 2.5 is first reached by T = 3
        QCOMPARE(int(joins.cheapestGroupEnd[0]), 1);
    }

    void hullKeepsOnlyModelsSomeLambdaPicks()
    {
        // (cost, quality): A (1, 0.5), B (2, 0.6) below the chord A-C, C (3, 0.9), D (4, 0.9) no better than C.
        Eigen::MatrixXd P(1, 4), C(1, 4);
        P << 0.5, 0.6, 0.9, 0.9;
        C << 1, 2, 3, 4;
        const WillingnessHulls hulls = willingnessHulls(P, C);
        QCOMPARE(int(hulls.size[0]), 2);
        QCOMPARE(int(hulls.vertices(0, 0)), 0);
        QCOMPARE(int(hulls.vertices(1, 0)), 2);
        // The one edge A-C has slope (0.9 - 0.5) / (3 - 1) = 0.2.
        QVERIFY(std::abs(hulls.largestSlope - 0.2) < 1e-12);
        QVERIFY(std::abs(hulls.smallestSlope - 0.2) < 1e-12);
        // The grid runs from twice the largest slope down to half the smallest.
        const auto grid = willingnessGrid(hulls, 3);
        QCOMPARE(grid.size(), std::size_t(3));
        QVERIFY(std::abs(grid.front() - 0.4) < 1e-12);
        QVERIFY(std::abs(grid.back() - 0.1) < 1e-12);
        QVERIFY(std::abs(grid[1] - 0.2) < 1e-12); // the log-midpoint
    }

    void sweepsFollowTheirDecisions()
    {
        Eigen::MatrixXd P(1, 4), C(1, 4), A(1, 4), K(1, 4);
        P << 0.5, 0.6, 0.9, 0.9;
        C << 1, 2, 3, 4;
        A << 0, 1, 1, 1;
        K << 10, 20, 30, 40;
        const WillingnessHulls hulls = willingnessHulls(P, C);
        const BudgetSweep wtp = sweepWillingness(P, C, A, K, {0.4, 0.2, 0.1}, hulls);
        // Above the slope the cheap vertex, at or below it the dear one (ties go to the cheaper).
        QCOMPARE(int(wtp.choices(0, 0)), 0);
        QCOMPARE(int(wtp.choices(1, 0)), 0);
        QCOMPARE(int(wtp.choices(2, 0)), 2);
        QCOMPARE(wtp.frontier[2].cost, 30.0);
        QCOMPARE(wtp.frontier[2].quality, 1.0);

        const ThresholdJoins joins = thresholdJoins(C, {1, 2, 3, 4});
        const BudgetSweep threshold = sweepThreshold(P, A, K, {1, 2, 3, 4}, joins);
        QCOMPARE(int(threshold.choices(0, 0)), 0);
        QCOMPARE(int(threshold.choices(1, 0)), 1);
        QCOMPARE(int(threshold.choices(2, 0)), 2);
        QCOMPARE(int(threshold.choices(3, 0)), 2); // D ties C on P and costs more
        QCOMPARE(threshold.frontier[1].cost, 20.0);
    }
};

QTEST_GUILESS_MAIN(TestSweeps)
#include "test_sweeps.moc"
