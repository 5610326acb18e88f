#include "nn/linear.h"

#include <cmath>

namespace routescope::nn {

void xavierUniform(MatrixRef w, int fanIn, int fanOut, Random& random)
{
    const double bound = std::sqrt(6.0 / double(fanIn + fanOut));
    for (Eigen::Index j = 0; j < w.cols(); ++j)
        for (Eigen::Index i = 0; i < w.rows(); ++i)
            w(i, j) = float(random.uniform(-bound, bound));
}

Linear::Linear(int inputs, int outputs, Random& random)
    : weight_(inputs, outputs), bias_(Eigen::MatrixXf::Zero(1, outputs)),
      weightGrad_(Eigen::MatrixXf::Zero(inputs, outputs)), biasGrad_(Eigen::MatrixXf::Zero(1, outputs))
{
    xavierUniform(weight_, inputs, outputs, random);
}

void Linear::forward(const ConstMatrixRef& x, Eigen::MatrixXf& y) const
{
    y.resize(x.rows(), weight_.cols());
    y.noalias() = x * weight_;
    y.rowwise() += bias_.row(0);
}

void Linear::backward(const ConstMatrixRef& x, const ConstMatrixRef& outputGrad, Eigen::MatrixXf* inputGrad)
{
    weightGrad_.noalias() = x.transpose() * outputGrad;
    biasGrad_ = outputGrad.colwise().sum();
    if (inputGrad) {
        inputGrad->resize(x.rows(), x.cols());
        inputGrad->noalias() = outputGrad * weight_.transpose();
    }
}

} // namespace routescope::nn
