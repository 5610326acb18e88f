#pragma once
// Every router of an experiment run swept under a budget policy: the one place that tells the two
// kinds of router apart. Routers that predict P are swept by the policy over the run's shared cost
// prediction (evaluation/budget_policy.h); cascades decide on the answers themselves and are
// swept on the test truth at their own budgets (evaluation/sequential_sweep.h).

#include "evaluation/budget_policy.h"
#include "experiment/experiment.h"

#include <optional>
#include <vector>

namespace routescope {

class CascadeRouter;

// One sweep per router of the run, in its order: P-routers on their own grids of up to
// `budgets` budgets (one grid shared by all for the cost threshold), cascades at their budgets.
std::vector<BudgetSweep> sweepRun(const ExperimentRun& run, BudgetPolicy policy, int budgets);
// The same with the P-routers on the given budgets (least spending first after sorting).
std::vector<BudgetSweep> sweepRun(const ExperimentRun& run, BudgetPolicy policy, const std::vector<double>& budgets);

// A run's routers swept one at a time, each as sweepRun() sweeps it: the P-routers through one
// SharedCostSweeper over the run's cost prediction where they share budgets, cascades at their own
// budgets. For work that uses each sweep and drops it before the next (compareRouters, the budget
// explorer), so that one router's choices are in memory at a time. The run must outlive it.
class RunSweeper {
public:
    // P-routers on their own grids of up to maxBudgets budgets, as sweepRun(run, policy, int).
    RunSweeper(const ExperimentRun& run, BudgetPolicy policy, int maxBudgets);
    // P-routers on the given budgets, as sweepRun(run, policy, budgets).
    RunSweeper(const ExperimentRun& run, BudgetPolicy policy, const std::vector<double>& budgets);
    RunSweeper(ExperimentRun&&, BudgetPolicy, int) = delete; // it keeps a reference to the run
    RunSweeper(ExperimentRun&&, BudgetPolicy, const std::vector<double>&) = delete;
    BudgetSweep sweep(std::size_t router) const; // the run's router-th router

private:
    const ExperimentRun& run_;
    BudgetPolicy policy_;
    int maxBudgets_ = 0;                          // for grids of their own (willingness to pay)
    std::optional<SharedCostSweeper> predicting_; // when the P-routers share budgets
};

// The router's fitted cascade, or null when it is no cascade or holds no model. Asks for no other
// kind's model, so those of a reopened run stay unread (loadExperiment reads cascades at once).
const CascadeRouter* cascadeOf(const TrainedRouter& router);

// Whether the router is swept by the budget policy on its predicted quality P: every router but
// a fitted cascade (which is swept on the test truth, sequentialSweepOf below).
bool predictsQuality(const TrainedRouter& router);

// The cascade's sweep on the run's test truth, or nothing when the router is not a cascade.
std::optional<BudgetSweep> sequentialSweepOf(const TrainedRouter& router, const ExperimentRun& run,
                                             BudgetPolicy policy);

} // namespace routescope
