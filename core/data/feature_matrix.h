#pragma once
// Query features as routers and featurizers exchange them: rows = queries, columns = feature
// dimensions (float: features are inputs, not results, and half the memory of double).

#include <Eigen/Core>

namespace routescope {

using FeatureMatrix = Eigen::MatrixXf;

} // namespace routescope
