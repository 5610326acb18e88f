#include "nn/losses.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace routescope::nn {

TieOrder parseTieOrder(const std::string& text)
{
    if (text == "none")
        return TieOrder::None;
    if (text == "top")
        return TieOrder::Top;
    if (text == "all")
        return TieOrder::All;
    throw std::invalid_argument("tie must be none, top or all, not '" + text + "'");
}

std::string tieOrderName(TieOrder tie)
{
    switch (tie) {
    case TieOrder::None: return "none";
    case TieOrder::Top: return "top";
    case TieOrder::All: return "all";
    }
    return "none";
}

TieNorm parseTieNorm(const std::string& text)
{
    if (text == "separate")
        return TieNorm::Separate;
    if (text == "pooled")
        return TieNorm::Pooled;
    throw std::invalid_argument("tie_norm must be separate or pooled, not '" + text + "'");
}

std::string tieNormName(TieNorm norm)
{
    return norm == TieNorm::Pooled ? "pooled" : "separate";
}

float meanSquaredError(const Eigen::MatrixXf& pred, const Eigen::MatrixXf& target, Eigen::MatrixXf& grad)
{
    const double n = double(pred.size());
    grad = (pred - target) * float(2.0 / n);
    return float((pred - target).cast<double>().squaredNorm() / n);
}

namespace {

// softplus(x) = log(1 + e^x), without overflow for large |x|.
double softplus(double x)
{
    return std::max(x, 0.0) + std::log1p(std::exp(-std::abs(x)));
}

double sigmoid(double x)
{
    return x >= 0 ? 1.0 / (1.0 + std::exp(-x)) : std::exp(x) / (1.0 + std::exp(x));
}

enum class PairKind { NoPair, Label, Tie };

PairKind pairKind(TieOrder tie, float qi, float qj, float ci, float cj, float top)
{
    if (qi > qj)
        return PairKind::Label;
    if (qi != qj || !(ci < cj))
        return PairKind::NoPair;
    return tie == TieOrder::All || (tie == TieOrder::Top && qi == top) ? PairKind::Tie : PairKind::NoPair;
}

} // namespace

float pairwiseRankingLoss(const Eigen::MatrixXf& scores, const Eigen::MatrixXf& quality, const Eigen::MatrixXf& cost,
                          const RankingLoss& loss, Eigen::MatrixXf& grad, PairCounts* counts)
{
    // Sums and gradients of each kind apart; their weights are known once the pairs are counted.
    Eigen::MatrixXf tieGrad = Eigen::MatrixXf::Zero(scores.rows(), scores.cols());
    grad.setZero(scores.rows(), scores.cols());
    double labelTotal = 0.0, tieTotal = 0.0;
    PairCounts pairs;
    const Eigen::Index models = scores.cols();
    for (Eigen::Index n = 0; n < scores.rows(); ++n) {
        const float top = quality.row(n).maxCoeff();
        for (Eigen::Index i = 0; i < models; ++i)
            for (Eigen::Index j = 0; j < models; ++j) {
                const PairKind kind = pairKind(loss.tie, quality(n, i), quality(n, j), cost(n, i), cost(n, j), top);
                if (kind == PairKind::NoPair)
                    continue;
                const double margin = double(scores(n, i)) - double(scores(n, j));
                // d softplus(-margin) / d margin = -sigmoid(-margin)
                const float slope = float(sigmoid(-margin));
                Eigen::MatrixXf& kindGrad = kind == PairKind::Label ? grad : tieGrad;
                kindGrad(n, i) -= slope;
                kindGrad(n, j) += slope;
                (kind == PairKind::Label ? labelTotal : tieTotal) += softplus(-margin);
                ++(kind == PairKind::Label ? pairs.label : pairs.tie);
            }
    }
    if (counts)
        *counts = pairs;
    double labelScale = 0, tieScale = 0; // what one pair of each kind weighs
    if (loss.norm == TieNorm::Pooled) {
        const long all = pairs.label + pairs.tie;
        labelScale = all > 0 ? 1.0 / double(all) : 0.0;
        tieScale = double(loss.tieWeight) * labelScale;
    } else {
        labelScale = pairs.label > 0 ? 1.0 / double(pairs.label) : 0.0;
        tieScale = pairs.tie > 0 ? double(loss.tieWeight) / double(pairs.tie) : 0.0;
    }
    grad = grad * float(labelScale) + tieGrad * float(tieScale);
    return float(labelTotal * labelScale + tieTotal * tieScale);
}

float equiRouterLoss(const Eigen::MatrixXf& scores, const Eigen::MatrixXf& quality, const Eigen::MatrixXf& cost,
                     const RankingLoss& loss, Eigen::MatrixXf& grad)
{
    float total = meanSquaredError(scores, quality, grad);
    if (loss.rankWeight != 0.0f) {
        Eigen::MatrixXf rankGrad;
        total += loss.rankWeight * pairwiseRankingLoss(scores, quality, cost, loss, rankGrad);
        grad += loss.rankWeight * rankGrad;
    }
    return total;
}

} // namespace routescope::nn
