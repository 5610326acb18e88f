#pragma once
// Every router of one experiment run swept on ONE shared budget grid, so a single budget slider
// moves them all: at slider position b, every router's quality, cost, RCI and selection share
// are looked up, not recomputed. A cascade, swept at its own budgets, shows at each shared budget
// the operating point the policy takes among its own (evaluation/sequential_sweep.h).

#include "evaluation/budget_policy.h"
#include "experiment/experiment.h"

#include <Eigen/Core>

#include <string>
#include <vector>

namespace routescope {

struct RouterAtBudgets {
    std::string name;
    std::vector<FrontierPoint> points; // one per shared budget
    std::vector<double> rci;           // one per shared budget
    Eigen::MatrixXd share;             // budgets x models
    std::vector<double> calls;         // models called per query, per shared budget (1 but for cascades)
};

struct BudgetExplorer {
    BudgetPolicy policy = BudgetPolicy::CostThreshold;
    std::vector<double> budgets;         // least spending first
    int mostExpensiveModel = 0;          // highest mean true cost on the test rows
    std::vector<RouterAtBudgets> routers; // the oracle first, then the run's routers in order

    // The slider position whose budget is closest to `budget` (log scale).
    int nearestBudgetIndex(double budget) const;
};

// A log-spaced grid of `budgets` values spanning every router's own sweep (and the oracle's).
BudgetExplorer exploreBudgets(const ExperimentRun& run, BudgetPolicy policy, int budgets = 200);

} // namespace routescope
