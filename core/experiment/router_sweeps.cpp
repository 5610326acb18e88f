#include "experiment/router_sweeps.h"

#include "evaluation/sequential_sweep.h"
#include "routers/cascade_router.h"
#include "routers/router_factory.h"

#include <algorithm>

namespace routescope {

namespace {

// Sweeps every router: `sweepPredicting` for those predicting P (all at once), cascades alone.
template <typename SweepPredicting>
std::vector<BudgetSweep> sweepEach(const ExperimentRun& run, BudgetPolicy policy, SweepPredicting sweepPredicting)
{
    std::vector<std::optional<BudgetSweep>> sweeps;
    std::vector<const Eigen::MatrixXd*> predicted;
    for (const auto& r : run.routers) {
        sweeps.push_back(sequentialSweepOf(r, run, policy));
        if (!sweeps.back())
            predicted.push_back(&r.predictedQuality);
    }
    std::vector<BudgetSweep> byPolicy = predicted.empty() ? std::vector<BudgetSweep>() : sweepPredicting(predicted);
    std::vector<BudgetSweep> all;
    std::size_t next = 0;
    for (auto& sweep : sweeps)
        all.push_back(sweep ? std::move(*sweep) : std::move(byPolicy[next++]));
    return all;
}

} // namespace

const CascadeRouter* cascadeOf(const TrainedRouter& router)
{
    if (router.router.empty() || routerFamily(router.spec.kind) != RouterFamily::Cascade)
        return nullptr;
    return dynamic_cast<const CascadeRouter*>(router.router.value().get());
}

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

std::vector<BudgetSweep> sweepRun(const ExperimentRun& run, BudgetPolicy policy, int budgets)
{
    return sweepEach(run, policy, [&](const std::vector<const Eigen::MatrixXd*>& predicted) {
        return sweepRouters(policy, predicted, run.predictedCost, run.trueScores, run.trueCosts, budgets);
    });
}

std::vector<BudgetSweep> sweepRun(const ExperimentRun& run, BudgetPolicy policy, const std::vector<double>& budgets)
{
    const RunSweeper sweeper(run, policy, budgets);
    std::vector<BudgetSweep> sweeps;
    for (std::size_t r = 0; r < run.routers.size(); ++r)
        sweeps.push_back(sweeper.sweep(r));
    return sweeps;
}

RunSweeper::RunSweeper(const ExperimentRun& run, BudgetPolicy policy, const std::vector<double>& budgets)
    : run_(run), policy_(policy)
{
    const bool predicting = std::any_of(run.routers.begin(), run.routers.end(),
                                        [](const TrainedRouter& r) { return cascadeOf(r) == nullptr; });
    if (predicting)
        predicting_.emplace(policy, run.predictedCost, run.trueScores, run.trueCosts, budgets);
}

BudgetSweep RunSweeper::sweep(std::size_t router) const
{
    const TrainedRouter& r = run_.routers.at(router);
    if (auto sequential = sequentialSweepOf(r, run_, policy_))
        return std::move(*sequential);
    return predicting_->sweep(r.predictedQuality);
}

} // namespace routescope
