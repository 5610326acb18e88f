#pragma once
// Budget policies turn a router's predicted quality P[n,m] and predicted cost C[n,m] into one
// model per query; sweeping the budget gives the router's quality-cost frontier. The oracle is
// the same policy run on the truth: sweepBudgets(policy, A, K, A, K).

#include <Eigen/Core>

#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

namespace routescope {

enum class BudgetPolicy {
    CostThreshold,    // eligible: C[n,m] <= T; pick the highest P (paper, ORBIT)
    WillingnessToPay, // pick argmax P - lambda * C (RouterBench)
};

std::string_view budgetPolicyName(BudgetPolicy policy); // "threshold" or "wtp"
std::optional<BudgetPolicy> parseBudgetPolicy(std::string_view name);

// Chosen model per budget (row) and query (column); int16 keeps 100 x 36k choices at 7 MB.
using ModelChoices = Eigen::Matrix<std::int16_t, Eigen::Dynamic, Eigen::Dynamic>;

// One operating point of a sweep: the mean TRUE cost and score of the chosen models.
struct FrontierPoint {
    double budget = 0; // T (USD) or lambda
    double cost = 0;
    double quality = 0;
};

struct BudgetSweep {
    BudgetPolicy policy = BudgetPolicy::CostThreshold;
    // Ordered from least to most spending: T ascending, lambda descending.
    std::vector<double> budgets;
    ModelChoices choices;                // budgets x queries
    std::vector<FrontierPoint> frontier; // one per budget
    // Routers that call models one after another (sequential_sweep.h): the calling order, and per
    // budget and query how many were called (choices holds the last one). Empty for the others.
    std::vector<int> callOrder;
    ModelChoices calls;
};

// The budgets a sweep visits, least spending first.
// CostThreshold: up to maxBudgets linear-interpolated quantiles of the distinct predicted costs
// (all of them when there are fewer). WillingnessToPay: maxBudgets lambdas on a log grid from
// twice the largest lambda at which any query still leaves its cheapest model ("always cheapest")
// down to half the smallest lambda at which any query leaves its best model ("always best");
// {0} when no lambda changes any decision.
std::vector<double> budgetGrid(BudgetPolicy policy, const Eigen::MatrixXd& P, const Eigen::MatrixXd& C,
                               int maxBudgets = 100);
// The least and the greatest budget of budgetGrid(policy, P, C, maxBudgets). Under a threshold
// they are C's least and greatest cost (only the greatest with one budget): no sort of the costs.
std::pair<double, double> budgetGridEnds(BudgetPolicy policy, const Eigen::MatrixXd& P, const Eigen::MatrixXd& C,
                                         int maxBudgets = 100);

// The decision at one budget (the GUI slider), straight from the definition. Ties in P (or in
// P - lambda C) go to the lower predicted cost, then the lower model index. With no eligible
// model under a threshold, the query goes to its cheapest predicted model(s), best P first.
Eigen::VectorXi chooseModels(BudgetPolicy policy, const Eigen::MatrixXd& P, const Eigen::MatrixXd& C,
                             double budget);

// The whole sweep over budgetGrid(), scored on the true scores A and true costs K. Same
// decisions as chooseModels() at every budget, computed per query in O(models^2 + models log budgets
// + budgets): models ranked by cost, each joining the sweep at one budget, found by halving.
BudgetSweep sweepBudgets(BudgetPolicy policy, const Eigen::MatrixXd& P, const Eigen::MatrixXd& C,
                         const Eigen::MatrixXd& A, const Eigen::MatrixXd& K, int maxBudgets = 100);
// The same at given budgets (sorted here into least-spending-first order), e.g. one grid shared
// by every router of a comparison so that a single budget slider moves them all.
BudgetSweep sweepBudgets(BudgetPolicy policy, const Eigen::MatrixXd& P, const Eigen::MatrixXd& C,
                         const Eigen::MatrixXd& A, const Eigen::MatrixXd& K, std::vector<double> budgets);

// Several routers' sweeps over one shared cost prediction C (every router of an experiment shares
// it): the same as sweepBudgets() for each P, but the cost-threshold grid, which depends on C
// alone, is computed once.
std::vector<BudgetSweep> sweepRouters(BudgetPolicy policy, const std::vector<const Eigen::MatrixXd*>& predictedQuality,
                                      const Eigen::MatrixXd& C, const Eigen::MatrixXd& A, const Eigen::MatrixXd& K,
                                      int maxBudgets = 100);
// The same at given budgets (sorted here into least-spending-first order).
std::vector<BudgetSweep> sweepRouters(BudgetPolicy policy, const std::vector<const Eigen::MatrixXd*>& predictedQuality,
                                      const Eigen::MatrixXd& C, const Eigen::MatrixXd& A, const Eigen::MatrixXd& K,
                                      std::vector<double> budgets);

// Routers sharing one cost prediction C swept one at a time at the same budgets (sorted here into
// least-spending-first order): what depends on C alone, the threshold's joins, is worked out once,
// at construction. For work that uses each sweep and drops it before the next, so that one
// router's choices are in memory at a time. C, A and K must outlive the sweeper.
class SharedCostSweeper {
public:
    SharedCostSweeper(BudgetPolicy policy, const Eigen::MatrixXd& C, const Eigen::MatrixXd& A, const Eigen::MatrixXd& K,
                      std::vector<double> budgets);
    ~SharedCostSweeper();
    SharedCostSweeper(const SharedCostSweeper&) = delete;
    SharedCostSweeper& operator=(const SharedCostSweeper&) = delete;
    // The same as sweepBudgets(policy, P, C, A, K, budgets).
    BudgetSweep sweep(const Eigen::MatrixXd& P) const;

private:
    BudgetPolicy policy_;
    const Eigen::MatrixXd& C_;
    const Eigen::MatrixXd& A_;
    const Eigen::MatrixXd& K_;
    std::vector<double> budgets_;
    struct Joins; // the threshold's (evaluation/threshold_sweep.h)
    std::unique_ptr<const Joins> joins_; // cost threshold only
};

// The models a budget allows for each query (queries x models), for the feasible-set RCI.
// CostThreshold: C[n,m] <= T, or the query's cheapest predicted model(s) when none is.
// WillingnessToPay has no hard limit: a query allows the models predicted no dearer than the
// one the policy chose for it (the price it was willing to pay).
Eigen::Array<bool, Eigen::Dynamic, Eigen::Dynamic> allowedModels(BudgetPolicy policy, const Eigen::MatrixXd& C,
                                                                 double budget,
                                                                 const Eigen::Ref<const Eigen::VectorXi>& choices);

} // namespace routescope
