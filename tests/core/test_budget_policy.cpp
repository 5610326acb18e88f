// Budget policies: decisions at one budget and whole sweeps against hand-worked values, and the
// fast sweep against the plain definition on random data full of ties.

#include "evaluation/budget_policy.h"
#include "evaluation_example.h"
#include "util/sorted_distinct.h"
#include "util/random.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <limits>

using namespace routescope;
using routescope::test::EvaluationExample;

Q_DECLARE_METATYPE(std::vector<int>)

namespace {

std::vector<int> toVector(const Eigen::VectorXi& v)
{
    return {v.data(), v.data() + v.size()};
}

std::vector<int> sweepRow(const BudgetSweep& sweep, Eigen::Index budget)
{
    std::vector<int> row;
    for (Eigen::Index n = 0; n < sweep.choices.cols(); ++n)
        row.push_back(sweep.choices(budget, n));
    return row;
}

Eigen::MatrixXd randomIntegers(Eigen::Index rows, Eigen::Index cols, int low, int high, Random& random)
{
    Eigen::MatrixXd m(rows, cols);
    for (Eigen::Index i = 0; i < m.size(); ++i)
        m.data()[i] = random.between(low, high);
    return m;
}

} // namespace

class TestBudgetPolicy : public QObject {
    Q_OBJECT

private slots:
    void thresholdGridIsTheDistinctCosts()
    {
        const EvaluationExample ex;
        QCOMPARE(budgetGrid(BudgetPolicy::CostThreshold, ex.P, ex.C), (std::vector<double>{1, 2, 3, 4, 5}));
        // Three quantiles of {1..5}: positions 0, 2, 4.
        QCOMPARE(budgetGrid(BudgetPolicy::CostThreshold, ex.P, ex.C, 3), (std::vector<double>{1, 3, 5}));
        // Three quantiles of {1,2,3,4} at positions 0, 1.5 and 3: the middle one interpolated.
        Eigen::MatrixXd c(2, 2);
        c << 1, 2, 3, 4;
        QCOMPARE(budgetGrid(BudgetPolicy::CostThreshold, c, c, 3), (std::vector<double>{1, 2.5, 4}));
    }

    void costThreshold_data()
    {
        QTest::addColumn<double>("threshold");
        QTest::addColumn<std::vector<int>>("expected");
        QTest::newRow("T=0.5 nothing eligible") << 0.5 << std::vector<int>{0, 0, 0, 0, 0};
        QTest::newRow("T=1") << 1.0 << std::vector<int>{0, 0, 0, 0, 0};
        QTest::newRow("T=2") << 2.0 << std::vector<int>{0, 1, 0, 0, 0};
        QTest::newRow("T=3") << 3.0 << std::vector<int>{0, 1, 0, 1, 2};
        QTest::newRow("T=4") << 4.0 << std::vector<int>{2, 1, 0, 1, 2};
        QTest::newRow("T=5") << 5.0 << std::vector<int>{2, 1, 0, 2, 2};
    }
    void costThreshold()
    {
        QFETCH(double, threshold);
        QFETCH(std::vector<int>, expected);
        const EvaluationExample ex;
        QCOMPARE(toVector(chooseModels(BudgetPolicy::CostThreshold, ex.P, ex.C, threshold)), expected);
    }

    void thresholdSweepByHand()
    {
        const EvaluationExample ex;
        const BudgetSweep sweep = sweepBudgets(BudgetPolicy::CostThreshold, ex.P, ex.C, ex.A, ex.K);
        QCOMPARE(sweep.budgets, (std::vector<double>{1, 2, 3, 4, 5}));
        QCOMPARE(sweepRow(sweep, 0), (std::vector<int>{0, 0, 0, 0, 0}));
        QCOMPARE(sweepRow(sweep, 2), (std::vector<int>{0, 1, 0, 1, 2}));
        QCOMPARE(sweepRow(sweep, 4), (std::vector<int>{2, 1, 0, 2, 2}));
        // Mean TRUE cost (K = 2C) and score of the choices, worked out by hand.
        const double cost[] = {2.4, 2.8, 4.0, 5.2, 6.0};
        const double quality[] = {0.4, 0.6, 0.8, 0.8, 1.0};
        QCOMPARE(sweep.frontier.size(), std::size_t(5));
        for (std::size_t b = 0; b < 5; ++b) {
            QCOMPARE(sweep.frontier[b].budget, sweep.budgets[b]);
            QCOMPARE(sweep.frontier[b].cost, cost[b]);
            QCOMPARE(sweep.frontier[b].quality, quality[b]);
        }
    }

    void willingnessToPayByHand()
    {
        const EvaluationExample ex;
        // Hull slopes: largest first edge 0.5 (queries 1 and 3), smallest last edge 0.05/3 (query 0).
        const auto grid = budgetGrid(BudgetPolicy::WillingnessToPay, ex.P, ex.C, 3);
        QCOMPARE(grid.size(), std::size_t(3));
        QCOMPARE(grid[0], 1.0);
        QCOMPARE(grid[1], std::sqrt(1.0 / 120));
        QCOMPARE(grid[2], 1.0 / 120);
        const BudgetSweep sweep = sweepBudgets(BudgetPolicy::WillingnessToPay, ex.P, ex.C, ex.A, ex.K, 3);
        QCOMPARE(sweepRow(sweep, 0), (std::vector<int>{0, 0, 0, 0, 0})); // always cheapest
        QCOMPARE(sweepRow(sweep, 1), (std::vector<int>{0, 1, 0, 2, 2}));
        QCOMPARE(sweepRow(sweep, 2), (std::vector<int>{2, 1, 0, 2, 2})); // always best
        QCOMPARE(toVector(chooseModels(BudgetPolicy::WillingnessToPay, ex.P, ex.C, 0.0)),
                 (std::vector<int>{2, 1, 0, 2, 2}));
        // Exactly at query 1's slope 0.5 models 0 and 1 tie: the cheaper wins.
        QCOMPARE(chooseModels(BudgetPolicy::WillingnessToPay, ex.P, ex.C, 0.5)(1), 0);
    }

    void oracleIsTheTruthThroughThePolicy()
    {
        const EvaluationExample ex;
        const BudgetSweep oracle = sweepBudgets(BudgetPolicy::CostThreshold, ex.A, ex.K, ex.A, ex.K);
        // Best true score, cheaper first among equals.
        QCOMPARE(sweepRow(oracle, static_cast<Eigen::Index>(oracle.budgets.size()) - 1),
                 (std::vector<int>{0, 1, 0, 2, 1}));
        QCOMPARE(oracle.frontier.back().quality, 1.0);
        QCOMPARE(oracle.frontier.back().cost, (2 + 4 + 2 + 10 + 4) / 5.0);
    }

    void sweepMatchesDefinitionOnRandomTies_data()
    {
        QTest::addColumn<int>("policy");
        QTest::addColumn<int>("models");
        QTest::newRow("threshold, 6 models") << int(BudgetPolicy::CostThreshold) << 6;
        QTest::newRow("threshold, 1 model") << int(BudgetPolicy::CostThreshold) << 1;
        QTest::newRow("wtp, 6 models") << int(BudgetPolicy::WillingnessToPay) << 6;
        QTest::newRow("wtp, 1 model") << int(BudgetPolicy::WillingnessToPay) << 1;
    }
    void sweepMatchesDefinitionOnRandomTies()
    {
        QFETCH(int, policy);
        QFETCH(int, models);
        const auto kind = static_cast<BudgetPolicy>(policy);
        Random random(11);
        // Small integers: ties in P, in C and in P - lambda C everywhere.
        const Eigen::MatrixXd P = randomIntegers(500, models, 0, 3, random);
        const Eigen::MatrixXd C = randomIntegers(500, models, 1, 4, random);
        const Eigen::MatrixXd A = randomIntegers(500, models, 0, 1, random);
        const Eigen::MatrixXd K = randomIntegers(500, models, 1, 9, random);
        const BudgetSweep sweep = sweepBudgets(kind, P, C, A, K, 40);
        QVERIFY(!sweep.budgets.empty());
        for (std::size_t b = 0; b < sweep.budgets.size(); ++b) {
            const Eigen::VectorXi direct = chooseModels(kind, P, C, sweep.budgets[b]);
            QCOMPARE(sweepRow(sweep, static_cast<Eigen::Index>(b)), toVector(direct));
            double cost = 0, quality = 0;
            for (Eigen::Index n = 0; n < P.rows(); ++n) {
                cost += K(n, direct(n));
                quality += A(n, direct(n));
            }
            QCOMPARE(sweep.frontier[b].cost, cost / 500);
            QCOMPARE(sweep.frontier[b].quality, quality / 500);
        }
        // The sweep spans "always cheapest" to "always best".
        const Eigen::VectorXi best = chooseModels(BudgetPolicy::CostThreshold, P, C, C.maxCoeff());
        QCOMPARE(sweepRow(sweep, static_cast<Eigen::Index>(sweep.budgets.size()) - 1), toVector(best));
        const Eigen::VectorXi cheapest = chooseModels(BudgetPolicy::CostThreshold, P, C, C.minCoeff() - 1);
        QCOMPARE(sweepRow(sweep, 0), toVector(cheapest));
    }

    void sweepAtGivenBudgetsMatchesDefinition_data() { sweepMatchesDefinitionOnRandomTies_data(); }
    void sweepAtGivenBudgetsMatchesDefinition()
    {
        QFETCH(int, policy);
        QFETCH(int, models);
        const auto kind = static_cast<BudgetPolicy>(policy);
        Random random(12);
        const Eigen::MatrixXd P = randomIntegers(300, models, 0, 3, random);
        const Eigen::MatrixXd C = randomIntegers(300, models, 1, 4, random);
        const Eigen::MatrixXd A = randomIntegers(300, models, 0, 1, random);
        const Eigen::MatrixXd K = randomIntegers(300, models, 1, 9, random);
        // Unsorted, off the natural grid, below and above every cost.
        const std::vector<double> budgets = {2.5, 0.01, 7.0, 1.0, 3.2, 0.3, 1.7};
        const BudgetSweep sweep = sweepBudgets(kind, P, C, A, K, budgets);
        QCOMPARE(sweep.budgets.size(), budgets.size());
        for (std::size_t b = 1; b < sweep.budgets.size(); ++b)
            QVERIFY(kind == BudgetPolicy::CostThreshold ? sweep.budgets[b] > sweep.budgets[b - 1]
                                                        : sweep.budgets[b] < sweep.budgets[b - 1]);
        for (std::size_t b = 0; b < sweep.budgets.size(); ++b)
            QCOMPARE(sweepRow(sweep, static_cast<Eigen::Index>(b)),
                     toVector(chooseModels(kind, P, C, sweep.budgets[b])));
    }

    // sweepRouters() and a SharedCostSweeper: one router after another on one cost prediction,
    // each exactly as sweepBudgets() sweeps it alone.
    void routersSharingACostPredictionSweepAsAlone()
    {
        Random random(13);
        const Eigen::MatrixXd C = randomIntegers(200, 5, 1, 6, random);
        const Eigen::MatrixXd A = randomIntegers(200, 5, 0, 1, random);
        const Eigen::MatrixXd K = randomIntegers(200, 5, 1, 9, random);
        const Eigen::MatrixXd P1 = randomIntegers(200, 5, 0, 3, random);
        const Eigen::MatrixXd P2 = randomIntegers(200, 5, 0, 9, random);
        const auto sameSweep = [](const BudgetSweep& shared, const BudgetSweep& alone) {
            QCOMPARE(shared.budgets, alone.budgets);
            QVERIFY(shared.choices == alone.choices);
            QCOMPARE(shared.frontier.size(), alone.frontier.size());
            for (std::size_t b = 0; b < alone.frontier.size(); ++b) {
                QCOMPARE(shared.frontier[b].cost, alone.frontier[b].cost);
                QCOMPARE(shared.frontier[b].quality, alone.frontier[b].quality);
            }
        };
        for (const auto kind : {BudgetPolicy::CostThreshold, BudgetPolicy::WillingnessToPay}) {
            const std::vector<BudgetSweep> sweeps = sweepRouters(kind, {&P1, &P2}, C, A, K, 12);
            QCOMPARE(sweeps.size(), std::size_t(2));
            for (std::size_t r = 0; r < 2; ++r)
                sameSweep(sweeps[r], sweepBudgets(kind, r == 0 ? P1 : P2, C, A, K, 12));
            // Budgets out of order, between and beyond the costs (and lambdas); a router twice.
            const std::vector<double> budgets = {3.5, 0.5, 7.0, 1.0, 0.05, 2.0, 12.0};
            const SharedCostSweeper sweeper(kind, C, A, K, budgets);
            for (const Eigen::MatrixXd* P : {&P1, &P2, &P1})
                sameSweep(sweeper.sweep(*P), sweepBudgets(kind, *P, C, A, K, budgets));
            const Eigen::MatrixXd wrongShape = Eigen::MatrixXd::Zero(200, 4);
            QVERIFY_THROWS_EXCEPTION(std::invalid_argument, sweeper.sweep(wrongShape));
        }
        Eigen::MatrixXd infinite = P2;
        infinite(7, 3) = std::numeric_limits<double>::infinity();
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 sweepRouters(BudgetPolicy::CostThreshold, {&P1, &infinite}, C, A, K, 12));
    }

    void gridEndsAreTheGridsLeastAndGreatest()
    {
        Random random(19);
        const Eigen::MatrixXd P = randomIntegers(120, 5, 0, 9, random);
        const Eigen::MatrixXd fewCosts = randomIntegers(120, 5, 1, 4, random); // fewer distinct costs than budgets
        Eigen::MatrixXd manyCosts(120, 5);
        for (Eigen::Index i = 0; i < manyCosts.size(); ++i)
            manyCosts.data()[i] = 1e-6 * (1 + random.uniform());
        Eigen::MatrixXd someFree = manyCosts;
        someFree.col(0).setZero();
        for (const auto kind : {BudgetPolicy::CostThreshold, BudgetPolicy::WillingnessToPay})
            for (const Eigen::MatrixXd* C : std::initializer_list<const Eigen::MatrixXd*>{&fewCosts, &manyCosts, &someFree})
                for (int budgets : {1, 2, 3, 12, 100}) {
                    const std::vector<double> grid = budgetGrid(kind, P, *C, budgets);
                    const auto [least, greatest] = budgetGridEnds(kind, P, *C, budgets);
                    QCOMPARE(least, *std::min_element(grid.begin(), grid.end()));
                    QCOMPARE(greatest, *std::max_element(grid.begin(), grid.end()));
                }
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, budgetGridEnds(BudgetPolicy::CostThreshold, P, fewCosts, 0));
    }

    void zeroCostsGiveOneBudget()
    {
        const EvaluationExample ex;
        const Eigen::MatrixXd zero = Eigen::MatrixXd::Zero(5, 3);
        for (const auto kind : {BudgetPolicy::CostThreshold, BudgetPolicy::WillingnessToPay}) {
            const BudgetSweep sweep = sweepBudgets(kind, ex.P, zero, ex.A, zero);
            QCOMPARE(sweep.budgets, std::vector<double>{0.0});
            QCOMPARE(sweepRow(sweep, 0), (std::vector<int>{2, 1, 0, 2, 2}));
            QCOMPARE(sweep.frontier[0].cost, 0.0);
            QCOMPARE(sweep.frontier[0].quality, 1.0);
        }
    }

    void feasibleSetsFollowThePolicy()
    {
        const EvaluationExample ex;
        const Eigen::VectorXi choices = chooseModels(BudgetPolicy::CostThreshold, ex.P, ex.C, 1.0);
        const auto allowed = allowedModels(BudgetPolicy::CostThreshold, ex.C, 1.0, choices);
        Eigen::Array<bool, 5, 3> expected;
        expected << 1, 0, 0, //
            1, 0, 0,         //
            1, 1, 0,         //
            1, 0, 0,         // nothing under T: the cheapest
            1, 0, 0;
        QVERIFY((allowed == expected).all());
        // Willingness to pay allows what is predicted no dearer than the chosen model.
        const Eigen::VectorXi wtp = chooseModels(BudgetPolicy::WillingnessToPay, ex.P, ex.C, 0.1);
        QCOMPARE(toVector(wtp), (std::vector<int>{0, 1, 0, 2, 2}));
        const auto allowedWtp = allowedModels(BudgetPolicy::WillingnessToPay, ex.C, 0.1, wtp);
        expected << 1, 0, 0, //
            1, 1, 0,         //
            1, 1, 0,         //
            1, 1, 1,         //
            1, 1, 1;
        QVERIFY((allowedWtp == expected).all());
    }

    void badInputIsRejected()
    {
        const EvaluationExample ex;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 chooseModels(BudgetPolicy::CostThreshold, ex.P, Eigen::MatrixXd(5, 2), 1.0));
        Eigen::MatrixXd nan = ex.P;
        nan(2, 1) = std::nan("");
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, budgetGrid(BudgetPolicy::CostThreshold, nan, ex.C));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 sweepBudgets(BudgetPolicy::CostThreshold, ex.P, ex.C, ex.A, ex.K, 0));
        QCOMPARE(parseBudgetPolicy("wtp"), std::optional(BudgetPolicy::WillingnessToPay));
        QCOMPARE(parseBudgetPolicy(budgetPolicyName(BudgetPolicy::CostThreshold)),
                 std::optional(BudgetPolicy::CostThreshold));
        QVERIFY(!parseBudgetPolicy("cheap"));
    }

    void sortedDistinctMatchesSortAndUnique()
    {
        Random random(3);
        std::vector<double> values;
        for (int i = 0; i < 5000; ++i)
            values.push_back(static_cast<double>(random.between(-1000, 1000)) / 7.0);
        values.push_back(-0.0);
        values.push_back(0.0);
        values.push_back(1e300);
        values.push_back(-1e-300);
        std::vector<double> expected = values;
        std::sort(expected.begin(), expected.end());
        expected.erase(std::unique(expected.begin(), expected.end()), expected.end());
        QCOMPARE(sortedDistinct(values.data(), values.size()), expected);
        QVERIFY(sortedDistinct(values.data(), 0).empty());
    }
};

QTEST_GUILESS_MAIN(TestBudgetPolicy)
#include "test_budget_policy.moc"
