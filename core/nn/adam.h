#pragma once
// Adam as in PyTorch (bias-corrected moments, eps added to the corrected root), no weight decay.

#include "nn/parameter.h"

#include <Eigen/Core>

#include <vector>

namespace routescope::nn {

class Adam {
public:
    Adam(std::vector<Parameter> parameters, float learningRate, float beta1 = 0.9f, float beta2 = 0.999f,
         float eps = 1e-8f);
    // One update from the gradients currently in the parameters.
    void step();

private:
    std::vector<Parameter> parameters_;
    std::vector<Eigen::MatrixXf> firstMoment_, secondMoment_;
    float learningRate_, beta1_, beta2_, eps_;
    long steps_ = 0;
};

} // namespace routescope::nn
