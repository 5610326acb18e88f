#include "routers/bilinear_scorer.h"

#include "nn/linear.h"
#include "util/binary_io.h"

namespace routescope {

BilinearScorer::BilinearScorer(int inputs, int dim, int models, Random& random)
    : projection_(inputs, dim), embedding_(models, dim), classifier_(dim, 1), bias_(Eigen::MatrixXf::Zero(1, models))
{
    nn::xavierUniform(projection_, inputs, dim, random);
    for (Eigen::Index j = 0; j < dim; ++j)
        for (Eigen::Index i = 0; i < models; ++i)
            embedding_(i, j) = float(random.normal());
    nn::xavierUniform(classifier_, dim, 1, random);
    zeroGradients();
}

Eigen::MatrixXf BilinearScorer::combined() const
{
    return (embedding_.transpose().array().colwise() * classifier_.col(0).array()).matrix();
}

Eigen::MatrixXf BilinearScorer::forward(const Eigen::Ref<const Eigen::MatrixXf>& x, Eigen::MatrixXf* projected) const
{
    Eigen::MatrixXf xw = x * projection_;
    Eigen::MatrixXf scores = xw * combined();
    scores.rowwise() += bias_.row(0);
    if (projected)
        *projected = std::move(xw);
    return scores;
}

void BilinearScorer::backward(const Eigen::Ref<const Eigen::MatrixXf>& x, const Eigen::MatrixXf& projected,
                              const Eigen::MatrixXf& scoreGrad)
{
    const Eigen::MatrixXf combinedGrad = projected.transpose() * scoreGrad; // dim x models
    embeddingGrad_ = (combinedGrad.array().colwise() * classifier_.col(0).array()).matrix().transpose();
    classifierGrad_ = (combinedGrad.array() * embedding_.transpose().array()).rowwise().sum().matrix();
    biasGrad_ = scoreGrad.colwise().sum();
    const Eigen::MatrixXf projectedGrad = scoreGrad * combined().transpose();
    projectionGrad_.noalias() = x.transpose() * projectedGrad;
}

void BilinearScorer::zeroGradients()
{
    projectionGrad_.setZero(projection_.rows(), projection_.cols());
    embeddingGrad_.setZero(embedding_.rows(), embedding_.cols());
    classifierGrad_.setZero(classifier_.rows(), classifier_.cols());
    biasGrad_.setZero(bias_.rows(), bias_.cols());
}

std::vector<nn::Parameter> BilinearScorer::parameters()
{
    return {{&projection_, &projectionGrad_},
            {&embedding_, &embeddingGrad_},
            {&classifier_, &classifierGrad_},
            {&bias_, &biasGrad_}};
}

BilinearScorer BilinearScorer::fromValues(std::vector<Eigen::MatrixXf> values)
{
    if (values.size() != 4)
        throw FormatError("bilinear scorer needs four parameter matrices");
    BilinearScorer scorer;
    scorer.projection_ = std::move(values[0]);
    scorer.embedding_ = std::move(values[1]);
    scorer.classifier_ = std::move(values[2]);
    scorer.bias_ = std::move(values[3]);
    const Eigen::Index dim = scorer.projection_.cols();
    if (scorer.embedding_.cols() != dim || scorer.classifier_.rows() != dim || scorer.classifier_.cols() != 1 ||
        scorer.bias_.rows() != 1 || scorer.bias_.cols() != scorer.embedding_.rows())
        throw FormatError("bilinear scorer shapes do not fit together");
    scorer.zeroGradients();
    return scorer;
}

} // namespace routescope
