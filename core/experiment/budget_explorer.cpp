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

RouterAtBudgets atBudgets(const std::string& name, const BudgetSweep& sweep, const ExperimentRun& run)
{
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
    if (policy == BudgetPolicy::CostThreshold) {
        // The threshold grid depends on the shared cost prediction alone.
        if (!run.routers.empty())
            widen(run.routers.front().predictedQuality, run.predictedCost);
    } else {
        for (const auto& r : run.routers)
            widen(r.predictedQuality, run.predictedCost);
    }
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

    const auto& A = run.trueScores;
    const auto& K = run.trueCosts;
    explorer.routers.push_back(atBudgets("oracle", sweepBudgets(policy, A, K, A, K, explorer.budgets), run));
    std::vector<const Eigen::MatrixXd*> predictedQuality;
    for (const auto& r : run.routers)
        predictedQuality.push_back(&r.predictedQuality);
    const auto sweeps = sweepRouters(policy, predictedQuality, run.predictedCost, A, K, explorer.budgets);
    for (std::size_t i = 0; i < sweeps.size(); ++i)
        explorer.routers.push_back(atBudgets(run.routers[i].spec.name, sweeps[i], run));
    return explorer;
}

} // namespace routescope
