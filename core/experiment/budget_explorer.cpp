#include "experiment/budget_explorer.h"

#include "evaluation/collapse_curves.h"
#include "evaluation/metrics.h"
#include "evaluation/sequential_sweep.h"
#include "experiment/router_sweeps.h"
#include "util/thread_budget.h"
#include "util/work_queue.h"

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

// verdicts: RCI's, on the run's test truth, shared by every router.
RouterAtBudgets atBudgets(const std::string& name, const BudgetSweep& sweep, const CollapseVerdicts& verdicts)
{
    return {name, sweep.frontier, collapseCurves(sweep, verdicts).all, selectionShare(sweep, verdicts.scores().cols()),
            callsPerQuery(sweep)};
}

// A cascade at the shared budgets: at each, the operating point of its own sweep the policy takes.
RouterAtBudgets atOperatingPoints(const std::string& name, const BudgetSweep& sweep, const CollapseVerdicts& verdicts,
                                  const BudgetExplorer& explorer)
{
    const RouterAtBudgets own = atBudgets(name, sweep, verdicts);
    RouterAtBudgets at{name, {}, {}, Eigen::MatrixXd(Eigen::Index(explorer.budgets.size()), own.share.cols()), {}};
    for (std::size_t b = 0; b < explorer.budgets.size(); ++b) {
        const std::size_t i = operatingPointAt(explorer.policy, sweep.frontier, explorer.budgets[b]);
        at.points.push_back(own.points[i]);
        at.points.back().budget = explorer.budgets[b];
        at.rci.push_back(own.rci[i]);
        at.share.row(Eigen::Index(b)) = own.share.row(Eigen::Index(i));
        at.calls.push_back(own.calls[i]);
    }
    return at;
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
    auto include = [&](double budget) {
        if (budget > 0 && std::isfinite(budget)) {
            lo = std::min(lo, budget);
            hi = std::max(hi, budget);
        }
    };
    auto widen = [&](const Eigen::MatrixXd& P, const Eigen::MatrixXd& C) {
        // The grid's ends are its span, except under a threshold over free models: that grid
        // starts at 0 and its least positive budget lies inside. (Lambdas are positive, or the
        // grid is {0}, which widens nothing.)
        const auto [least, greatest] = budgetGridEnds(policy, P, C, budgets);
        if (least > 0 || policy == BudgetPolicy::WillingnessToPay) {
            include(least);
            include(greatest);
            return;
        }
        for (double b : budgetGrid(policy, P, C, budgets))
            include(b);
    };
    widen(run.trueScores, run.trueCosts);
    // The threshold grid depends on the shared cost prediction alone.
    if (policy == BudgetPolicy::CostThreshold && !run.routers.empty())
        widen(run.routers.front().predictedQuality, run.predictedCost);
    for (const auto& r : run.routers) {
        const auto cascade = sequentialSweepOf(r, run, policy);
        if (!cascade) {
            if (policy == BudgetPolicy::WillingnessToPay)
                widen(r.predictedQuality, run.predictedCost);
            continue;
        }
        // A cascade's operating points: their mean costs under a threshold, the lambdas at which
        // one gives way to another under willingness to pay (with the grid's factor 2 of room).
        for (const auto& to : cascade->frontier) {
            if (policy == BudgetPolicy::CostThreshold)
                include(to.cost);
            else
                for (const auto& from : cascade->frontier)
                    if (to.cost > from.cost && to.quality > from.quality) {
                        const double slope = (to.quality - from.quality) / (to.cost - from.cost);
                        include(slope / 2);
                        include(slope * 2);
                    }
        }
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
    const CollapseVerdicts verdicts(A, K, nullptr);
    const RunSweeper sweeper(run, policy, explorer.budgets);
    // Each router (the oracle first) is a unit of its own: its sweep, then its curves and shares,
    // written to its own slot. Its choices (14.6 MB a router at RouterBench size) are dropped as
    // soon as they are counted, so the next unit's come from memory already in use, not from
    // fresh pages (bench_slider: 83k page faults before, 55k after).
    explorer.routers.resize(run.routers.size() + 1);
    runUnits(explorer.routers.size(), threadsHere(), [&](std::size_t i, int threads) {
        const ScopedOpenMpThreads scoped(threads);
        const std::string name = i == 0 ? "oracle" : run.routers[i - 1].spec.name;
        const BudgetSweep sweep = i == 0 ? sweepBudgets(policy, A, K, A, K, explorer.budgets) : sweeper.sweep(i - 1);
        explorer.routers[i] = isSequential(sweep) ? atOperatingPoints(name, sweep, verdicts, explorer)
                                                  : atBudgets(name, sweep, verdicts);
    });
    return explorer;
}

} // namespace routescope
