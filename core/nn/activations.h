#pragma once
// Element-wise activations over batches. GELU uses the tanh form (vectorised by Eigen; it differs
// from the erf form by less than 1e-3 everywhere).

#include <Eigen/Core>

namespace routescope::nn {

struct Gelu {
    static void forward(const Eigen::Ref<const Eigen::MatrixXf>& x, Eigen::MatrixXf& y);
    // dx = dy * gelu'(x), x being the forward input.
    static void backward(const Eigen::Ref<const Eigen::MatrixXf>& x, const Eigen::Ref<const Eigen::MatrixXf>& dy,
                         Eigen::MatrixXf& dx);
};

struct Relu {
    static void forward(const Eigen::Ref<const Eigen::MatrixXf>& x, Eigen::MatrixXf& y);
    // The derivative at 0 is taken as 0.
    static void backward(const Eigen::Ref<const Eigen::MatrixXf>& x, const Eigen::Ref<const Eigen::MatrixXf>& dy,
                         Eigen::MatrixXf& dx);
};

} // namespace routescope::nn
