#pragma once
// Parts both budget sweeps (threshold_sweep.h, willingness_sweep.h) are built from: per-query
// scratch that ranks models by cost and finds the upper-left hull, and the frontier sums that
// a query's decisions are added to as runs of budgets. Internal to evaluation/.

#include "evaluation/budget_policy.h"

#include <Eigen/Core>

#include <algorithm>
#include <cstdint>
#include <vector>

namespace routescope::sweep {

// Fixed query chunks make the frontier sums independent of the thread count; handed out
// dynamically, so a core that another process takes does not hold the whole sweep back.
constexpr Eigen::Index kChunks = 64;
constexpr Eigen::Index kPrefetchAhead = 16;

inline Eigen::Index chunkBegin(Eigen::Index queries, Eigen::Index chunk) { return queries * chunk / kChunks; }

// Per-query scratch for up to `models` models.
struct QueryScratch {
    std::vector<int> order; // models by predicted cost, ties by index
    std::vector<int> best;  // hull vertices
    std::vector<double> p, c;

    explicit QueryScratch(Eigen::Index models);

    // Inline: once per query on the sweep's hot path.
    void load(const Eigen::MatrixXd& P, const Eigen::MatrixXd& C, Eigen::Index n)
    {
        const auto m = order.size();
        for (std::size_t j = 0; j < m; ++j) {
            p[j] = P(n, static_cast<Eigen::Index>(j));
            c[j] = C(n, static_cast<Eigen::Index>(j));
        }
        // Rank by counting: branch-free, where a sort of random costs mispredicts at every step.
        for (std::size_t j = 0; j < m; ++j) {
            std::size_t rank = 0;
            for (std::size_t i = 0; i < m; ++i)
                rank += static_cast<std::size_t>((c[i] < c[j]) | ((c[i] == c[j]) & (i < j)));
            order[rank] = static_cast<int>(j);
        }
    }
    // Index into order of the last model sharing the cheapest cost: the no-eligible fallback.
    std::size_t cheapestGroupEnd() const;
    // Upper-left hull of (C, P) into best[0..h): the only models argmax P - lambda C can pick,
    // cheapest first, P strictly rising and edge slopes strictly falling. Returns h.
    std::size_t hull();
    double slope(std::size_t k) const;
};

// Per chunk, the frontier's cost and quality sums kept as differences over budgets, so a run
// of budgets costs O(1) however many it spans.
struct FrontierSums {
    Eigen::MatrixXd costDiff;    // (budgets + 1) x chunks
    Eigen::MatrixXd qualityDiff; // (budgets + 1) x chunks
    explicit FrontierSums(Eigen::Index budgets);
    // Mean true cost and quality at each budget over `queries` queries.
    std::vector<FrontierPoint> frontier(const std::vector<double>& budgets, Eigen::Index queries) const;
};

// Writes one query's decisions as runs of budgets and adds them to its chunk's frontier sums.
struct RunWriter {
    std::int16_t* choices;
    double* costDiff;
    double* qualityDiff;
    const Eigen::MatrixXd& A;
    const Eigen::MatrixXd& K;
    Eigen::Index query;

    RunWriter(BudgetSweep& sweep, FrontierSums& sums, Eigen::Index chunk, const Eigen::MatrixXd& A,
              const Eigen::MatrixXd& K, Eigen::Index query)
        : choices(sweep.choices.col(query).data()), costDiff(sums.costDiff.col(chunk).data()),
          qualityDiff(sums.qualityDiff.col(chunk).data()), A(A), K(K), query(query)
    {
    }

    // Inline: called for every run of every query, on the sweep's hot path.
    void run(Eigen::Index from, Eigen::Index to, int model) const
    {
        if (from >= to)
            return;
        std::fill(choices + from, choices + to, static_cast<std::int16_t>(model));
        costDiff[from] += K(query, model);
        costDiff[to] -= K(query, model);
        qualityDiff[from] += A(query, model);
        qualityDiff[to] -= A(query, model);
    }

    // The frontier sums change by `sign` x the model's outcome from budget `from` on.
    void add(Eigen::Index from, int model, double sign) const
    {
        costDiff[from] += sign * K(query, model);
        qualityDiff[from] += sign * A(query, model);
    }
};

// The sweep's result before its decisions are filled in.
BudgetSweep emptySweep(BudgetPolicy policy, std::vector<double> budgets, const Eigen::MatrixXd& P,
                       const Eigen::MatrixXd& A, const Eigen::MatrixXd& K);

} // namespace routescope::sweep
