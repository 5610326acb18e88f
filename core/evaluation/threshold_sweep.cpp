#include "evaluation/threshold_sweep.h"

#include "evaluation/sweep_parts.h"
#include "util/first_at_least.h"
#include "util/sorted_distinct.h"

#include <algorithm>

namespace routescope::sweep {

std::vector<double> thresholdGrid(const Eigen::MatrixXd& C, int maxBudgets)
{
    std::vector<double> distinct = sortedDistinct(C.data(), static_cast<std::size_t>(C.size()));
    const auto count = std::min<std::size_t>(distinct.size(), static_cast<std::size_t>(maxBudgets));
    if (count == distinct.size())
        return distinct;
    std::vector<double> grid(count);
    if (count == 1) {
        grid[0] = distinct.back();
        return grid;
    }
    const double last = static_cast<double>(distinct.size() - 1);
    for (std::size_t i = 0; i < count; ++i) {
        const double position = last * static_cast<double>(i) / static_cast<double>(count - 1);
        const auto lo = static_cast<std::size_t>(position);
        const double frac = position - static_cast<double>(lo);
        grid[i] = frac == 0.0 ? distinct[lo] : distinct[lo] + frac * (distinct[lo + 1] - distinct[lo]);
    }
    return grid;
}

ThresholdJoins thresholdJoins(const Eigen::MatrixXd& C, const std::vector<double>& grid)
{
    ThresholdJoins out;
    out.order.resize(C.cols(), C.rows());
    out.joins.resize(C.cols(), C.rows());
    out.cheapestGroupEnd.resize(static_cast<std::size_t>(C.rows()));
    const auto budgets = static_cast<Eigen::Index>(grid.size());
#pragma omp parallel for schedule(dynamic)
    for (Eigen::Index chunk = 0; chunk < kChunks; ++chunk) {
        QueryScratch q(C.cols());
        for (Eigen::Index n = chunkBegin(C.rows(), chunk); n < chunkBegin(C.rows(), chunk + 1); ++n) {
            if (n + kPrefetchAhead < C.rows())
                for (Eigen::Index m = 0; m < C.cols(); ++m)
                    __builtin_prefetch(&C(n + kPrefetchAhead, m));
            q.load(C, C, n);
            for (std::size_t k = 0; k < q.order.size(); ++k) {
                const auto row = static_cast<Eigen::Index>(k);
                out.order(row, n) = static_cast<std::int16_t>(q.order[k]);
                // A model joins at the first threshold that reaches its cost.
                out.joins(row, n) = static_cast<std::int32_t>(
                    firstAtLeast(grid.data(), budgets, q.c[static_cast<std::size_t>(q.order[k])]));
            }
            out.cheapestGroupEnd[static_cast<std::size_t>(n)] = static_cast<std::int16_t>(q.cheapestGroupEnd());
        }
    }
    return out;
}

BudgetSweep sweepThreshold(const Eigen::MatrixXd& P, const Eigen::MatrixXd& A, const Eigen::MatrixXd& K,
                           std::vector<double> budgets, const ThresholdJoins& joins)
{
    BudgetSweep sweep = emptySweep(BudgetPolicy::CostThreshold, std::move(budgets), P, A, K);
    const auto budgetCount = static_cast<Eigen::Index>(sweep.budgets.size());
    const Eigen::Index queries = P.rows();
    FrontierSums sums(budgetCount);

#pragma omp parallel for schedule(dynamic)
    for (Eigen::Index chunk = 0; chunk < kChunks; ++chunk) {
        const auto models = static_cast<std::size_t>(P.cols());
        std::vector<std::int16_t> best(models), choiceWhen(models + 1);
        for (Eigen::Index n = chunkBegin(queries, chunk); n < chunkBegin(queries, chunk + 1); ++n) {
            // 33 column streams outrun the hardware prefetcher: fetch a few queries ahead.
            if (n + kPrefetchAhead < queries)
                for (Eigen::Index m = 0; m < P.cols(); ++m)
                    for (const Eigen::MatrixXd* matrix : {&P, &A, &K})
                        __builtin_prefetch(&(*matrix)(n + kPrefetchAhead, m));
            const RunWriter writer(sweep, sums, chunk, A, K, n);
            // best[k]: the choice when the k + 1 cheapest models are eligible. Visited in cost
            // order (ties by index), a later model beats the winner only by a higher P: the
            // cost and index tie-breaks favour the earlier one.
            const std::int16_t* order = joins.order.col(n).data();
            int winner = order[0];
            double winnerP = P(n, winner);
            for (std::size_t k = 0; k < models; ++k) {
                const double p = P(n, order[k]);
                const bool beats = p > winnerP;
                winnerP = beats ? p : winnerP;
                winner = beats ? order[k] : winner;
                best[k] = static_cast<std::int16_t>(winner);
            }
            // choiceWhen[k]: the choice while the k cheapest models are eligible; with none,
            // the cheapest group is (the fallback), so k up to that group's end chooses alike.
            const auto cheapestGroup = static_cast<std::size_t>(joins.cheapestGroupEnd[static_cast<std::size_t>(n)]);
            for (std::size_t k = 0; k <= models; ++k)
                choiceWhen[k] = best[std::max(k, cheapestGroup + 1) - 1];
            // Models join as thresholds rise and stay, cheapest first, so from the budget at
            // which the k-th cheapest joins on, the choice is that of k models: where that
            // changes the choice, the new one is written over the budgets from there on.
            const std::int32_t* joinsOfQuery = joins.joins.col(n).data();
            std::int16_t* column = sweep.choices.col(n).data();
            std::fill(column, column + budgetCount, choiceWhen[0]);
            for (std::size_t k = 0; k < models && joinsOfQuery[k] < budgetCount; ++k)
                if (choiceWhen[k + 1] != choiceWhen[k])
                    std::fill(column + joinsOfQuery[k], column + budgetCount, choiceWhen[k + 1]);
            writer.add(0, choiceWhen[0], 1.0);
            for (std::size_t k = 0; k < models; ++k) {
                writer.add(joinsOfQuery[k], choiceWhen[k + 1], 1.0);
                writer.add(joinsOfQuery[k], choiceWhen[k], -1.0);
            }
        }
    }
    sweep.frontier = sums.frontier(sweep.budgets, queries);
    return sweep;
}

} // namespace routescope::sweep
