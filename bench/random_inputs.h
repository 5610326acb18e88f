#pragma once
// Seeded random inputs for the benchmarks.

#include "util/random.h"

#include <Eigen/Core>

namespace routescope::bench {

// Uniform in [0, scale), column by column.
inline Eigen::MatrixXd randomMatrix(Eigen::Index rows, Eigen::Index cols, Random& random, double scale)
{
    Eigen::MatrixXd m(rows, cols);
    for (Eigen::Index j = 0; j < cols; ++j)
        for (Eigen::Index i = 0; i < rows; ++i)
            m(i, j) = scale * random.uniform();
    return m;
}

} // namespace routescope::bench
