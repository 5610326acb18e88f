#pragma once
// Routers of an experiment measured side by side under one budget policy, seed by seed: what
// the workbench plots. The figures a comparison reports (seed means, intervals, baselines, tests
// against a reference) are summarised from it once, in report/comparison_summary.h.

#include "evaluation/router_evaluation.h"
#include "experiment/experiment.h"

#include <string>
#include <vector>

namespace routescope {

struct SeedComparison {
    std::uint64_t seed = 0;
    EvaluationReference reference;              // its best single model is the comparison's bestModel
    std::vector<SingleModelPoint> singleModels; // one per model, in model order
    int mostExpensiveModel = 0;                 // the comparison's, repeated for each seed
    RouterEvaluation oracle;
    std::vector<RouterEvaluation> routers; // in the experiment's router order
    std::vector<double> trainSeconds;      // per router
};

struct Comparison {
    BudgetPolicy policy = BudgetPolicy::CostThreshold;
    std::vector<std::string> modelNames;
    std::vector<std::string> routerNames;
    // Decided once over the seeds' test sets: the highest quality averaged over them (ties: the lower
    // averaged cost, then the lower index), and the highest averaged cost.
    int bestModel = 0;
    int mostExpensiveModel = 0;
    std::vector<SeedComparison> seeds;
};

// Seeds and routers are evaluated side by side on `threads` threads (0: threadsHere() of
// util/thread_budget.h, every core); the figures are the same whatever the count.
Comparison compareRouters(const std::vector<ExperimentRun>& runs, const std::vector<std::string>& modelNames,
                          BudgetPolicy policy, int budgets = 100, int threads = 0);

// Share of the most expensive model at the largest budget.
double topModelShare(const RouterEvaluation& evaluation, int mostExpensiveModel);

} // namespace routescope
