#pragma once
// The paired bootstrap over test queries (docs/statistics.md). A resample draws the N test
// queries N times with replacement: it is a weight per query, how often the query was drawn.
// Budget decisions do not change under resampling, so every operating point of every router is
// a weighted mean of per-query contributions (the chosen model's true cost or score), and the
// operating points of a block of resamples are one product: weights (resamples x queries) times
// contributions (queries x budgets). A query's choice changes at only a few budgets, so each
// router's contributions are stored as their changes from one budget to the next (a sparse
// matrix) and summed along the budgets after the product.

#include "evaluation/budget_policy.h"
#include "util/job_control.h"

#include <Eigen/Core>
#include <Eigen/SparseCore>

#include <cstdint>
#include <functional>
#include <mutex>
#include <utility>
#include <vector>

namespace routescope {

struct BootstrapSettings {
    int resamples = 1000; // 0: no bootstrap
    std::uint64_t seed = 0;
};

// How often each of `queries` test queries is drawn in resample `index`: `queries` draws with
// replacement from a generator seeded by (seed, stream, index) alone, so a resample is the same
// whichever thread or block draws it. Test sets that are the same queries share a stream.
Eigen::VectorXd resampleCounts(Eigen::Index queries, std::uint64_t seed, std::uint64_t stream, std::uint64_t index);

// Which of `runs` seeds each of the `runs` slots of resample `index` takes (drawn with
// replacement; {0} for one run): the seed level of the hierarchical bootstrap.
std::vector<int> resampleRuns(int runs, std::uint64_t seed, std::uint64_t index);

// Per-query contributions to weighted means, in columns, added a group at a time.
class QueryContributions {
public:
    explicit QueryContributions(Eigen::Index queries);
    QueryContributions(const QueryContributions&) = delete;
    QueryContributions& operator=(const QueryContributions&) = delete;

    Eigen::Index queries() const { return queries_; }
    Eigen::Index columns() const { return columns_; }

    // One column per budget (row of `choices`): query n contributes values(n, choices(b, n)).
    // Returns the index of the first column.
    Eigen::Index addChosen(const ModelChoices& choices, const Eigen::MatrixXd& values);
    // One column per budget (row of `values`, budgets x queries): query n contributes values(b, n).
    Eigen::Index addPerBudget(const Eigen::MatrixXd& values);
    // One column: query n contributes values(n).
    Eigen::Index addColumn(const Eigen::VectorXd& values);

    // Weighted means of every column: weights is resamples x queries (a row per resample, with a
    // positive sum), the result resamples x columns.
    Eigen::MatrixXd weightedMeans(const Eigen::MatrixXd& weights) const;

private:
    void finish() const;

    Eigen::Index queries_ = 0;
    Eigen::Index columns_ = 0;
    std::vector<std::pair<Eigen::Index, Eigen::Index>> groups_; // (first column, columns) summed along
    std::vector<Eigen::Triplet<double>> triplets_;              // (query, column, change)
    mutable Eigen::SparseMatrix<double, Eigen::RowMajor> changes_; // queries x columns
    mutable bool finished_ = false;
    mutable std::mutex finishing_; // blocks of resamples may ask for the first product at once
};

// Calls consume(first, means) for consecutive blocks of the settings' resamples of one test set,
// means = contributions.weightedMeans(counts of resamples first, first + 1, ...). Blocks run in
// parallel: consume must write only what belongs to its resamples. Reports progress (from one
// thread) and throws Cancelled when the job is cancelled.
void forEachResampleBlock(const QueryContributions& contributions, const BootstrapSettings& settings,
                          std::uint64_t stream,
                          const std::function<void(int first, const Eigen::MatrixXd& means)>& consume,
                          const JobControl& job = {});

// The central `level` percentile interval of the values (linear between order statistics);
// +infinity stands for "not reached" and sorts last. values must not be empty.
std::pair<double, double> percentileInterval(std::vector<double> values, double level = 0.95);

// Two-sided bootstrap p-value of "no difference": twice the smaller share of resampled
// differences on either side of 0 (each counted with the observed-data correction (k + 1) / (R + 1)),
// at most 1. The smallest level at which the percentile interval excludes 0.
double bootstrapPValue(const std::vector<double>& differences);

} // namespace routescope
