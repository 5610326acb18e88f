#pragma once
// The train/test split both sides of the comparison use: a seeded shuffle of all rows, the first
// trainSize train. Written as JSON for the Python reference; RouteScope recomputes it from the seed.

#include <Eigen/Core>

#include <cstdint>
#include <string>
#include <vector>

namespace routescope::bench {

struct RowSplit {
    std::vector<Eigen::Index> train; // ascending
    std::vector<Eigen::Index> test;  // ascending
};

// A seeded shuffle (util/random.h): the same split on every library.
RowSplit shuffledSplit(Eigen::Index rows, Eigen::Index trainSize, std::uint64_t seed);

// {"train": [...], "test": [...]}
void writeSplitJson(const std::string& path, const RowSplit& split);

} // namespace routescope::bench
