#pragma once
// The cost-threshold sweep (method.md section 2): as the threshold T rises, each query's models
// join in order of predicted cost, and the choice is the best predicted quality among those
// joined. Where each model joins depends on the cost prediction and the grid alone, so routers
// sharing a cost prediction share those joins. Internal to evaluation/ (budget_policy.h is the
// public face).

#include "evaluation/budget_policy.h"

#include <Eigen/Core>

#include <cstdint>
#include <vector>

namespace routescope::sweep {

// Up to maxBudgets linear-interpolated quantiles of the distinct predicted costs (all of them
// when there are fewer), ascending.
std::vector<double> thresholdGrid(const Eigen::MatrixXd& C, int maxBudgets);

// Where each query's models join a rising threshold sweep.
struct ThresholdJoins {
    Eigen::Matrix<std::int16_t, Eigen::Dynamic, Eigen::Dynamic> order; // models x queries, cheapest first
    Eigen::Matrix<std::int32_t, Eigen::Dynamic, Eigen::Dynamic> joins; // budget index where order(k, n) joins
    std::vector<std::int16_t> cheapestGroupEnd; // per query: last k sharing the cheapest cost
};

ThresholdJoins thresholdJoins(const Eigen::MatrixXd& C, const std::vector<double>& grid);

// The sweep at `budgets` (ascending) whose joins are `joins`; P is checked by the caller.
BudgetSweep sweepThreshold(const Eigen::MatrixXd& P, const Eigen::MatrixXd& A, const Eigen::MatrixXd& K,
                           std::vector<double> budgets, const ThresholdJoins& joins);

} // namespace routescope::sweep
