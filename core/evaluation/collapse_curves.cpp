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
// Reset for each query, so one per thread serves them all without allocating.
class QueryCollapse {
public:
    QueryCollapse(const Eigen::MatrixXd& A, const Eigen::VectorXd& meanCost)
        : A_(A), meanCost_(meanCost), position_(std::size_t(A.cols()))
    {
    }

    void reset(Eigen::Index n, const std::vector<int>& order)
    {
        n_ = n;
        const std::size_t L = order.size();
        std::fill(position_.begin(), position_.end(), int(L));
        top_.assign(L + 1, 0);
        dearest_.assign(L + 1, 0);
        cheaperTop_.assign(L + 1, 0);
        top_[0] = dearest_[0] = -std::numeric_limits<double>::infinity();
        for (std::size_t k = 1; k <= L; ++k) {
            const int m = order[k - 1];
            position_[std::size_t(m)] = int(k - 1);
            top_[k] = std::max(top_[k - 1], A_(n, m));
            dearest_[k] = std::max(dearest_[k - 1], meanCost_(m));
            bool cheaper = false;
            for (std::size_t j = 0; j < k && !cheaper; ++j) {
                const int other = order[j];
                cheaper = A_(n, other) == top_[k] && meanCost_(other) != dearest_[k];
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

    const std::vector<int>& position() const { return position_; }
    const std::vector<double>& top() const { return top_; }
    const std::vector<double>& dearest() const { return dearest_; }
    const std::vector<char>& cheaperTop() const { return cheaperTop_; }

private:
    const Eigen::MatrixXd& A_;
    const Eigen::VectorXd& meanCost_;
    Eigen::Index n_ = 0;
    std::vector<int> position_; // in the order, or its size when absent
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

CollapseVerdicts::CollapseVerdicts(const Eigen::MatrixXd& A, const Eigen::MatrixXd& K, const Eigen::MatrixXd* C)
    : A_(A), models_(A.cols()), C_(C), hasC_(C != nullptr)
{
    if (A.rows() != K.rows() || A.cols() != K.cols())
        throw std::invalid_argument("true scores and costs differ in shape");
    if (A.rows() == 0 || A.cols() == 0)
        throw std::invalid_argument("metrics need at least one query and one model");
    meanCost_ = K.colwise().mean().transpose();
    const Eigen::Index queries = A.rows();
    const std::size_t cells = std::size_t(queries * models_), prefixes = std::size_t(queries * (models_ + 1));
    allVerdict_.resize(cells);
    // A sequential sweep does not read C (nor need its shape); the others check it when used.
    const bool byCost = C && C->rows() == A.rows() && C->cols() == A.cols();
    if (byCost) {
        sortedCost_.resize(cells);
        byCostPosition_.resize(cells);
        top_.resize(prefixes);
        dearest_.resize(prefixes);
        cheaperTop_.resize(prefixes);
    }
#pragma omp parallel
    {
        QueryCollapse query(A, meanCost_);
        const std::vector<int> everyModel = allModels(models_);
        std::vector<int> byCostOrder = everyModel;
#pragma omp for schedule(static)
        for (Eigen::Index n = 0; n < queries; ++n) {
            query.reset(n, everyModel);
            for (Eigen::Index m = 0; m < models_; ++m)
                allVerdict_[index(n, m)] = char(query.collapsed(std::size_t(models_), int(m)));
            if (!byCost)
                continue;
            // The models within what a budget allows are the cheapest by predicted cost.
            byCostOrder = everyModel;
            std::stable_sort(byCostOrder.begin(), byCostOrder.end(),
                             [&](int i, int j) { return (*C)(n, i) < (*C)(n, j); });
            query.reset(n, byCostOrder);
            for (Eigen::Index k = 0; k < models_; ++k) {
                sortedCost_[index(n, k)] = (*C)(n, byCostOrder[std::size_t(k)]);
                byCostPosition_[index(n, k)] = query.position()[std::size_t(k)];
            }
            for (std::size_t k = 0; k <= std::size_t(models_); ++k) {
                top_[prefix(n, k)] = query.top()[k];
                dearest_[prefix(n, k)] = query.dearest()[k];
                cheaperTop_[prefix(n, k)] = query.cheaperTop()[k];
            }
        }
    }
}

int CollapseVerdicts::collapsedAmongCheapest(Eigen::Index n, std::size_t k, int chosen) const
{
    if (std::size_t(byCostPosition_[index(n, chosen)]) >= k)
        return 1;
    if (A_(n, chosen) != top_[prefix(n, k)])
        return 1;
    if (meanCost_(chosen) != dearest_[prefix(n, k)])
        return 0;
    return cheaperTop_[prefix(n, k)] ? 1 : 0;
}

CollapseCurves collapseCurves(const BudgetSweep& sweep, const CollapseVerdicts& verdicts)
{
    const Eigen::MatrixXd& A = verdicts.scores();
    if (sweep.choices.cols() != A.rows())
        throw std::invalid_argument("choices or allowed models do not match the true scores");
    const bool sequential = isSequential(sweep);
    const bool feasibleToo = verdicts.hasPredictedCost();
    if (feasibleToo && !sequential && !verdicts.byCostReady())
        throw std::invalid_argument("predicted costs do not match the true scores");
    const Eigen::Index budgets = sweep.choices.rows();
    const Eigen::Index queries = A.rows();
    const std::size_t models = std::size_t(A.cols());
    std::vector<long> all(std::size_t(budgets), 0), feasible(std::size_t(budgets), 0);

#pragma omp parallel
    {
        std::vector<long> ownAll(std::size_t(budgets), 0), ownFeasible(std::size_t(budgets), 0);
        QueryCollapse called(A, verdicts.meanCost());
#pragma omp for schedule(static)
        for (Eigen::Index n = 0; n < queries; ++n) {
            for (Eigen::Index b = 0; b < budgets; ++b)
                ownAll[std::size_t(b)] += verdicts.collapsedAmongAll(n, sweep.choices(b, n));
            if (!feasibleToo)
                continue;
            if (sequential) {
                // A cascade could have returned any model it called: the first calls of its order.
                called.reset(n, sweep.callOrder);
                for (Eigen::Index b = 0; b < budgets; ++b)
                    ownFeasible[std::size_t(b)] += called.collapsed(std::size_t(sweep.calls(b, n)), sweep.choices(b, n));
                continue;
            }
            const double* sorted = verdicts.sortedCost(n);
            std::size_t k = 0, verdictK = models + 1;
            int verdictChosen = -1, verdict = 0;
            for (Eigen::Index b = 0; b < budgets; ++b) {
                const int chosen = sweep.choices(b, n);
                const double limit = allowedCostLimit(sweep.policy, sweep.budgets[std::size_t(b)], sorted[0],
                                                      verdicts.predictedCost(n, chosen));
                // Budgets mostly rise, so k moves little from one budget to the next.
                while (k < models && sorted[k] <= limit)
                    ++k;
                while (k > 0 && sorted[k - 1] > limit)
                    --k;
                // The choice and k change at a few budgets only: look the verdict up when they do.
                if (k != verdictK || chosen != verdictChosen) {
                    verdict = verdicts.collapsedAmongCheapest(n, k, chosen);
                    verdictK = k;
                    verdictChosen = chosen;
                }
                ownFeasible[std::size_t(b)] += verdict;
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
        if (feasibleToo)
            curves.feasible.push_back(double(feasible[b]) / double(queries));
    }
    return curves;
}

CollapseCurves collapseCurves(const BudgetSweep& sweep, const Eigen::MatrixXd* C, const Eigen::MatrixXd& A,
                              const Eigen::MatrixXd& K)
{
    return collapseCurves(sweep, CollapseVerdicts(A, K, C));
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
