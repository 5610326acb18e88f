#pragma once
// The randomised SVD of Halko, Martinsson & Tropp (2011) for a sparse matrix A: a seeded
// Gaussian range finder with subspace (power) iterations, then the exact SVD of the small
// projected matrix. What the featurizer keeps of it is A's top right singular vectors: the
// directions its rows are projected onto.

#include "features/sparse_rows.h"
#include "util/job_control.h"

#include <Eigen/Core>

#include <cstdint>

namespace routescope {

struct RandomizedSvdSettings {
    Eigen::Index rank = 384;  // at most; fewer when A has fewer rows or columns
    int oversampling = 10;    // extra random directions of the range finder
    int powerIterations = 2;
    std::uint64_t seed = 42;
};

// rank x columns: row j is A's j-th right singular vector (V_k transposed), so a row x of A
// projects to x V_k. Directions with a singular value below 1e-6 of the largest are zero. `at`
// is A transposed (columnCount rows). Reports progress in [from, to] of the job.
Eigen::MatrixXf randomizedProjection(const SparseRows& a, const SparseRows& at, const RandomizedSvdSettings& settings,
                                     const JobControl& job, double from, double to);

} // namespace routescope
