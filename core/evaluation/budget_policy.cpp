#include "evaluation/budget_policy.h"
#include "evaluation/allowed_cost.h"

#include "evaluation/threshold_sweep.h"
#include "evaluation/willingness_sweep.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <memory>
#include <stdexcept>
#include <string>

namespace routescope {
namespace {

using sweep::thresholdGrid;
using sweep::ThresholdJoins;
using sweep::WillingnessHulls;
using sweep::willingnessGrid;
using sweep::willingnessHulls;

constexpr int kMaxModels = std::numeric_limits<std::int16_t>::max();

void checkPrediction(const Eigen::MatrixXd& P, const Eigen::MatrixXd& C)
{
    if (P.rows() != C.rows() || P.cols() != C.cols())
        throw std::invalid_argument("predicted quality and cost differ in shape");
    if (P.rows() == 0 || P.cols() == 0)
        throw std::invalid_argument("a budget policy needs at least one query and one model");
    if (P.cols() > kMaxModels)
        throw std::invalid_argument("too many models for a budget sweep: " + std::to_string(P.cols()));
    // |x| max propagating NaN is finite exactly when every entry is; unlike allFinite(), it vectorises.
    const auto finite = [](const Eigen::MatrixXd& m) {
        return std::isfinite(m.cwiseAbs().maxCoeff<Eigen::PropagateNaN>());
    };
    if (!finite(P) || !finite(C))
        throw std::invalid_argument("predicted quality or cost is not finite");
}

// "Better" under the cost threshold: higher P, then lower C, then lower index.
bool beatsByQuality(double p, double c, Eigen::Index m, double bestP, double bestC, Eigen::Index best)
{
    if (p != bestP)
        return p > bestP;
    if (c != bestC)
        return c < bestC;
    return m < best;
}

} // namespace

std::string_view budgetPolicyName(BudgetPolicy policy)
{
    return policy == BudgetPolicy::CostThreshold ? "threshold" : "wtp";
}

std::optional<BudgetPolicy> parseBudgetPolicy(std::string_view name)
{
    if (name == "threshold")
        return BudgetPolicy::CostThreshold;
    if (name == "wtp")
        return BudgetPolicy::WillingnessToPay;
    return std::nullopt;
}

std::vector<double> budgetGrid(BudgetPolicy policy, const Eigen::MatrixXd& P, const Eigen::MatrixXd& C,
                               int maxBudgets)
{
    checkPrediction(P, C);
    if (maxBudgets < 1)
        throw std::invalid_argument("a sweep needs at least one budget");
    return policy == BudgetPolicy::CostThreshold ? thresholdGrid(C, maxBudgets)
                                                 : willingnessGrid(willingnessHulls(P, C), maxBudgets);
}

std::pair<double, double> budgetGridEnds(BudgetPolicy policy, const Eigen::MatrixXd& P, const Eigen::MatrixXd& C,
                                         int maxBudgets)
{
    if (policy == BudgetPolicy::WillingnessToPay) {
        const auto grid = budgetGrid(policy, P, C, maxBudgets);
        const auto [least, greatest] = std::minmax_element(grid.begin(), grid.end());
        return {*least, *greatest};
    }
    checkPrediction(P, C);
    if (maxBudgets < 1)
        throw std::invalid_argument("a sweep needs at least one budget");
    // thresholdGrid's first and last quantiles of the distinct costs; one budget is the last.
    const double greatest = C.maxCoeff();
    return {maxBudgets == 1 ? greatest : C.minCoeff(), greatest};
}

Eigen::VectorXi chooseModels(BudgetPolicy policy, const Eigen::MatrixXd& P, const Eigen::MatrixXd& C, double budget)
{
    checkPrediction(P, C);
    Eigen::VectorXi choice(P.rows());
    for (Eigen::Index n = 0; n < P.rows(); ++n) {
        Eigen::Index best = -1;
        if (policy == BudgetPolicy::CostThreshold) {
            // With nothing eligible, the query's cheapest cost becomes the threshold.
            const double limit = std::max(budget, C.row(n).minCoeff());
            for (Eigen::Index m = 0; m < P.cols(); ++m) {
                if (C(n, m) > limit)
                    continue;
                if (best < 0 || beatsByQuality(P(n, m), C(n, m), m, P(n, best), C(n, best), best))
                    best = m;
            }
        } else {
            double bestValue = 0;
            for (Eigen::Index m = 0; m < P.cols(); ++m) {
                const double value = P(n, m) - budget * C(n, m);
                if (best < 0 || value > bestValue || (value == bestValue && C(n, m) < C(n, best))) {
                    best = m;
                    bestValue = value;
                }
            }
        }
        choice(n) = static_cast<int>(best);
    }
    return choice;
}

namespace {

BudgetSweep only(std::vector<BudgetSweep> sweeps)
{
    return std::move(sweeps.front());
}

// Least spending first: T ascending, lambda descending.
std::vector<double> inSweepOrder(BudgetPolicy policy, std::vector<double> budgets)
{
    if (budgets.empty())
        throw std::invalid_argument("a sweep needs at least one budget");
    if (policy == BudgetPolicy::CostThreshold)
        std::sort(budgets.begin(), budgets.end());
    else
        std::sort(budgets.begin(), budgets.end(), std::greater<>());
    return budgets;
}

// Sweeps of routers sharing one cost prediction on budgets in sweep order, every P checked first.
std::vector<BudgetSweep> sweepShared(BudgetPolicy policy, const std::vector<const Eigen::MatrixXd*>& predictedQuality,
                                     const Eigen::MatrixXd& C, const Eigen::MatrixXd& A, const Eigen::MatrixXd& K,
                                     std::vector<double> budgets)
{
    std::vector<BudgetSweep> sweeps;
    if (predictedQuality.empty())
        return sweeps;
    for (const Eigen::MatrixXd* P : predictedQuality)
        checkPrediction(*P, C);
    const SharedCostSweeper sweeper(policy, C, A, K, std::move(budgets));
    sweeps.reserve(predictedQuality.size());
    for (const Eigen::MatrixXd* P : predictedQuality)
        sweeps.push_back(sweeper.sweep(*P));
    return sweeps;
}

} // namespace

BudgetSweep sweepBudgets(BudgetPolicy policy, const Eigen::MatrixXd& P, const Eigen::MatrixXd& C,
                         const Eigen::MatrixXd& A, const Eigen::MatrixXd& K, int maxBudgets)
{
    checkPrediction(P, C);
    if (maxBudgets < 1)
        throw std::invalid_argument("a sweep needs at least one budget");
    if (policy == BudgetPolicy::CostThreshold)
        return only(sweepShared(policy, {&P}, C, A, K, thresholdGrid(C, maxBudgets)));
    // The hulls give both the grid and the sweep: computed once.
    const WillingnessHulls hulls = willingnessHulls(P, C);
    return sweep::sweepWillingness(P, C, A, K, willingnessGrid(hulls, maxBudgets), hulls);
}

BudgetSweep sweepBudgets(BudgetPolicy policy, const Eigen::MatrixXd& P, const Eigen::MatrixXd& C,
                         const Eigen::MatrixXd& A, const Eigen::MatrixXd& K, std::vector<double> budgets)
{
    return only(sweepRouters(policy, {&P}, C, A, K, std::move(budgets)));
}

std::vector<BudgetSweep> sweepRouters(BudgetPolicy policy, const std::vector<const Eigen::MatrixXd*>& predictedQuality,
                                      const Eigen::MatrixXd& C, const Eigen::MatrixXd& A, const Eigen::MatrixXd& K,
                                      int maxBudgets)
{
    if (policy == BudgetPolicy::WillingnessToPay) {
        std::vector<BudgetSweep> sweeps;
        for (const Eigen::MatrixXd* P : predictedQuality)
            sweeps.push_back(sweepBudgets(policy, *P, C, A, K, maxBudgets));
        return sweeps;
    }
    if (predictedQuality.empty())
        return {};
    checkPrediction(*predictedQuality.front(), C);
    if (maxBudgets < 1)
        throw std::invalid_argument("a sweep needs at least one budget");
    return sweepShared(policy, predictedQuality, C, A, K, thresholdGrid(C, maxBudgets));
}

std::vector<BudgetSweep> sweepRouters(BudgetPolicy policy, const std::vector<const Eigen::MatrixXd*>& predictedQuality,
                                      const Eigen::MatrixXd& C, const Eigen::MatrixXd& A, const Eigen::MatrixXd& K,
                                      std::vector<double> budgets)
{
    return sweepShared(policy, predictedQuality, C, A, K, std::move(budgets));
}

struct SharedCostSweeper::Joins {
    ThresholdJoins joins;
};

SharedCostSweeper::SharedCostSweeper(BudgetPolicy policy, const Eigen::MatrixXd& C, const Eigen::MatrixXd& A,
                                     const Eigen::MatrixXd& K, std::vector<double> budgets)
    : policy_(policy), C_(C), A_(A), K_(K), budgets_(inSweepOrder(policy, std::move(budgets)))
{
    if (policy == BudgetPolicy::CostThreshold)
        joins_ = std::make_unique<const Joins>(Joins{sweep::thresholdJoins(C, budgets_)});
}

SharedCostSweeper::~SharedCostSweeper() = default;

BudgetSweep SharedCostSweeper::sweep(const Eigen::MatrixXd& P) const
{
    checkPrediction(P, C_);
    // Under willingness to pay each P has hulls of its own: nothing to share.
    if (policy_ == BudgetPolicy::WillingnessToPay)
        return sweep::sweepWillingness(P, C_, A_, K_, budgets_, willingnessHulls(P, C_));
    return sweep::sweepThreshold(P, A_, K_, budgets_, joins_->joins);
}

Eigen::Array<bool, Eigen::Dynamic, Eigen::Dynamic> allowedModels(BudgetPolicy policy, const Eigen::MatrixXd& C,
                                                                 double budget,
                                                                 const Eigen::Ref<const Eigen::VectorXi>& choices)
{
    if (choices.size() != C.rows())
        throw std::invalid_argument("one choice per query is needed");
    Eigen::Array<bool, Eigen::Dynamic, Eigen::Dynamic> allowed(C.rows(), C.cols());
    for (Eigen::Index n = 0; n < C.rows(); ++n) {
        const double limit = allowedCostLimit(policy, budget, C.row(n).minCoeff(), C(n, choices(n)));
        allowed.row(n) = C.row(n).array() <= limit;
    }
    return allowed;
}

} // namespace routescope
