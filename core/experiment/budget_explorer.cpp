#include "experiment/budget_explorer.h"

#include "evaluation/metrics.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace routescope {

namespace {

// Log-spaced from lo to hi (both > 0), in increasing order.
std::vector<double> logSpaced(double lo, double hi, int count)
{
    std::vector<double> grid;
    if (count < 2 || !(hi > lo)) {
        grid.push_back(hi);
        return grid;
    }
    const double step = std::log(hi / lo) / double(count - 1);
    for (int i = 0; i < count; ++i)
        grid.push_back(lo * std::exp(step * i));
    grid.back() = hi;
    return grid;
}

RouterAtBudgets sweepOne(const std::string& name, BudgetPolicy policy, const Eigen::MatrixXd& P,
                         const Eigen::MatrixXd& C, const ExperimentRun& run, const std::vector<double>& grid)
{
    const BudgetSweep sweep = sweepBudgets(policy, P, C, run.trueScores, run.trueCosts, grid);
    return {name, sweep.frontier, collapseCurve(sweep, run.trueScores, run.trueCosts),
            selectionShare(sweep, run.trueScores.cols())};
}

} // namespace

int BudgetExplorer::nearestBudgetIndex(double budget) const
{
    int best = 0;
    double bestDistance = std::numeric_limits<double>::infinity();
    for (std::size_t i = 0; i < budgets.size(); ++i) {
        const double d = (budget > 0 && budgets[i] > 0) ? std::abs(std::log(budgets[i] / budget))
                                                        : std::abs(budgets[i] - budget);
        if (d < bestDistance) {
            bestDistance = d;
            best = int(i);
        }
    }
    return best;
}

BudgetExplorer exploreBudgets(const ExperimentRun& run, BudgetPolicy policy, int budgets)
{
    BudgetExplorer explorer;
    explorer.policy = policy;
    Eigen::Index expensive = 0;
    run.trueCosts.colwise().mean().maxCoeff(&expensive);
    explorer.mostExpensiveModel = int(expensive);

    // The span every router's own grid covers, so no router's frontier is cut off.
    double lo = std::numeric_limits<double>::infinity(), hi = 0;
    auto widen = [&](const Eigen::MatrixXd& P, const Eigen::MatrixXd& C) {
        for (double b : budgetGrid(policy, P, C, budgets))
            if (b > 0) {
                lo = std::min(lo, b);
                hi = std::max(hi, b);
            }
    };
    widen(run.trueScores, run.trueCosts);
    for (const auto& r : run.routers)
        widen(r.predictedQuality, run.predictedCost);
    if (!(hi > 0)) // all costs zero, or no lambda changes anything
        lo = hi = 0;
    if (policy == BudgetPolicy::CostThreshold) {
        // Below the cheapest threshold every query takes its cheapest model: start there.
        explorer.budgets = logSpaced(lo, hi, budgets);
    } else {
        auto grid = logSpaced(lo, hi, budgets);
        std::reverse(grid.begin(), grid.end()); // high lambda spends least
        explorer.budgets = grid;
    }

    explorer.routers.push_back(sweepOne("oracle", policy, run.trueScores, run.trueCosts, run, explorer.budgets));
    for (const auto& r : run.routers)
        explorer.routers.push_back(sweepOne(r.spec.name, policy, r.predictedQuality, run.predictedCost, run, explorer.budgets));
    return explorer;
}

} // namespace routescope
