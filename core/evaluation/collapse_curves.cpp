#include "evaluation/collapse_curves.h"

#include "evaluation/allowed_cost.h"
#include "evaluation/sequential_sweep.h"

#include <algorithm>
#include <limits>
#include <numeric>
#include <stdexcept>

namespace routescope {
namespace {

// RCI's verdict for one query given the allowed models as the first k of an order: the top score,
// the dearest mean cost and whether a model that is not the dearest shares the top, for each k.
class QueryCollapse {
public:
    QueryCollapse(const Eigen::MatrixXd& A, Eigen::Index n, const Eigen::VectorXd& meanCost, std::vector<int> order)
        : A_(A), n_(n), meanCost_(meanCost), order_(std::move(order)), position_(std::size_t(A.cols()), int(order_.size()))
    {
        const std::size_t L = order_.size();
        top_.resize(L + 1);
        dearest_.resize(L + 1);
        cheaperTop_.resize(L + 1);
        top_[0] = dearest_[0] = -std::numeric_limits<double>::infinity();
        for (std::size_t k = 1; k <= L; ++k) {
            const int m = order_[k - 1];
            position_[std::size_t(m)] = int(k - 1);
            top_[k] = std::max(top_[k - 1], A(n, m));
            dearest_[k] = std::max(dearest_[k - 1], meanCost(m));
            bool cheaper = false;
            for (std::size_t j = 0; j < k && !cheaper; ++j) {
                const int other = order_[j];
                cheaper = A(n, other) == top_[k] && meanCost(other) != dearest_[k];
            }
            cheaperTop_[k] = cheaper;
        }
    }

    // 1 when the chosen model counts as collapsed among the first k models of the order.
    int collapsed(std::size_t k, int chosen) const
    {
        if (std::size_t(position_[std::size_t(chosen)]) >= k)
            return 1;
        if (A_(n_, chosen) != top_[k])
            return 1;
        if (meanCost_(chosen) != dearest_[k])
            return 0;
        return cheaperTop_[k] ? 1 : 0;
    }
    std::size_t size() const { return order_.size(); }
    const std::vector<int>& order() const { return order_; }

private:
    const Eigen::MatrixXd& A_;
    Eigen::Index n_;
    const Eigen::VectorXd& meanCost_;
    std::vector<int> order_;
    std::vector<int> position_; // in order_, or order_.size() when absent
    std::vector<double> top_, dearest_;
    std::vector<char> cheaperTop_;
};

std::vector<int> allModels(Eigen::Index models)
{
    std::vector<int> order(static_cast<std::size_t>(models));
    std::iota(order.begin(), order.end(), 0);
    return order;
}

} // namespace

CollapseCurves collapseCurves(const BudgetSweep& sweep, const Eigen::MatrixXd* C, const Eigen::MatrixXd& A,
                              const Eigen::MatrixXd& K)
{
    if (A.rows() != K.rows() || A.cols() != K.cols())
        throw std::invalid_argument("true scores and costs differ in shape");
    if (A.rows() == 0 || A.cols() == 0)
        throw std::invalid_argument("metrics need at least one query and one model");
    if (sweep.choices.cols() != A.rows())
        throw std::invalid_argument("choices or allowed models do not match the true scores");
    const bool sequential = isSequential(sweep);
    if (C && !sequential && (C->rows() != A.rows() || C->cols() != A.cols()))
        throw std::invalid_argument("predicted costs do not match the true scores");
    const Eigen::Index budgets = sweep.choices.rows();
    const Eigen::Index queries = A.rows();
    const Eigen::VectorXd meanCost = K.colwise().mean().transpose();
    std::vector<long> all(std::size_t(budgets), 0), feasible(std::size_t(budgets), 0);

#pragma omp parallel
    {
        std::vector<long> ownAll(std::size_t(budgets), 0), ownFeasible(std::size_t(budgets), 0);
#pragma omp for schedule(static)
        for (Eigen::Index n = 0; n < queries; ++n) {
            const QueryCollapse everyModel(A, n, meanCost, allModels(A.cols()));
            for (Eigen::Index b = 0; b < budgets; ++b)
                ownAll[std::size_t(b)] += everyModel.collapsed(everyModel.size(), sweep.choices(b, n));
            if (!C)
                continue;
            if (sequential) {
                // A cascade could have returned any model it called: the first calls of its order.
                const QueryCollapse called(A, n, meanCost, sweep.callOrder);
                for (Eigen::Index b = 0; b < budgets; ++b)
                    ownFeasible[std::size_t(b)] += called.collapsed(std::size_t(sweep.calls(b, n)), sweep.choices(b, n));
                continue;
            }
            // The models within what the budget allowed are the cheapest by predicted cost.
            std::vector<int> byCost = allModels(A.cols());
            std::stable_sort(byCost.begin(), byCost.end(), [&](int i, int j) { return (*C)(n, i) < (*C)(n, j); });
            const QueryCollapse allowed(A, n, meanCost, byCost);
            const double cheapest = (*C)(n, byCost.front());
            std::size_t k = 0;
            for (Eigen::Index b = 0; b < budgets; ++b) {
                const int chosen = sweep.choices(b, n);
                const double limit = allowedCostLimit(sweep.policy, sweep.budgets[std::size_t(b)], cheapest, (*C)(n, chosen));
                // Budgets mostly rise, so k moves little from one budget to the next.
                while (k < byCost.size() && (*C)(n, byCost[k]) <= limit)
                    ++k;
                while (k > 0 && (*C)(n, byCost[k - 1]) > limit)
                    --k;
                ownFeasible[std::size_t(b)] += allowed.collapsed(k, chosen);
            }
        }
#pragma omp critical
        for (std::size_t b = 0; b < all.size(); ++b) {
            all[b] += ownAll[b];
            feasible[b] += ownFeasible[b];
        }
    }

    CollapseCurves curves;
    for (std::size_t b = 0; b < all.size(); ++b) {
        curves.all.push_back(double(all[b]) / double(queries));
        if (C)
            curves.feasible.push_back(double(feasible[b]) / double(queries));
    }
    return curves;
}

std::vector<double> collapseCurve(const BudgetSweep& sweep, const Eigen::MatrixXd& A, const Eigen::MatrixXd& K)
{
    return collapseCurves(sweep, nullptr, A, K).all;
}

std::vector<double> feasibleCollapseCurve(const BudgetSweep& sweep, const Eigen::MatrixXd& C,
                                          const Eigen::MatrixXd& A, const Eigen::MatrixXd& K)
{
    return collapseCurves(sweep, &C, A, K).feasible;
}

} // namespace routescope
