#include "nn/layer_norm.h"

namespace routescope::nn {

LayerNorm::LayerNorm(int features, float eps)
    : gain_(Eigen::MatrixXf::Ones(1, features)), shift_(Eigen::MatrixXf::Zero(1, features)),
      gainGrad_(Eigen::MatrixXf::Zero(1, features)), shiftGrad_(Eigen::MatrixXf::Zero(1, features)), eps_(eps)
{
}

void LayerNorm::forward(const Eigen::Ref<const Eigen::MatrixXf>& x, Cache& cache, Eigen::MatrixXf& y) const
{
    const float n = float(x.cols());
    const Eigen::VectorXf mean = x.rowwise().sum() / n;
    cache.normalized = x.colwise() - mean;
    const Eigen::VectorXf variance = cache.normalized.array().square().rowwise().sum() / n;
    cache.inverseStd = (variance.array() + eps_).rsqrt();
    cache.normalized.array().colwise() *= cache.inverseStd.array();
    y.resize(x.rows(), x.cols());
    y.array() = (cache.normalized.array().rowwise() * gain_.row(0).array()).rowwise() + shift_.row(0).array();
}

void LayerNorm::backward(const Cache& cache, const Eigen::Ref<const Eigen::MatrixXf>& dy, Eigen::MatrixXf& dx)
{
    const auto& xhat = cache.normalized;
    gainGrad_ = (dy.array() * xhat.array()).colwise().sum();
    shiftGrad_ = dy.colwise().sum();
    const float n = float(dy.cols());
    // g = dy * gain; dx = inverseStd * (g - mean(g) - xhat * mean(g * xhat)), means over each row.
    dx.resize(dy.rows(), dy.cols());
    dx.array() = dy.array().rowwise() * gain_.row(0).array();
    const Eigen::VectorXf meanG = dx.rowwise().sum() / n;
    const Eigen::VectorXf meanGx = (dx.array() * xhat.array()).rowwise().sum() / n;
    dx.array() = ((dx.array().colwise() - meanG.array()) - xhat.array().colwise() * meanGx.array()).colwise() *
        cache.inverseStd.array();
}

} // namespace routescope::nn
