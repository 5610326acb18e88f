#pragma once
// The decision-level criterion EquiRouter selects its tie setting and epoch by: how good the
// cost-threshold policy's quality-cost curve is on a validation set.

#include <Eigen/Core>

namespace routescope {

// Area under the Pareto front of the cost-threshold policy (method.md section 2), normalised by
// the width of the cost interval it spans. Thresholds are the distinct predicted model costs;
// at each, every query takes the eligible model with the highest predicted quality (lower
// predicted cost first on equal quality). The front is extended flat to the right over
// [mean true cost of the cheapest model, mean true cost of the dearest model]; the interval
// depends only on the data, so areas of different routers on the same set are comparable.
// predictedQuality: queries x models; modelCost: predicted cost per model (1 x models).
double costThresholdFrontierArea(const Eigen::MatrixXd& predictedQuality, const Eigen::RowVectorXd& modelCost,
                                 const Eigen::MatrixXd& trueScores, const Eigen::MatrixXd& trueCosts);

} // namespace routescope
