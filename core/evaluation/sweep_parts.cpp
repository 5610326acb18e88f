#include "evaluation/sweep_parts.h"

#include <stdexcept>

namespace routescope::sweep {

QueryScratch::QueryScratch(Eigen::Index models)
    : order(static_cast<std::size_t>(models)), best(static_cast<std::size_t>(models)),
      p(static_cast<std::size_t>(models)), c(static_cast<std::size_t>(models))
{
}

std::size_t QueryScratch::cheapestGroupEnd() const
{
    std::size_t k = 0;
    while (k + 1 < order.size() && c[static_cast<std::size_t>(order[k + 1])] == c[static_cast<std::size_t>(order[0])])
        ++k;
    return k;
}

std::size_t QueryScratch::hull()
{
    std::size_t h = 0;
    for (const int m : order) {
        const auto j = static_cast<std::size_t>(m);
        if (h > 0) {
            const auto last = static_cast<std::size_t>(best[h - 1]);
            // Same cost: the earlier (lower index) model wins unless this one has higher P.
            if (c[j] == c[last]) {
                if (p[j] > p[last])
                    --h;
                else
                    continue;
            } else if (p[j] <= p[last]) {
                continue; // dearer and no better: never chosen
            }
        }
        while (h >= 2) {
            const auto a = static_cast<std::size_t>(best[h - 2]);
            const auto b = static_cast<std::size_t>(best[h - 1]);
            // b on or below the chord a-j: a or j wins at every lambda (ties go to the cheaper a).
            if ((p[b] - p[a]) * (c[j] - c[a]) <= (p[j] - p[a]) * (c[b] - c[a]))
                --h;
            else
                break;
        }
        best[h++] = m;
    }
    return h;
}

double QueryScratch::slope(std::size_t k) const
{
    const auto a = static_cast<std::size_t>(best[k]);
    const auto b = static_cast<std::size_t>(best[k + 1]);
    return (p[b] - p[a]) / (c[b] - c[a]);
}

FrontierSums::FrontierSums(Eigen::Index budgets)
    : costDiff(Eigen::MatrixXd::Zero(budgets + 1, kChunks)), qualityDiff(Eigen::MatrixXd::Zero(budgets + 1, kChunks))
{
}

std::vector<FrontierPoint> FrontierSums::frontier(const std::vector<double>& budgets, Eigen::Index queries) const
{
    std::vector<FrontierPoint> points(budgets.size());
    Eigen::VectorXd cost = Eigen::VectorXd::Zero(kChunks);
    Eigen::VectorXd quality = Eigen::VectorXd::Zero(kChunks);
    for (std::size_t b = 0; b < budgets.size(); ++b) {
        cost += costDiff.row(static_cast<Eigen::Index>(b)).transpose();
        quality += qualityDiff.row(static_cast<Eigen::Index>(b)).transpose();
        points[b].budget = budgets[b];
        points[b].cost = cost.sum() / static_cast<double>(queries);
        points[b].quality = quality.sum() / static_cast<double>(queries);
    }
    return points;
}

BudgetSweep emptySweep(BudgetPolicy policy, std::vector<double> budgets, const Eigen::MatrixXd& P,
                       const Eigen::MatrixXd& A, const Eigen::MatrixXd& K)
{
    if (budgets.empty())
        throw std::invalid_argument("a sweep needs at least one budget");
    if (A.rows() != P.rows() || A.cols() != P.cols() || K.rows() != P.rows() || K.cols() != P.cols())
        throw std::invalid_argument("true scores and costs differ in shape from the prediction");
    BudgetSweep sweep;
    sweep.policy = policy;
    sweep.budgets = std::move(budgets);
    sweep.choices.resize(static_cast<Eigen::Index>(sweep.budgets.size()), P.rows());
    return sweep;
}

} // namespace routescope::sweep
