#include "routers/mlp_bank.h"

#include "nn/activations.h"
#include "nn/linear.h"
#include "util/binary_io.h"

namespace routescope {

MlpBank::MlpBank(int inputs, int hidden, int models, Random& random)
    : hidden_(hidden), hiddenWeight_(inputs, models * hidden), hiddenBias_(Eigen::MatrixXf::Zero(1, models * hidden)),
      outputWeight_(hidden, models), outputBias_(Eigen::MatrixXf::Zero(1, models))
{
    for (int m = 0; m < models; ++m) {
        nn::xavierUniform(hiddenWeight_.middleCols(m * hidden, hidden), inputs, hidden, random);
        nn::xavierUniform(outputWeight_.col(m), hidden, 1, random);
    }
    zeroGradients();
}

Eigen::MatrixXf MlpBank::forward(const Eigen::Ref<const Eigen::MatrixXf>& x, Eigen::MatrixXf* hiddenPre) const
{
    Eigen::MatrixXf pre = x * hiddenWeight_;
    pre.rowwise() += hiddenBias_.row(0);
    Eigen::MatrixXf active;
    nn::Relu::forward(pre, active);
    Eigen::MatrixXf scores(x.rows(), models());
    for (Eigen::Index m = 0; m < models(); ++m)
        scores.col(m).noalias() = active.middleCols(m * hidden_, hidden_) * outputWeight_.col(m);
    scores.rowwise() += outputBias_.row(0);
    if (hiddenPre)
        *hiddenPre = std::move(pre);
    return scores;
}

void MlpBank::backward(const Eigen::Ref<const Eigen::MatrixXf>& x, const Eigen::MatrixXf& hiddenPre,
                       const Eigen::MatrixXf& scoreGrad)
{
    Eigen::MatrixXf active, activeGrad(x.rows(), hiddenPre.cols()), preGrad;
    nn::Relu::forward(hiddenPre, active);
    outputWeightGrad_.resize(hidden_, models());
    for (Eigen::Index m = 0; m < models(); ++m) {
        outputWeightGrad_.col(m).noalias() = active.middleCols(m * hidden_, hidden_).transpose() * scoreGrad.col(m);
        activeGrad.middleCols(m * hidden_, hidden_).noalias() = scoreGrad.col(m) * outputWeight_.col(m).transpose();
    }
    outputBiasGrad_ = scoreGrad.colwise().sum();
    nn::Relu::backward(hiddenPre, activeGrad, preGrad);
    hiddenWeightGrad_.noalias() = x.transpose() * preGrad;
    hiddenBiasGrad_ = preGrad.colwise().sum();
}

void MlpBank::zeroGradients()
{
    hiddenWeightGrad_.setZero(hiddenWeight_.rows(), hiddenWeight_.cols());
    hiddenBiasGrad_.setZero(hiddenBias_.rows(), hiddenBias_.cols());
    outputWeightGrad_.setZero(outputWeight_.rows(), outputWeight_.cols());
    outputBiasGrad_.setZero(outputBias_.rows(), outputBias_.cols());
}

std::vector<nn::Parameter> MlpBank::parameters()
{
    return {{&hiddenWeight_, &hiddenWeightGrad_},
            {&hiddenBias_, &hiddenBiasGrad_},
            {&outputWeight_, &outputWeightGrad_},
            {&outputBias_, &outputBiasGrad_}};
}

void MlpBank::copyModel(const MlpBank& other, int m)
{
    hiddenWeight_.middleCols(m * hidden_, hidden_) = other.hiddenWeight_.middleCols(m * hidden_, hidden_);
    hiddenBias_.middleCols(m * hidden_, hidden_) = other.hiddenBias_.middleCols(m * hidden_, hidden_);
    outputWeight_.col(m) = other.outputWeight_.col(m);
    outputBias_(0, m) = other.outputBias_(0, m);
}

MlpBank MlpBank::fromValues(std::vector<Eigen::MatrixXf> values)
{
    if (values.size() != 4)
        throw FormatError("MLP bank needs four parameter matrices");
    MlpBank bank;
    bank.hiddenWeight_ = std::move(values[0]);
    bank.hiddenBias_ = std::move(values[1]);
    bank.outputWeight_ = std::move(values[2]);
    bank.outputBias_ = std::move(values[3]);
    bank.hidden_ = int(bank.outputWeight_.rows());
    const Eigen::Index models = bank.outputWeight_.cols();
    if (bank.hidden_ <= 0 || bank.hiddenWeight_.cols() != models * bank.hidden_ || bank.hiddenBias_.rows() != 1 ||
        bank.hiddenBias_.cols() != models * bank.hidden_ || bank.outputBias_.rows() != 1 ||
        bank.outputBias_.cols() != models)
        throw FormatError("MLP bank shapes do not fit together");
    bank.zeroGradients();
    return bank;
}

} // namespace routescope
