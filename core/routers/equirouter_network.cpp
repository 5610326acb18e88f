#include "routers/equirouter_network.h"

#include "nn/activations.h"

#include <algorithm>
#include <stdexcept>

namespace routescope {

using Eigen::Index;
using Eigen::MatrixXf;

EquiRouterNetwork::EquiRouterNetwork(const EquiRouterShape& shape, nn::Random& random) : shape_(shape)
{
    if (shape.inputs <= 0 || shape.models <= 0 || shape.trunk.empty() || shape.embedding <= 0 || shape.head <= 0)
        throw std::invalid_argument("EquiRouter network needs positive sizes");
    int width = shape.inputs;
    for (int next : shape.trunk) {
        if (next <= 0)
            throw std::invalid_argument("EquiRouter trunk widths must be positive");
        trunk_.emplace_back(width, next, random);
        trunkNorm_.emplace_back(next);
        width = next;
    }
    embedding_.resize(shape.models, shape.embedding);
    for (Index j = 0; j < embedding_.cols(); ++j)
        for (Index i = 0; i < embedding_.rows(); ++i)
            embedding_(i, j) = float(0.02 * random.normal());
    embeddingGrad_ = MatrixXf::Zero(shape.models, shape.embedding);
    film_ = nn::Linear(shape.embedding, 2 * width, random);
    probe_ = nn::Linear(shape.embedding, width, random);
    headIn_ = nn::Linear(4 * width, shape.head, random);
    headNorm_ = nn::LayerNorm(shape.head);
    headOut_ = nn::Linear(shape.head, 1, random);
}

std::vector<nn::Parameter> EquiRouterNetwork::parameters()
{
    std::vector<nn::Parameter> all;
    const auto add = [&all](std::vector<nn::Parameter> more) { all.insert(all.end(), more.begin(), more.end()); };
    for (std::size_t l = 0; l < trunk_.size(); ++l) {
        add(trunk_[l].parameters());
        add(trunkNorm_[l].parameters());
    }
    all.push_back({&embedding_, &embeddingGrad_});
    add(film_.parameters());
    add(probe_.parameters());
    add(headIn_.parameters());
    add(headNorm_.parameters());
    add(headOut_.parameters());
    return all;
}

void EquiRouterNetwork::save(BinaryWriter& out) const
{
    // parameters() hands out writable pointers; saving only reads through them.
    nn::saveParameters(out, const_cast<EquiRouterNetwork*>(this)->parameters());
}

void EquiRouterNetwork::load(BinaryReader& in)
{
    nn::loadParameters(in, parameters());
}

Eigen::Map<const MatrixXf> EquiRouterNetwork::forward(const Eigen::Ref<const MatrixXf>& x, Activations& a) const
{
    const Index batch = x.rows();
    const Index models = shape_.models;
    const Index w = shape_.trunk.back();
    const std::size_t layers = trunk_.size();
    a.trunkPre.resize(layers);
    a.trunkOut.resize(layers);
    a.trunkNorm.resize(layers);

    a.input = x;
    for (std::size_t l = 0; l < layers; ++l) {
        trunk_[l].forward(l == 0 ? a.input : a.trunkOut[l - 1], a.trunkPre[l]);
        nn::Gelu::forward(a.trunkPre[l], a.scratch);
        trunkNorm_[l].forward(a.scratch, a.trunkNorm[l], a.trunkOut[l]);
    }
    const MatrixXf& z = a.trunkOut.back();

    film_.forward(embedding_, a.film);
    probe_.forward(embedding_, a.probe);

    a.joint.resize(batch * models, 3 * w);
    for (Index m = 0; m < models; ++m) {
        const auto gamma = a.film.row(m).head(w).array();
        const auto beta = a.film.row(m).tail(w).array();
        const auto p = a.probe.row(m).array();
        auto zm = a.joint.block(m * batch, 0, batch, w);
        zm.array() = (z.array().rowwise() * gamma).rowwise() + beta;
        a.joint.block(m * batch, w, batch, w).array() = zm.array().rowwise() * p;
        a.joint.block(m * batch, 2 * w, batch, w).array() = (zm.array().rowwise() - p).abs();
    }

    // Factored first head layer: the p_m part once per model, the rest as one product.
    const auto& weight = headIn_.weight();
    const MatrixXf probeTerm = (a.probe * weight.bottomRows(w)).rowwise() + headIn_.bias().row(0);
    a.headPre.resize(batch * models, shape_.head);
    a.headPre.noalias() = a.joint * weight.topRows(3 * w);
    for (Index m = 0; m < models; ++m)
        a.headPre.middleRows(m * batch, batch).rowwise() += probeTerm.row(m);
    nn::Gelu::forward(a.headPre, a.scratch);
    headNorm_.forward(a.scratch, a.headNorm, a.headOut);
    headOut_.forward(a.headOut, a.stackedScore);
    return Eigen::Map<const MatrixXf>(a.stackedScore.data(), batch, models);
}

void EquiRouterNetwork::backward(Activations& a, const MatrixXf& scoreGrad)
{
    const Index batch = a.input.rows();
    const Index models = shape_.models;
    const Index w = shape_.trunk.back();

    // Head, from the score back to the joint features.
    const Eigen::Map<const MatrixXf> stackedGrad(scoreGrad.data(), batch * models, 1);
    headOut_.backward(a.headOut, stackedGrad, &a.headGrad);
    headNorm_.backward(a.headNorm, a.headGrad, a.scratchGrad);
    nn::Gelu::backward(a.headPre, a.scratchGrad, a.headGrad);

    const auto& weight = headIn_.weight();
    auto& weightGrad = headIn_.weightGrad();
    MatrixXf perModel(models, shape_.head); // summed over each model's rows
    for (Index m = 0; m < models; ++m)
        perModel.row(m) = a.headGrad.middleRows(m * batch, batch).colwise().sum();
    weightGrad.topRows(3 * w).noalias() = a.joint.transpose() * a.headGrad;
    weightGrad.bottomRows(w).noalias() = a.probe.transpose() * perModel;
    headIn_.biasGrad() = perModel.colwise().sum();
    a.jointGrad.resize(batch * models, 3 * w);
    a.jointGrad.noalias() = a.headGrad * weight.topRows(3 * w).transpose();
    MatrixXf probeGrad = perModel * weight.bottomRows(w).transpose();

    // Joint features back to z, gamma_m, beta_m and p_m.
    const MatrixXf& z = a.trunkOut.back();
    MatrixXf zGrad = MatrixXf::Zero(batch, w);
    MatrixXf filmGrad(models, 2 * w);
    MatrixXf zmGrad(batch, w);
    for (Index m = 0; m < models; ++m) {
        const auto gamma = a.film.row(m).head(w).array();
        const auto p = a.probe.row(m).array();
        const auto zm = a.joint.block(m * batch, 0, batch, w).array();
        const auto productGrad = a.jointGrad.block(m * batch, w, batch, w).array();
        const auto distanceGrad = a.jointGrad.block(m * batch, 2 * w, batch, w).array();
        // d|u|/du = sign(u), 0 at 0 as in PyTorch.
        a.scratch = (zm.rowwise() - p).sign().matrix();
        const auto sign = a.scratch.array();
        zmGrad.array() = a.jointGrad.block(m * batch, 0, batch, w).array() + productGrad.rowwise() * p +
            distanceGrad * sign;
        probeGrad.row(m) += ((productGrad * zm) - (distanceGrad * sign)).matrix().colwise().sum();
        filmGrad.row(m).head(w) = (zmGrad.array() * z.array()).matrix().colwise().sum();
        filmGrad.row(m).tail(w) = zmGrad.colwise().sum();
        zGrad.array() += zmGrad.array().rowwise() * gamma;
    }
    MatrixXf embeddingGrad;
    film_.backward(embedding_, filmGrad, &embeddingGrad);
    embeddingGrad_ = embeddingGrad;
    probe_.backward(embedding_, probeGrad, &embeddingGrad);
    embeddingGrad_ += embeddingGrad;

    // Trunk.
    MatrixXf& grad = zGrad;
    for (std::size_t l = trunk_.size(); l-- > 0;) {
        trunkNorm_[l].backward(a.trunkNorm[l], grad, a.scratchGrad);
        nn::Gelu::backward(a.trunkPre[l], a.scratchGrad, a.scratch);
        trunk_[l].backward(l == 0 ? a.input : a.trunkOut[l - 1], a.scratch, l == 0 ? nullptr : &grad);
    }
}

Eigen::MatrixXf EquiRouterNetwork::predict(const MatrixXf& x) const
{
    constexpr Index kBatch = 512;
    MatrixXf scores(x.rows(), shape_.models);
    Activations a;
    for (Index start = 0; start < x.rows(); start += kBatch) {
        const Index rows = std::min(kBatch, x.rows() - start);
        scores.middleRows(start, rows) = forward(x.middleRows(start, rows), a);
    }
    return scores;
}

} // namespace routescope
