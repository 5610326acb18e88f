#pragma once
// Layer normalisation over the features of each row, with a learned scale and shift (PyTorch's
// nn.LayerNorm: biased variance, eps 1e-5).

#include "nn/parameter.h"

#include <Eigen/Core>

#include <vector>

namespace routescope::nn {

class LayerNorm {
public:
    // What backward needs from forward.
    struct Cache {
        Eigen::MatrixXf normalized; // (x - mean) / sqrt(var + eps), per row
        Eigen::VectorXf inverseStd; // one per row
    };

    LayerNorm() = default;
    explicit LayerNorm(int features, float eps = 1e-5f);

    void forward(const Eigen::Ref<const Eigen::MatrixXf>& x, Cache& cache, Eigen::MatrixXf& y) const;
    // Sets gain and shift gradients; writes dL/dx.
    void backward(const Cache& cache, const Eigen::Ref<const Eigen::MatrixXf>& dy, Eigen::MatrixXf& dx);

    std::vector<Parameter> parameters() { return {{&gain_, &gainGrad_}, {&shift_, &shiftGrad_}}; }

private:
    Eigen::MatrixXf gain_, shift_, gainGrad_, shiftGrad_; // 1 x features
    float eps_ = 1e-5f;
};

} // namespace routescope::nn
