#pragma once
// Cosine similarity of queries to the stored training queries, as kNN and the SW ranking router
// look them up: training rows normalised once, queries taken in blocks to bound memory.

#include "data/feature_matrix.h"

#include <algorithm>

namespace routescope {

// Rows scaled to unit length; all-zero rows stay zero.
inline FeatureMatrix rowNormalised(const FeatureMatrix& x)
{
    FeatureMatrix y = x;
    for (Eigen::Index r = 0; r < y.rows(); ++r) {
        const float norm = y.row(r).norm();
        if (norm > 0.0f)
            y.row(r) /= norm;
    }
    return y;
}

// Calls visit(start, similarity) for the queries in blocks of at most `block` rows: similarity is
// training queries x queries of the block, each query's similarities one contiguous column.
// unitTraining must be rowNormalised.
template <typename Visit>
void forEachSimilarityBlock(const FeatureMatrix& unitTraining, const FeatureMatrix& queries, Eigen::Index block,
                            Visit visit)
{
    const FeatureMatrix unitQueries = rowNormalised(queries);
    for (Eigen::Index start = 0; start < unitQueries.rows(); start += block) {
        const Eigen::Index rows = std::min(block, unitQueries.rows() - start);
        const Eigen::MatrixXf similarity = unitTraining * unitQueries.middleRows(start, rows).transpose();
        visit(start, similarity);
    }
}

} // namespace routescope
