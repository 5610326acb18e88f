#pragma once
// The routing collapse index (RCI) at every budget of a sweep, with and without the feasible set:
// one pass over the queries, each query's verdicts worked out once per set of allowed models
// rather than once per budget, and once per test set rather than once per router.

#include "evaluation/budget_policy.h"

#include <Eigen/Core>

#include <vector>

namespace routescope {

struct CollapseCurves {
    std::vector<double> all;      // RCI per budget
    std::vector<double> feasible; // feasible-set RCI per budget; empty when C was not given
};

// RCI's per-query verdicts on one test set: for every query, whether each model counts as
// collapsed among all models, and among the cheapest k by the predicted cost C for every k. They
// depend on the truth and C alone, so every router swept on the same C (all of an experiment
// run's) shares them; building them is most of a curve's cost. A and K must outlive this.
class CollapseVerdicts {
public:
    // C: the predicted cost the sweeps ran on, or null for the plain curves only.
    CollapseVerdicts(const Eigen::MatrixXd& A, const Eigen::MatrixXd& K, const Eigen::MatrixXd* C);

    const Eigen::MatrixXd& scores() const { return A_; }
    const Eigen::VectorXd& meanCost() const { return meanCost_; }
    bool hasPredictedCost() const { return hasC_; }
    // Whether the predicted cost had the truth's shape (the by-cost verdicts exist).
    bool byCostReady() const { return !byCostPosition_.empty(); }
    // 1 when query n's choice counts as collapsed among all models.
    int collapsedAmongAll(Eigen::Index n, int chosen) const { return allVerdict_[index(n, chosen)]; }
    // Query n's predicted costs in increasing order (ties: the lower model index first).
    const double* sortedCost(Eigen::Index n) const { return &sortedCost_[index(n, 0)]; }
    double predictedCost(Eigen::Index n, int m) const { return (*C_)(n, m); }
    // 1 when query n's choice counts as collapsed among its k cheapest models by predicted cost.
    int collapsedAmongCheapest(Eigen::Index n, std::size_t k, int chosen) const;

private:
    std::size_t index(Eigen::Index n, Eigen::Index m) const { return std::size_t(n * models_ + m); }
    std::size_t prefix(Eigen::Index n, std::size_t k) const { return std::size_t(n * (models_ + 1)) + k; }

    const Eigen::MatrixXd& A_;
    Eigen::Index models_ = 0;
    Eigen::VectorXd meanCost_;
    const Eigen::MatrixXd* C_ = nullptr;
    bool hasC_ = false;
    std::vector<char> allVerdict_;    // queries x models
    std::vector<double> sortedCost_;  // queries x models
    std::vector<int> byCostPosition_; // queries x models: each model's place in the cost order
    std::vector<double> top_, dearest_; // queries x (models + 1): over the k cheapest
    std::vector<char> cheaperTop_;      // queries x (models + 1)
};

// The curves from verdicts shared by several sweeps; feasible ones when the verdicts have a
// predicted cost. For a sequential sweep (a cascade) the feasible set is the models each query
// called, whatever the predicted cost.
CollapseCurves collapseCurves(const BudgetSweep& sweep, const CollapseVerdicts& verdicts);

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
