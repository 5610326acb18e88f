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

bool mustRankAbove(TieOrder tie, float qi, float qj, float ci, float cj, float top)
{
    if (qi > qj)
        return true;
    if (qi != qj || !(ci < cj))
        return false;
    return tie == TieOrder::All || (tie == TieOrder::Top && qi == top);
}

} // namespace

float pairwiseRankingLoss(const Eigen::MatrixXf& scores, const Eigen::MatrixXf& quality, const Eigen::MatrixXf& cost,
                          TieOrder tie, Eigen::MatrixXf& grad, long* pairCount)
{
    grad.setZero(scores.rows(), scores.cols());
    double total = 0.0;
    long pairs = 0;
    const Eigen::Index models = scores.cols();
    for (Eigen::Index n = 0; n < scores.rows(); ++n) {
        const float top = quality.row(n).maxCoeff();
        for (Eigen::Index i = 0; i < models; ++i)
            for (Eigen::Index j = 0; j < models; ++j) {
                if (!mustRankAbove(tie, quality(n, i), quality(n, j), cost(n, i), cost(n, j), top))
                    continue;
                const double margin = double(scores(n, i)) - double(scores(n, j));
                total += softplus(-margin);
                // d softplus(-margin) / d margin = -sigmoid(-margin)
                const float slope = float(sigmoid(-margin));
                grad(n, i) -= slope;
                grad(n, j) += slope;
                ++pairs;
            }
    }
    if (pairCount)
        *pairCount = pairs;
    if (pairs == 0)
        return 0.0f;
    grad /= float(pairs);
    return float(total / double(pairs));
}

float equiRouterLoss(const Eigen::MatrixXf& scores, const Eigen::MatrixXf& quality, const Eigen::MatrixXf& cost,
                     TieOrder tie, float rankWeight, Eigen::MatrixXf& grad)
{
    float loss = meanSquaredError(scores, quality, grad);
    if (rankWeight != 0.0f) {
        Eigen::MatrixXf rankGrad;
        loss += rankWeight * pairwiseRankingLoss(scores, quality, cost, tie, rankGrad);
        grad += rankWeight * rankGrad;
    }
    return loss;
}

} // namespace routescope::nn
