#pragma once
// A search of an ascending array for the first value at least some value, without branches that
// depend on the data: budget sweeps and RCI curves ask it once per query and model, where
// std::lower_bound's data-dependent branches mispredict at almost every step.

#include <Eigen/Core>

namespace routescope {

// First index in the ascending values[0, count) holding at least `value` (count if none), by
// halving a fixed number of times: the steps depend on count alone, so they never mispredict.
inline Eigen::Index firstAtLeast(const double* values, Eigen::Index count, double value)
{
    Eigen::Index base = 0;
    for (Eigen::Index length = count; length > 1; length -= length / 2)
        base = values[base + length / 2 - 1] < value ? base + length / 2 : base;
    return count > 0 && values[base] < value ? base + 1 : base;
}

} // namespace routescope
