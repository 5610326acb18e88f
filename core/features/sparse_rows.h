#pragma once
// A sparse matrix as rows of (column, weight) entries (compressed rows), with the two products
// the randomised SVD needs. Written here because the featurizer's matrices are built row by row
// in parallel and multiplied against dense factors stored transposed.

#include "util/job_control.h"

#include <Eigen/Core>

#include <cstdint>
#include <vector>

namespace routescope {

struct SparseRows {
    std::vector<std::size_t> offsets{0}; // row r holds entries [offsets[r], offsets[r + 1])
    std::vector<std::int32_t> columns;
    std::vector<float> weights;

    Eigen::Index rows() const { return static_cast<Eigen::Index>(offsets.size() - 1); }
    void appendRow(const std::vector<std::int32_t>& rowColumns, const std::vector<float>& rowWeights);
};

// The transpose, as rows again (a column count is needed: trailing columns may be empty).
SparseRows transposed(const SparseRows& a, Eigen::Index columnCount);

// (A X) with dense factors stored transposed: column r of the result is sum_k w_k * Xt.col(c_k).
// Each output column is summed in a fixed order, so the result does not depend on the thread
// count. Throws Cancelled when the job is cancelled.
Eigen::MatrixXf multiplyTransposed(const SparseRows& a, const Eigen::MatrixXf& xt, const JobControl& job);

} // namespace routescope
