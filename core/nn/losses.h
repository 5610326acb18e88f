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

// How the two kinds of pairs are averaged.
enum class TieNorm {
    Separate, // label pairs and tie pairs each have their own mean
    Pooled,   // one mean over all pairs (before tie_weight existed: tie pairs outnumber label pairs)
};
TieNorm parseTieNorm(const std::string& text); // "separate" | "pooled"; throws std::invalid_argument
std::string tieNormName(TieNorm norm);

// EquiRouter's ranking term. Label pairs: a_i > a_j. Tie pairs: a_i == a_j and c_i < c_j, as
// `tie` says. Each ordered pair (i above j) costs softplus(-(s_i - s_j)).
struct RankingLoss {
    TieOrder tie = TieOrder::Top;
    TieNorm norm = TieNorm::Separate;
    float rankWeight = 50; // of the ranking term against the squared error
    float tieWeight = 1;   // of the tie pairs against the label pairs
};

struct PairCounts {
    long label = 0;
    long tie = 0;
};

// Mean over all entries of (pred - target)^2.
float meanSquaredError(const Eigen::MatrixXf& pred, const Eigen::MatrixXf& target, Eigen::MatrixXf& grad);

// Rows = queries, columns = models; pairs are taken within each query of the batch.
// Separate: mean over label pairs + tieWeight * mean over tie pairs (a kind without pairs adds 0).
// Pooled: (sum over label pairs + tieWeight * sum over tie pairs) / (label + tie pairs); 0 without pairs.
// rankWeight is not applied here. counts, when given, receives the number of pairs of each kind.
float pairwiseRankingLoss(const Eigen::MatrixXf& scores, const Eigen::MatrixXf& quality, const Eigen::MatrixXf& cost,
                          const RankingLoss& loss, Eigen::MatrixXf& grad, PairCounts* counts = nullptr);

// EquiRouter's objective: MSE(s, a) + rankWeight * pairwiseRankingLoss.
float equiRouterLoss(const Eigen::MatrixXf& scores, const Eigen::MatrixXf& quality, const Eigen::MatrixXf& cost,
                     const RankingLoss& loss, Eigen::MatrixXf& grad);

} // namespace routescope::nn
