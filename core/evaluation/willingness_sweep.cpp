#include "evaluation/willingness_sweep.h"

#include "evaluation/sweep_parts.h"

#include <algorithm>
#include <cmath>

namespace routescope::sweep {
namespace {

// First index in [0, count) at which the monotone predicate turns true (count if never).
// Branch-free halving with a step count fixed by `count`: the loop never mispredicts.
template <typename Predicate>
Eigen::Index firstTrue(Eigen::Index count, Predicate holds)
{
    if (count == 0)
        return 0;
    Eigen::Index base = 0;
    Eigen::Index length = count;
    while (length > 1) {
        const Eigen::Index half = length / 2;
        base = holds(base + half - 1) ? base : base + half;
        length -= half;
    }
    return holds(base) ? base : base + 1;
}

} // namespace

WillingnessHulls willingnessHulls(const Eigen::MatrixXd& P, const Eigen::MatrixXd& C)
{
    WillingnessHulls hulls;
    hulls.vertices.resize(P.cols(), P.rows());
    hulls.size.resize(static_cast<std::size_t>(P.rows()));
    double smallest = hulls.smallestSlope;
    double largest = hulls.largestSlope;
#pragma omp parallel for schedule(dynamic) reduction(min : smallest) reduction(max : largest)
    for (Eigen::Index chunk = 0; chunk < kChunks; ++chunk) {
        QueryScratch q(P.cols());
        for (Eigen::Index n = chunkBegin(P.rows(), chunk); n < chunkBegin(P.rows(), chunk + 1); ++n) {
            if (n + kPrefetchAhead < P.rows())
                for (Eigen::Index m = 0; m < P.cols(); ++m) {
                    __builtin_prefetch(&P(n + kPrefetchAhead, m));
                    __builtin_prefetch(&C(n + kPrefetchAhead, m));
                }
            q.load(P, C, n);
            const std::size_t h = q.hull();
            hulls.size[static_cast<std::size_t>(n)] = static_cast<std::int16_t>(h);
            for (std::size_t k = 0; k < h; ++k)
                hulls.vertices(static_cast<Eigen::Index>(k), n) = static_cast<std::int16_t>(q.best[k]);
            if (h >= 2) {
                largest = std::max(largest, q.slope(0));
                smallest = std::min(smallest, q.slope(h - 2));
            }
        }
    }
    hulls.smallestSlope = smallest;
    hulls.largestSlope = largest;
    return hulls;
}

std::vector<double> willingnessGrid(const WillingnessHulls& hulls, int maxBudgets)
{
    if (hulls.largestSlope == 0)
        return {0.0};
    const double hi = std::log(2 * hulls.largestSlope);
    const double lo = std::log(hulls.smallestSlope / 2);
    if (maxBudgets == 1)
        return {std::exp(lo)};
    std::vector<double> grid(static_cast<std::size_t>(maxBudgets));
    for (int i = 0; i < maxBudgets; ++i)
        grid[static_cast<std::size_t>(i)] = std::exp(hi + (lo - hi) * i / (maxBudgets - 1));
    return grid;
}

BudgetSweep sweepWillingness(const Eigen::MatrixXd& P, const Eigen::MatrixXd& C, const Eigen::MatrixXd& A,
                             const Eigen::MatrixXd& K, std::vector<double> budgets, const WillingnessHulls& hulls)
{
    BudgetSweep sweep = emptySweep(BudgetPolicy::WillingnessToPay, std::move(budgets), P, A, K);
    const auto budgetCount = static_cast<Eigen::Index>(sweep.budgets.size());
    const std::vector<double>& grid = sweep.budgets;
    const Eigen::Index queries = P.rows();
    FrontierSums sums(budgetCount);

#pragma omp parallel for schedule(dynamic)
    for (Eigen::Index chunk = 0; chunk < kChunks; ++chunk) {
        for (Eigen::Index n = chunkBegin(queries, chunk); n < chunkBegin(queries, chunk + 1); ++n) {
            // 44 column streams outrun the hardware prefetcher: fetch a few queries ahead.
            if (n + kPrefetchAhead < queries)
                for (Eigen::Index m = 0; m < P.cols(); ++m)
                    for (const Eigen::MatrixXd* matrix : {&P, &A, &K, &C})
                        __builtin_prefetch(&(*matrix)(n + kPrefetchAhead, m));
            const RunWriter writer(sweep, sums, chunk, A, K, n);
            // Lambda falls along the sweep, so the choice only moves to dearer hull vertices.
            const auto h = static_cast<Eigen::Index>(hulls.size[static_cast<std::size_t>(n)]);
            Eigen::Index from = 0;
            for (Eigen::Index k = 0; k + 1 < h; ++k) {
                const int here = hulls.vertices(k, n);
                const int next = hulls.vertices(k + 1, n);
                const Eigen::Index moves = std::max(from, firstTrue(budgetCount, [&](Eigen::Index b) {
                    const double lambda = grid[static_cast<std::size_t>(b)];
                    return P(n, next) - lambda * C(n, next) > P(n, here) - lambda * C(n, here);
                }));
                writer.run(from, moves, here);
                from = moves;
            }
            writer.run(from, budgetCount, hulls.vertices(h - 1, n));
        }
    }
    sweep.frontier = sums.frontier(sweep.budgets, queries);
    return sweep;
}

} // namespace routescope::sweep
