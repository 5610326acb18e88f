#pragma once
// The routing collapse index (RCI) at every budget of a sweep, with and without the feasible set:
// one pass over the queries, each query's verdicts worked out once per set of allowed models
// rather than once per budget (the evaluation's costliest part at RouterBench size before).

#include "evaluation/budget_policy.h"

#include <Eigen/Core>

#include <vector>

namespace routescope {

struct CollapseCurves {
    std::vector<double> all;      // RCI per budget
    std::vector<double> feasible; // feasible-set RCI per budget; empty when C was not given
};

// C is the predicted cost the sweep ran on, or null for the plain curve only. For a sequential
// sweep (a cascade) the feasible set is the models each query called, and C is not read.
CollapseCurves collapseCurves(const BudgetSweep& sweep, const Eigen::MatrixXd* C, const Eigen::MatrixXd& A,
                              const Eigen::MatrixXd& K);

// RCI at every budget of a sweep.
std::vector<double> collapseCurve(const BudgetSweep& sweep, const Eigen::MatrixXd& A, const Eigen::MatrixXd& K);
// Feasible-set RCI at every budget; C is the predicted cost the sweep ran on. For a sequential
// sweep (a cascade) the feasible set is the models each query called.
std::vector<double> feasibleCollapseCurve(const BudgetSweep& sweep, const Eigen::MatrixXd& C,
                                          const Eigen::MatrixXd& A, const Eigen::MatrixXd& K);

} // namespace routescope
