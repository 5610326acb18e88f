#include "experiment/router_sweeps.h"

#include "evaluation/sequential_sweep.h"
#include "routers/cascade_router.h"
#include "routers/router_factory.h"

#include <algorithm>

namespace routescope {

const CascadeRouter* cascadeOf(const TrainedRouter& router)
{
    if (router.router.empty() || routerFamily(router.spec.kind) != RouterFamily::Cascade)
        return nullptr;
    return dynamic_cast<const CascadeRouter*>(router.router.value().get());
}

bool predictsQuality(const TrainedRouter& router) { return cascadeOf(router) == nullptr; }

std::optional<BudgetSweep> sequentialSweepOf(const TrainedRouter& router, const ExperimentRun& run,
                                             BudgetPolicy policy)
{
    const auto* cascade = cascadeOf(router);
    if (!cascade)
        return std::nullopt;
    auto calls = cascade->calls(run.trueScores);
    return sequentialSweep(policy, std::move(calls.budgets), std::move(calls.order), std::move(calls.calls),
                           run.trueScores, run.trueCosts);
}

namespace {

std::vector<BudgetSweep> sweepEach(const ExperimentRun& run, const RunSweeper& sweeper)
{
    std::vector<BudgetSweep> sweeps;
    for (std::size_t r = 0; r < run.routers.size(); ++r)
        sweeps.push_back(sweeper.sweep(r));
    return sweeps;
}

} // namespace

std::vector<BudgetSweep> sweepRun(const ExperimentRun& run, BudgetPolicy policy, int budgets)
{
    return sweepEach(run, RunSweeper(run, policy, budgets));
}

std::vector<BudgetSweep> sweepRun(const ExperimentRun& run, BudgetPolicy policy, const std::vector<double>& budgets)
{
    return sweepEach(run, RunSweeper(run, policy, budgets));
}

RunSweeper::RunSweeper(const ExperimentRun& run, BudgetPolicy policy, int maxBudgets)
    : run_(run), policy_(policy), maxBudgets_(maxBudgets)
{
    const auto predicting = std::find_if(run.routers.begin(), run.routers.end(), predictsQuality);
    // The threshold grid depends on the cost prediction alone: one grid for every P-router.
    if (predicting != run.routers.end() && policy == BudgetPolicy::CostThreshold)
        predicting_.emplace(policy, run.predictedCost, run.trueScores, run.trueCosts,
                            budgetGrid(policy, predicting->predictedQuality, run.predictedCost, maxBudgets));
}

RunSweeper::RunSweeper(const ExperimentRun& run, BudgetPolicy policy, const std::vector<double>& budgets)
    : run_(run), policy_(policy)
{
    if (std::any_of(run.routers.begin(), run.routers.end(), predictsQuality))
        predicting_.emplace(policy, run.predictedCost, run.trueScores, run.trueCosts, budgets);
}

BudgetSweep RunSweeper::sweep(std::size_t router) const
{
    const TrainedRouter& r = run_.routers.at(router);
    if (auto sequential = sequentialSweepOf(r, run_, policy_))
        return std::move(*sequential);
    if (predicting_)
        return predicting_->sweep(r.predictedQuality);
    // Grids of their own (the int constructor under willingness to pay); at given budgets a
    // P-router always has predicting_.
    return sweepBudgets(policy_, r.predictedQuality, run_.predictedCost, run_.trueScores, run_.trueCosts, maxBudgets_);
}

} // namespace routescope
