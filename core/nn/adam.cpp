#include "nn/adam.h"

#include <cmath>

namespace routescope::nn {

Adam::Adam(std::vector<Parameter> parameters, float learningRate, float beta1, float beta2, float eps)
    : parameters_(std::move(parameters)), learningRate_(learningRate), beta1_(beta1), beta2_(beta2), eps_(eps)
{
    for (const auto& p : parameters_) {
        firstMoment_.push_back(Eigen::MatrixXf::Zero(p.value->rows(), p.value->cols()));
        secondMoment_.push_back(Eigen::MatrixXf::Zero(p.value->rows(), p.value->cols()));
    }
}

void Adam::step()
{
    ++steps_;
    const float correction1 = 1.0f - float(std::pow(double(beta1_), double(steps_)));
    const float correction2 = 1.0f - float(std::pow(double(beta2_), double(steps_)));
    const float stepSize = learningRate_ / correction1;
    const float rootCorrection2 = std::sqrt(correction2);
    for (std::size_t i = 0; i < parameters_.size(); ++i) {
        auto m = firstMoment_[i].array();
        auto v = secondMoment_[i].array();
        const auto g = parameters_[i].grad->array();
        m = beta1_ * m + (1.0f - beta1_) * g;
        v = beta2_ * v + (1.0f - beta2_) * g.square();
        parameters_[i].value->array() -= stepSize * m / (v.sqrt() / rootCorrection2 + eps_);
    }
}

} // namespace routescope::nn
