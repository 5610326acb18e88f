#pragma once
// Shuffled mini-batches over the rows of a training set, shared by the gradient-trained routers.

#include "nn/random.h"

#include <Eigen/Core>

#include <numeric>
#include <vector>

namespace routescope {

// A fresh random order of 0..rows-1 for one epoch.
inline std::vector<int> epochOrder(Eigen::Index rows, nn::Random& random)
{
    std::vector<int> order(static_cast<std::size_t>(rows));
    std::iota(order.begin(), order.end(), 0);
    random.shuffle(order);
    return order;
}

// dst = the rows order[start .. start+count) of src.
template <typename Source>
void gatherRows(const Source& src, const std::vector<int>& order, std::size_t start, Eigen::Index count,
                Eigen::MatrixXf& dst)
{
    dst.resize(count, src.cols());
    for (Eigen::Index i = 0; i < count; ++i)
        dst.row(i) = src.row(order[start + std::size_t(i)]).template cast<float>();
}

} // namespace routescope
