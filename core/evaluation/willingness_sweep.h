#pragma once
// The willingness-to-pay sweep (RouterBench, method.md section 2): each query picks
// argmax P - lambda C, so only the vertices of its upper-left (C, P) hull can be chosen, and as
// lambda falls the choice moves along the hull to dearer vertices. Internal to evaluation/
// (budget_policy.h is the public face).

#include "evaluation/budget_policy.h"

#include <Eigen/Core>

#include <cstdint>
#include <limits>
#include <vector>

namespace routescope::sweep {

// Every query's hull, computed once for both the lambda grid and the decisions.
struct WillingnessHulls {
    Eigen::Matrix<std::int16_t, Eigen::Dynamic, Eigen::Dynamic> vertices; // models x queries, cheapest first
    std::vector<std::int16_t> size;                                       // vertices used per query
    double smallestSlope = std::numeric_limits<double>::infinity();
    double largestSlope = 0;
};

WillingnessHulls willingnessHulls(const Eigen::MatrixXd& P, const Eigen::MatrixXd& C);

// maxBudgets lambdas on a log grid, descending, from twice the largest hull slope ("always
// cheapest") to half the smallest ("always best"); {0} when no lambda changes any decision.
std::vector<double> willingnessGrid(const WillingnessHulls& hulls, int maxBudgets);

// The sweep at `budgets` (descending lambdas); P and C are checked by the caller.
BudgetSweep sweepWillingness(const Eigen::MatrixXd& P, const Eigen::MatrixXd& C, const Eigen::MatrixXd& A,
                             const Eigen::MatrixXd& K, std::vector<double> budgets, const WillingnessHulls& hulls);

} // namespace routescope::sweep
