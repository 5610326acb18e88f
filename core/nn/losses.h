#pragma once
// Training losses over a batch. Each returns the loss and writes dL/dscores into grad.

#include <Eigen/Core>

#include <string>

namespace routescope::nn {

// Which equal-quality pairs the ranking loss orders cheaper-first.
enum class TieOrder {
    None, // only pairs with a_i > a_j (the authors' released code)
    Top,  // also ties among the models sharing the query's top score
    All,  // also every tie, even among models that all failed (the paper's Eq. 8 read literally)
};
TieOrder parseTieOrder(const std::string& text); // "none" | "top" | "all"; throws std::invalid_argument
std::string tieOrderName(TieOrder tie);

// Mean over all entries of (pred - target)^2.
float meanSquaredError(const Eigen::MatrixXf& pred, const Eigen::MatrixXf& target, Eigen::MatrixXf& grad);

// Rows = queries, columns = models. Mean over all ordered pairs (i, j) of the batch's queries
// that should rank i above j of softplus(-(s_i - s_j)); 0 when the batch has no pair.
// pairCount, when given, receives the number of pairs.
float pairwiseRankingLoss(const Eigen::MatrixXf& scores, const Eigen::MatrixXf& quality, const Eigen::MatrixXf& cost,
                          TieOrder tie, Eigen::MatrixXf& grad, long* pairCount = nullptr);

// EquiRouter's objective: MSE(s, a) + rankWeight * pairwise ranking loss.
float equiRouterLoss(const Eigen::MatrixXf& scores, const Eigen::MatrixXf& quality, const Eigen::MatrixXf& cost,
                     TieOrder tie, float rankWeight, Eigen::MatrixXf& grad);

} // namespace routescope::nn
