#include "routers/equirouter_network.h"

#include "nn/activations.h"

#include <algorithm>
#include <stdexcept>

namespace routescope {

using Eigen::Index;
using Eigen::MatrixXf;

EquiRouterNetwork::EquiRouterNetwork(const EquiRouterShape& shape, Random& random) : shape_(shape)
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
    const Index h = shape_.head;
    const auto& weight = headIn_.weight();
    const auto w1 = weight.middleRows(0, w), w3 = weight.middleRows(w, w), w4 = weight.middleRows(2 * w, w),
               w2 = weight.middleRows(3 * w, w);
    const auto gammas = a.film.leftCols(w), betas = a.film.rightCols(w);

    // Per model: A_m, and the query-independent row beta_m W1 + (p_m * beta_m) W3 + p_m W2 + b.
    a.mixing.resize(w, models * h);
    for (Index m = 0; m < models; ++m) {
        const Eigen::VectorXf gamma = gammas.row(m).transpose();
        const Eigen::VectorXf probeGamma = a.probe.row(m).transpose().cwiseProduct(gamma);
        for (Index o = 0; o < h; ++o)
            a.mixing.col(m * h + o) = w1.col(o).cwiseProduct(gamma) + w3.col(o).cwiseProduct(probeGamma);
    }
    MatrixXf constant = (a.probe * w2).rowwise() + headIn_.bias().row(0);
    constant.noalias() += betas * w1;
    constant.noalias() += betas.cwiseProduct(a.probe) * w3;

    a.offset.resize(batch * models, w);
    for (Index m = 0; m < models; ++m)
        a.offset.middleRows(m * batch, batch).array() =
            (z.array().rowwise() * gammas.row(m).array()).rowwise() + (betas.row(m) - a.probe.row(m)).array();
    a.distance = a.offset.cwiseAbs();

    a.headPre.resize(batch * models, h);
    a.headPre.noalias() = a.distance * w4;
    for (Index m = 0; m < models; ++m) {
        auto rows = a.headPre.middleRows(m * batch, batch);
        rows.noalias() += z * a.mixing.middleCols(m * h, h);
        rows.rowwise() += constant.row(m);
    }
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

    // Head, from the score back to the first head layer.
    const Eigen::Map<const MatrixXf> stackedGrad(scoreGrad.data(), batch * models, 1);
    headOut_.backward(a.headOut, stackedGrad, &a.headGrad);
    headNorm_.backward(a.headNorm, a.headGrad, a.scratchGrad);
    nn::Gelu::backward(a.headPre, a.scratchGrad, a.headGrad);

    const Index h = shape_.head;
    const auto& weight = headIn_.weight();
    const auto w1 = weight.middleRows(0, w), w3 = weight.middleRows(w, w), w4 = weight.middleRows(2 * w, w),
               w2 = weight.middleRows(3 * w, w);
    auto& weightGrad = headIn_.weightGrad();
    auto dW1 = weightGrad.middleRows(0, w), dW3 = weightGrad.middleRows(w, w), dW4 = weightGrad.middleRows(2 * w, w),
         dW2 = weightGrad.middleRows(3 * w, w);
    const auto gammas = a.film.leftCols(w), betas = a.film.rightCols(w);
    const MatrixXf& z = a.trunkOut.back();

    // Query-independent row of each model: summed over its rows.
    MatrixXf perModel(models, h);
    for (Index m = 0; m < models; ++m)
        perModel.row(m) = a.headGrad.middleRows(m * batch, batch).colwise().sum();
    const MatrixXf probeBeta = betas.cwiseProduct(a.probe);
    dW1.noalias() = betas.transpose() * perModel;
    dW3.noalias() = probeBeta.transpose() * perModel;
    dW2.noalias() = a.probe.transpose() * perModel;
    headIn_.biasGrad() = perModel.colwise().sum();
    const MatrixXf throughW1 = perModel * w1.transpose(), throughW3 = perModel * w3.transpose();
    MatrixXf probeGrad = perModel * w2.transpose() + betas.cwiseProduct(throughW3);
    MatrixXf filmGrad(models, 2 * w);
    filmGrad.rightCols(w) = throughW1 + a.probe.cwiseProduct(throughW3);

    // Distance block.
    dW4.noalias() = a.distance.transpose() * a.headGrad;
    a.distanceGrad.resize(batch * models, w);
    a.distanceGrad.noalias() = a.headGrad * w4.transpose();

    // A_m block: dA_m = z^T dPre_m, dz = sum_m dPre_m A_m^T, then A_m's own parameters.
    a.mixingGrad.resize(w, models * h);
    MatrixXf zGrad = MatrixXf::Zero(batch, w);
    for (Index m = 0; m < models; ++m) {
        const auto rowsGrad = a.headGrad.middleRows(m * batch, batch);
        a.mixingGrad.middleCols(m * h, h).noalias() = z.transpose() * rowsGrad;
        zGrad.noalias() += rowsGrad * a.mixing.middleCols(m * h, h).transpose();
    }
    Eigen::VectorXf alongW1(w), alongW3(w);
    for (Index m = 0; m < models; ++m) {
        const Eigen::VectorXf gamma = gammas.row(m).transpose();
        const Eigen::VectorXf probeGamma = a.probe.row(m).transpose().cwiseProduct(gamma);
        alongW1.setZero();
        alongW3.setZero();
        // One pass over dA_m: both weight gradients and the sums that give gamma_m's and p_m's.
        for (Index o = 0; o < h; ++o) {
            const auto d = a.mixingGrad.col(m * h + o);
            dW1.col(o) += d.cwiseProduct(gamma);
            dW3.col(o) += d.cwiseProduct(probeGamma);
            alongW1 += d.cwiseProduct(w1.col(o));
            alongW3 += d.cwiseProduct(w3.col(o));
        }
        filmGrad.row(m).head(w) = (alongW1 + a.probe.row(m).transpose().cwiseProduct(alongW3)).transpose();
        probeGrad.row(m) += gamma.cwiseProduct(alongW3).transpose();
    }

    // |z_m - p_m| back to z, gamma_m, beta_m and p_m; d|u|/du = sign(u), 0 at 0 as in PyTorch.
    MatrixXf offsetGrad(batch, w);
    for (Index m = 0; m < models; ++m) {
        offsetGrad.array() = a.distanceGrad.middleRows(m * batch, batch).array() *
            a.offset.middleRows(m * batch, batch).array().sign();
        const Eigen::RowVectorXf summed = offsetGrad.colwise().sum();
        filmGrad.row(m).head(w) += (offsetGrad.array() * z.array()).matrix().colwise().sum();
        filmGrad.row(m).tail(w) += summed;
        probeGrad.row(m) -= summed;
        zGrad.array() += offsetGrad.array().rowwise() * gammas.row(m).array();
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
    const Index chunks = (x.rows() + kBatch - 1) / kBatch;
    // Chunks in parallel; Eigen's products inside a parallel region run single-threaded.
#pragma omp parallel for schedule(static) if (chunks > 1)
    for (Index chunk = 0; chunk < chunks; ++chunk) {
        Activations a;
        const Index start = chunk * kBatch, rows = std::min(kBatch, x.rows() - start);
        scores.middleRows(start, rows) = forward(x.middleRows(start, rows), a);
    }
    return scores;
}

} // namespace routescope
