#include "routers/mlp_bank.h"

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

Eigen::MatrixXf MlpBank::forward(const Eigen::Ref<const Eigen::MatrixXf>& x, Eigen::MatrixXf* hiddenPre, int threads) const
{
    Eigen::MatrixXf pre(x.rows(), hiddenWeight_.cols());
    Eigen::MatrixXf scores(x.rows(), models());
#pragma omp parallel for num_threads(threads) schedule(dynamic, 1) if (threads > 1)
    for (Eigen::Index m = 0; m < models(); ++m) {
        auto modelPre = pre.middleCols(m * hidden_, hidden_);
        modelPre.noalias() = x * hiddenWeight_.middleCols(m * hidden_, hidden_);
        modelPre.rowwise() += hiddenBias_.row(0).segment(m * hidden_, hidden_);
        scores.col(m).noalias() = modelPre.cwiseMax(0.0f) * outputWeight_.col(m);
        scores.col(m).array() += outputBias_(0, m);
    }
    if (hiddenPre)
        *hiddenPre = std::move(pre);
    return scores;
}

void MlpBank::backward(const Eigen::Ref<const Eigen::MatrixXf>& x, const Eigen::MatrixXf& hiddenPre,
                       const Eigen::MatrixXf& scoreGrad, int threads)
{
    outputWeightGrad_.resize(hidden_, models());
    outputBiasGrad_ = scoreGrad.colwise().sum();
    hiddenWeightGrad_.resize(x.cols(), hiddenPre.cols());
    hiddenBiasGrad_.resize(1, hiddenPre.cols());
#pragma omp parallel for num_threads(threads) schedule(dynamic, 1) if (threads > 1)
    for (Eigen::Index m = 0; m < models(); ++m) {
        const auto modelPre = hiddenPre.middleCols(m * hidden_, hidden_);
        outputWeightGrad_.col(m).noalias() = modelPre.cwiseMax(0.0f).transpose() * scoreGrad.col(m);
        // dL/dpre: the output weights spread over the rows, where the unit was active.
        const Eigen::MatrixXf preGrad =
            (modelPre.array() > 0.0f).select(scoreGrad.col(m) * outputWeight_.col(m).transpose(), 0.0f);
        hiddenWeightGrad_.middleCols(m * hidden_, hidden_).noalias() = x.transpose() * preGrad;
        hiddenBiasGrad_.middleCols(m * hidden_, hidden_) = preGrad.colwise().sum();
    }
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
