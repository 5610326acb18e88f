#include "features/sparse_rows.h"

#include <numeric>

namespace routescope {

void SparseRows::appendRow(const std::vector<std::int32_t>& rowColumns, const std::vector<float>& rowWeights)
{
    columns.insert(columns.end(), rowColumns.begin(), rowColumns.end());
    weights.insert(weights.end(), rowWeights.begin(), rowWeights.end());
    offsets.push_back(columns.size());
}

SparseRows transposed(const SparseRows& a, Eigen::Index columnCount)
{
    SparseRows t;
    t.offsets.assign(static_cast<std::size_t>(columnCount) + 1, 0);
    for (std::int32_t c : a.columns)
        ++t.offsets[static_cast<std::size_t>(c) + 1];
    std::partial_sum(t.offsets.begin(), t.offsets.end(), t.offsets.begin());
    t.columns.resize(a.columns.size());
    t.weights.resize(a.weights.size());
    std::vector<std::size_t> next(t.offsets.begin(), t.offsets.end() - 1);
    for (Eigen::Index r = 0; r < a.rows(); ++r) {
        for (std::size_t k = a.offsets[r]; k < a.offsets[r + 1]; ++k) {
            const std::size_t slot = next[a.columns[k]]++;
            t.columns[slot] = static_cast<std::int32_t>(r);
            t.weights[slot] = a.weights[k];
        }
    }
    return t;
}

Eigen::MatrixXf multiplyTransposed(const SparseRows& a, const Eigen::MatrixXf& xt, const JobControl& job)
{
    Eigen::MatrixXf result = Eigen::MatrixXf::Zero(xt.rows(), a.rows());
#pragma omp parallel for schedule(dynamic, 64)
    for (Eigen::Index r = 0; r < a.rows(); ++r) {
        if (job.cancelled())
            continue;
        auto out = result.col(r);
        for (std::size_t k = a.offsets[r]; k < a.offsets[r + 1]; ++k)
            out += a.weights[k] * xt.col(a.columns[k]);
    }
    job.throwIfCancelled();
    return result;
}

} // namespace routescope
