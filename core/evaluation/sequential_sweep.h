#pragma once
// Sweeps of routers that call models one after another until one answer is accepted (cascades).
// Per budget and query such a router calls the first k models of a fixed calling order; the
// k-th answer is returned (the sweep's choice) and the query costs the sum over the k models
// called. Its budgets are its own (a depth, a judge's threshold), not the policies' T or lambda:
// operatingPointAt() places its operating points on a policy's budget axis.

#include "evaluation/budget_policy.h"

#include <Eigen/Core>

#include <cstddef>
#include <vector>

namespace routescope {

// The sweep of a sequential router: budgets least spending first, order = models in calling
// order, calls = budgets x queries, each in 1..order.size(). A and K are the test truth.
// `policy` only labels the sweep (the comparison's policy). Throws std::invalid_argument on
// shapes that do not fit or a call count out of range.
BudgetSweep sequentialSweep(BudgetPolicy policy, std::vector<double> budgets, std::vector<int> order,
                            ModelChoices calls, const Eigen::MatrixXd& A, const Eigen::MatrixXd& K);

bool isSequential(const BudgetSweep& sweep);

// What each query cost at each budget (budgets x queries): the sum over the models it called,
// or for a one-call sweep the chosen model's cost. K is the test truth.
Eigen::MatrixXd spentPerQuery(const BudgetSweep& sweep, const Eigen::MatrixXd& K);

// Mean number of models called per query (1 everywhere for a one-call sweep).
std::vector<double> callsPerQuery(const BudgetSweep& sweep);

// The models each query of a sequential sweep called at budget index b (queries x models): those
// it could have returned, its feasible set.
Eigen::Array<bool, Eigen::Dynamic, Eigen::Dynamic> calledModels(const BudgetSweep& sweep, Eigen::Index budget,
                                                                Eigen::Index models);

// Which of a router's operating points a budget takes, the policy applied to the points
// themselves: under a cost threshold T, the best quality among the points of mean cost <= T (the
// cheapest point when none is); under willingness to pay lambda, the largest quality - lambda *
// cost. Ties go to the lower cost, then the earlier point. points must not be empty.
std::size_t operatingPointAt(BudgetPolicy policy, const std::vector<FrontierPoint>& points, double budget);

} // namespace routescope
