#pragma once
// Fully connected layer y = x W + b over a batch (rows = examples). Layers keep no activations:
// the caller owns its buffers and passes the forward input back to backward.

#include "nn/parameter.h"
#include "util/random.h"

#include <Eigen/Core>

#include <vector>

namespace routescope::nn {

using ConstMatrixRef = Eigen::Ref<const Eigen::MatrixXf>;
using MatrixRef = Eigen::Ref<Eigen::MatrixXf>;

// Fills w with Xavier-uniform values, bound sqrt(6 / (fanIn + fanOut)).
void xavierUniform(MatrixRef w, int fanIn, int fanOut, Random& random);

class Linear {
public:
    Linear() = default;
    // Xavier-uniform weights, zero biases.
    Linear(int inputs, int outputs, Random& random);

    int inputs() const { return int(weight_.rows()); }
    int outputs() const { return int(weight_.cols()); }
    const Eigen::MatrixXf& weight() const { return weight_; } // inputs x outputs
    const Eigen::MatrixXf& bias() const { return bias_; }     // 1 x outputs
    Eigen::MatrixXf& weightGrad() { return weightGrad_; }
    Eigen::MatrixXf& biasGrad() { return biasGrad_; }

    void forward(const ConstMatrixRef& x, Eigen::MatrixXf& y) const;
    // Sets the parameter gradients from the batch; writes dL/dx when inputGrad is given.
    void backward(const ConstMatrixRef& x, const ConstMatrixRef& outputGrad, Eigen::MatrixXf* inputGrad);

    std::vector<Parameter> parameters() { return {{&weight_, &weightGrad_}, {&bias_, &biasGrad_}}; }

private:
    Eigen::MatrixXf weight_, bias_, weightGrad_, biasGrad_;
};

} // namespace routescope::nn
