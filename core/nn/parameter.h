#pragma once
// A trainable tensor and its gradient: what optimisers step and what save/load writes.

#include "util/binary_io.h"

#include <Eigen/Core>

#include <vector>

namespace routescope::nn {

struct Parameter {
    Eigen::MatrixXf* value;
    Eigen::MatrixXf* grad;
};

// Parameters in a fixed order, with their own format version so old blobs are refused cleanly.
void saveParameters(BinaryWriter& out, const std::vector<Parameter>& parameters);
// Loads into parameters of the same count and shapes; throws FormatError otherwise.
void loadParameters(BinaryReader& in, const std::vector<Parameter>& parameters);

// Copies of the values, for keeping the best epoch.
std::vector<Eigen::MatrixXf> snapshot(const std::vector<Parameter>& parameters);
void restore(const std::vector<Parameter>& parameters, const std::vector<Eigen::MatrixXf>& values);

} // namespace routescope::nn
