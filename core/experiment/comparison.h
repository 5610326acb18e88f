#pragma once
// Routers of an experiment measured side by side under one budget policy, for every seed:
// what `routescope-cli compare` prints and the workbench plots.

#include "evaluation/router_evaluation.h"
#include "experiment/experiment.h"
#include "util/json_writer.h"

#include <string>
#include <vector>

namespace routescope {

struct SeedComparison {
    std::uint64_t seed = 0;
    EvaluationReference reference;
    std::vector<SingleModelPoint> singleModels; // one per model, in model order
    int mostExpensiveModel = 0;                 // highest mean true cost on the test rows
    RouterEvaluation oracle;
    std::vector<RouterEvaluation> routers; // in the experiment's router order
    std::vector<double> trainSeconds;      // per router
};

struct Comparison {
    BudgetPolicy policy = BudgetPolicy::CostThreshold;
    std::vector<std::string> modelNames;
    std::vector<std::string> routerNames;
    std::vector<SeedComparison> seeds;
};

Comparison compareRouters(const std::vector<ExperimentRun>& runs, const std::vector<std::string>& modelNames,
                          BudgetPolicy policy, int budgets = 100);

// Share of the most expensive model at the largest budget.
double topModelShare(const RouterEvaluation& evaluation, int mostExpensiveModel);

// Seed means in the CLI's format: {"policy", "seeds", "best_single", "oracle", "routers": [...]}.
void writeJson(JsonWriter& json, const Comparison& comparison);

} // namespace routescope
