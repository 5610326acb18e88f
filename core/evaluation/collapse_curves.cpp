#include "evaluation/collapse_curves.h"

#include "evaluation/allowed_cost.h"
#include "evaluation/choice_changes.h"
#include "evaluation/sequential_sweep.h"
#include "util/first_at_least.h"

#include <algorithm>
#include <cstdint>
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
    const bool threshold = sweep.policy == BudgetPolicy::CostThreshold;
    const double* budgetValues = sweep.budgets.data();
    // Below, the budgets at which dearer models join are searched for: thresholds must rise.
    if (feasibleToo && !sequential && threshold && !std::is_sorted(sweep.budgets.begin(), sweep.budgets.end()))
        throw std::invalid_argument("a threshold sweep's budgets must rise");
    if (budgets == 0)
        return {};

    // A query's verdicts change at a few budgets only (where its choice or its allowed models
    // change): each change goes into a difference over budgets, added up at the end.
    std::vector<long> allChanges(std::size_t(budgets), 0), feasibleChanges(std::size_t(budgets), 0);
#pragma omp parallel
    {
        std::vector<long> ownAll(allChanges.size(), 0), ownFeasible(feasibleChanges.size(), 0);
        QueryCollapse called(A, verdicts.meanCost());
        std::vector<Eigen::Index> joins(models); // a query's budgets at which a dearer model joins
        // The verdict held so far becomes `verdict` from budget b on.
        const auto hold = [](std::vector<long>& changes, Eigen::Index b, int verdict, int& held) {
            changes[std::size_t(b)] += verdict - held;
            held = verdict;
        };
#pragma omp for schedule(static)
        for (Eigen::Index n = 0; n < queries; ++n) {
            const std::int16_t* column = sweep.choices.col(n).data();
            int allHeld = 0, feasibleHeld = 0;
            if (!feasibleToo) {
                forEachChoiceChange(column, budgets, [&](Eigen::Index b) {
                    hold(ownAll, b, verdicts.collapsedAmongAll(n, column[b]), allHeld);
                });
                continue;
            }
            if (sequential) {
                // A cascade could have returned any model it called: the first calls of its order.
                called.reset(n, sweep.callOrder);
                const std::int16_t* calls = sweep.calls.col(n).data();
                for (Eigen::Index b = 0, chosen = -1, k = -1; b < budgets; ++b)
                    if (column[b] != chosen || calls[b] != k) {
                        if (column[b] != chosen)
                            hold(ownAll, b, verdicts.collapsedAmongAll(n, column[b]), allHeld);
                        chosen = column[b];
                        k = calls[b];
                        hold(ownFeasible, b, called.collapsed(std::size_t(k), int(chosen)), feasibleHeld);
                    }
                continue;
            }
            // The allowed models are the k cheapest by predicted cost, k set by the limit the
            // policy puts on them (allowed_cost.h).
            const double* sorted = verdicts.sortedCost(n);
            std::size_t k = 0;
            const auto allowedAt = [&](Eigen::Index b, int chosen) {
                const double limit = allowedCostLimit(sweep.policy, budgetValues[b], sorted[0],
                                                      verdicts.predictedCost(n, chosen));
                while (k < models && sorted[k] <= limit)
                    ++k;
                while (k > 0 && sorted[k - 1] > limit)
                    --k;
            };
            if (!threshold) {
                // Willingness to pay: the limit is the chosen model's cost, so it moves with the choice.
                forEachChoiceChange(column, budgets, [&](Eigen::Index b) {
                    allowedAt(b, column[b]);
                    hold(ownAll, b, verdicts.collapsedAmongAll(n, column[b]), allHeld);
                    hold(ownFeasible, b, verdicts.collapsedAmongCheapest(n, k, column[b]), feasibleHeld);
                });
                continue;
            }
            // A threshold: the limit rises with the budget, so each dearer model joins the allowed
            // ones at the first budget that reaches its cost. Between two changes of the choice,
            // the verdict changes where a model joins.
            std::size_t joinCount = 0;
            allowedAt(0, column[0]);
            for (std::size_t j = k; j < models; ++j)
                joins[joinCount++] = firstAtLeast(budgetValues, budgets, sorted[j]);
            std::size_t nextJoin = 0;
            int chosen = column[0];
            const auto joinUpTo = [&](Eigen::Index last) { // models joining at budgets up to `last`
                while (nextJoin < joinCount && joins[nextJoin] <= last) {
                    const Eigen::Index at = joins[nextJoin];
                    for (; nextJoin < joinCount && joins[nextJoin] == at; ++nextJoin)
                        ++k;
                    hold(ownFeasible, at, verdicts.collapsedAmongCheapest(n, k, chosen), feasibleHeld);
                }
            };
            forEachChoiceChange(column, budgets, [&](Eigen::Index b) {
                joinUpTo(b - 1);
                for (; nextJoin < joinCount && joins[nextJoin] == b; ++nextJoin)
                    ++k;
                chosen = column[b];
                hold(ownAll, b, verdicts.collapsedAmongAll(n, chosen), allHeld);
                hold(ownFeasible, b, verdicts.collapsedAmongCheapest(n, k, chosen), feasibleHeld);
            });
            joinUpTo(budgets - 1);
        }
#pragma omp critical
        for (std::size_t b = 0; b < allChanges.size(); ++b) {
            allChanges[b] += ownAll[b];
            feasibleChanges[b] += ownFeasible[b];
        }
    }
    CollapseCurves curves;
    long all = 0, feasible = 0;
    for (std::size_t b = 0; b < std::size_t(budgets); ++b) {
        all += allChanges[b];
        feasible += feasibleChanges[b];
        curves.all.push_back(double(all) / double(queries));
        if (feasibleToo)
            curves.feasible.push_back(double(feasible) / double(queries));
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
