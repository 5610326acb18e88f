#include "evaluation/bootstrap.h"

#include "util/random.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <exception>
#include <limits>
#include <mutex>
#include <stdexcept>
#include <string>

#include <omp.h>

namespace routescope {

namespace {

constexpr int kBlockResamples = 64; // weights of one block: 64 x queries doubles (19 MB at 36,497)
constexpr std::uint64_t kRunStream = ~std::uint64_t(0); // the seed-level draws' own stream

std::uint64_t generatorSeed(std::uint64_t seed, std::uint64_t stream, std::uint64_t index)
{
    return mixSeed(mixSeed(mixSeed(seed) ^ stream) ^ index);
}

double quantile(const std::vector<double>& sorted, double p)
{
    const double h = p * double(sorted.size() - 1);
    const auto i = static_cast<std::size_t>(std::floor(h));
    const double f = h - double(i);
    if (f == 0 || i + 1 >= sorted.size())
        return sorted[i];
    if (std::isinf(sorted[i + 1]))
        return std::numeric_limits<double>::infinity();
    return sorted[i] + f * (sorted[i + 1] - sorted[i]);
}

} // namespace

namespace {

// resampleCounts() into a vector of the right size, which is overwritten.
void drawCounts(Eigen::VectorXd& counts, std::uint64_t seed, std::uint64_t stream, std::uint64_t index)
{
    counts.setZero();
    Random random(generatorSeed(seed, stream, index));
    const auto queries = static_cast<std::uint64_t>(counts.size());
    for (std::uint64_t i = 0; i < queries; ++i)
        counts(static_cast<Eigen::Index>(random.below(queries))) += 1;
}

} // namespace

Eigen::VectorXd resampleCounts(Eigen::Index queries, std::uint64_t seed, std::uint64_t stream, std::uint64_t index)
{
    Eigen::VectorXd counts(queries);
    drawCounts(counts, seed, stream, index);
    return counts;
}

std::vector<int> resampleRuns(int runs, std::uint64_t seed, std::uint64_t index)
{
    std::vector<int> drawn(static_cast<std::size_t>(std::max(runs, 0)), 0);
    if (runs <= 1)
        return drawn;
    Random random(generatorSeed(seed, kRunStream, index));
    for (auto& run : drawn)
        run = static_cast<int>(random.below(static_cast<std::uint64_t>(runs)));
    return drawn;
}

QueryContributions::QueryContributions(Eigen::Index queries) : queries_(queries)
{
    if (queries <= 0)
        throw std::invalid_argument("a bootstrap needs at least one test query");
}

Eigen::Index QueryContributions::addPerBudget(const Eigen::MatrixXd& values)
{
    if (values.cols() != queries_ || values.rows() == 0)
        throw std::invalid_argument("values do not match the test queries");
    const Eigen::Index first = columns_;
    for (Eigen::Index n = 0; n < queries_; ++n) {
        double previous = 0;
        for (Eigen::Index b = 0; b < values.rows(); ++b) {
            if (values(b, n) != previous)
                triplets_.emplace_back(int(n), int(first + b), values(b, n) - previous);
            previous = values(b, n);
        }
    }
    groups_.emplace_back(first, values.rows());
    columns_ += values.rows();
    finished_ = false;
    return first;
}

Eigen::Index QueryContributions::addChosen(const ModelChoices& choices, const Eigen::MatrixXd& values)
{
    if (choices.cols() != queries_ || values.rows() != queries_ || choices.rows() == 0)
        throw std::invalid_argument("choices or values do not match the test queries");
    const Eigen::Index first = columns_;
    for (Eigen::Index n = 0; n < queries_; ++n) {
        double previous = 0;
        for (Eigen::Index b = 0; b < choices.rows(); ++b) {
            if (b > 0 && choices(b, n) == choices(b - 1, n))
                continue;
            const double value = values(n, choices(b, n));
            if (value != previous)
                triplets_.emplace_back(int(n), int(first + b), value - previous);
            previous = value;
        }
    }
    groups_.emplace_back(first, choices.rows());
    columns_ += choices.rows();
    finished_ = false;
    return first;
}

Eigen::Index QueryContributions::addColumn(const Eigen::VectorXd& values)
{
    if (values.size() != queries_)
        throw std::invalid_argument("values do not match the test queries");
    const Eigen::Index column = columns_;
    for (Eigen::Index n = 0; n < queries_; ++n)
        if (values(n) != 0)
            triplets_.emplace_back(int(n), int(column), values(n));
    groups_.emplace_back(column, 1);
    ++columns_;
    finished_ = false;
    return column;
}

void QueryContributions::finish() const
{
    const std::lock_guard<std::mutex> lock(finishing_);
    if (finished_)
        return;
    changes_.resize(queries_, columns_);
    changes_.setFromTriplets(triplets_.begin(), triplets_.end());
    finished_ = true;
}

Eigen::MatrixXd QueryContributions::weightedMeans(const Eigen::MatrixXd& weights) const
{
    if (weights.cols() != queries_)
        throw std::invalid_argument("one weight per test query is needed");
    finish();
    Eigen::MatrixXd sums = weights * changes_;
    for (const auto& [first, count] : groups_)
        for (Eigen::Index j = first + 1; j < first + count; ++j)
            sums.col(j) += sums.col(j - 1);
    sums.array().colwise() /= weights.rowwise().sum().array();
    return sums;
}

void forEachResampleBlock(const QueryContributions& contributions, const BootstrapSettings& settings,
                          std::uint64_t stream,
                          const std::function<void(int first, const Eigen::MatrixXd& means)>& consume,
                          const JobControl& job)
{
    const int total = std::max(settings.resamples, 0);
    const int blocks = (total + kBlockResamples - 1) / kBlockResamples;
    const Eigen::Index queries = contributions.queries();
    std::atomic<int> done{0};
    std::atomic<bool> stop{false};
    std::exception_ptr failure;
    std::mutex failureMutex;
#pragma omp parallel
    {
        // Each thread's buffers, kept from block to block (fresh pages cost more than the draws).
        Eigen::MatrixXd weights;
        Eigen::VectorXd counts(queries);
#pragma omp for schedule(dynamic, 1)
        for (int block = 0; block < blocks; ++block) {
            if (stop.load() || job.cancelled()) {
                stop = true;
                continue;
            }
            try {
                const int first = block * kBlockResamples;
                const int count = std::min(kBlockResamples, total - first);
                weights.resize(count, queries);
                for (int r = 0; r < count; ++r) {
                    drawCounts(counts, settings.seed, stream, std::uint64_t(first + r));
                    weights.row(r) = counts.transpose();
                }
                consume(first, contributions.weightedMeans(weights));
            } catch (...) {
                const std::lock_guard<std::mutex> lock(failureMutex);
                if (!failure)
                    failure = std::current_exception();
                stop = true;
            }
            const int finished = ++done;
            if (omp_get_thread_num() == 0)
                job.report(double(finished) / blocks,
                           "bootstrap: " + std::to_string(std::min(finished * kBlockResamples, total)) + "/" +
                               std::to_string(total) + " resamples");
        }
    }
    if (failure)
        std::rethrow_exception(failure);
    job.throwIfCancelled();
}

std::pair<double, double> percentileInterval(std::vector<double> values, double level)
{
    if (values.empty())
        throw std::invalid_argument("an interval of no values");
    std::sort(values.begin(), values.end());
    const double tail = (1 - level) / 2;
    return {quantile(values, tail), quantile(values, 1 - tail)};
}

double bootstrapPValue(const std::vector<double>& differences)
{
    if (differences.empty())
        throw std::invalid_argument("a p-value of no differences");
    double below = 0, above = 0;
    for (const double d : differences) {
        below += d <= 0;
        above += d >= 0;
    }
    const double resamples = double(differences.size());
    return std::min(1.0, 2 * std::min(below + 1, above + 1) / (resamples + 1));
}

} // namespace routescope
