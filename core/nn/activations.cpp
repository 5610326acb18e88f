#include "nn/activations.h"

namespace routescope::nn {

namespace {
constexpr float kSqrt2OverPi = 0.7978845608028654f;
constexpr float kCubic = 0.044715f;
}

void Gelu::forward(const Eigen::Ref<const Eigen::MatrixXf>& x, Eigen::MatrixXf& y)
{
    y.resize(x.rows(), x.cols());
    const auto a = x.array();
    y.array() = 0.5f * a * (1.0f + (kSqrt2OverPi * (a + kCubic * a.cube())).tanh());
}

void Gelu::backward(const Eigen::Ref<const Eigen::MatrixXf>& x, const Eigen::Ref<const Eigen::MatrixXf>& dy,
                    Eigen::MatrixXf& dx)
{
    dx.resize(x.rows(), x.cols());
    // Column by column so the tanh is computed once per element without a full temporary.
    for (Eigen::Index j = 0; j < x.cols(); ++j) {
        const auto a = x.col(j).array();
        const Eigen::ArrayXf t = (kSqrt2OverPi * (a + kCubic * a.cube())).tanh();
        dx.col(j).array() = dy.col(j).array() *
            (0.5f * (1.0f + t) + 0.5f * a * (1.0f - t.square()) * kSqrt2OverPi * (1.0f + 3.0f * kCubic * a.square()));
    }
}

void Relu::forward(const Eigen::Ref<const Eigen::MatrixXf>& x, Eigen::MatrixXf& y)
{
    y = x.cwiseMax(0.0f);
}

void Relu::backward(const Eigen::Ref<const Eigen::MatrixXf>& x, const Eigen::Ref<const Eigen::MatrixXf>& dy,
                    Eigen::MatrixXf& dx)
{
    dx = (x.array() > 0.0f).select(dy, 0.0f);
}

} // namespace routescope::nn
