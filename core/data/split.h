#pragma once
// Train / validation / test splits of a dataset's queries (rows). Every split is stratified by
// task and deterministic for a seed on every standard library (util/random.h).

#include <Eigen/Core>

#include <cstdint>
#include <string>
#include <vector>

namespace routescope {

// Row indices into the outcome matrix, each part sorted ascending; the parts are disjoint.
struct DataSplit {
    std::vector<Eigen::Index> train;
    std::vector<Eigen::Index> validation; // carved from the training rows
    std::vector<Eigen::Index> test;
};

struct InDomainSplitOptions {
    double trainFraction = 0.7;      // RouterBench 0.7; the paper uses 0.2
    double validationFraction = 0.1; // share of the training rows held out for validation
    std::uint64_t seed = 0;
};

// Within every task, round(trainFraction * rows of the task) random rows train (validation
// carved from them the same way), the rest test.
DataSplit splitInDomain(const std::vector<std::string>& taskOfRow, const InDomainSplitOptions& options);

// Leave one task out: its rows are the test set, all other rows train; validation is carved
// from the training rows, stratified by task. Throws std::invalid_argument for an unknown task.
DataSplit splitOutOfDomain(const std::vector<std::string>& taskOfRow, const std::string& heldOutTask,
                           double validationFraction, std::uint64_t seed);

// The distinct task names in order of first appearance.
std::vector<std::string> distinctTasks(const std::vector<std::string>& taskOfRow);

} // namespace routescope
