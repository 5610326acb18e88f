#include "routers/contrastive_network.h"

#include "nn/activations.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace routescope {

namespace {

constexpr float kEmbeddingStd = 0.78f;
constexpr float kSmallestNorm = 1e-12f;

// Rows scaled to unit length; norms receives the original lengths (floored to stay finite).
void normaliseRows(const Eigen::MatrixXf& m, Eigen::MatrixXf& unit, Eigen::VectorXf& norms)
{
    norms = m.rowwise().norm().cwiseMax(kSmallestNorm);
    unit = m.array().colwise() / norms.array();
}

// d/dv of u = v / |v| applied to the gradient dU of the unit rows.
Eigen::MatrixXf throughNormalisation(const Eigen::MatrixXf& unit, const Eigen::VectorXf& norms,
                                     const Eigen::MatrixXf& unitGrad)
{
    const Eigen::VectorXf along = (unitGrad.array() * unit.array()).rowwise().sum();
    return (unitGrad - (unit.array().colwise() * along.array()).matrix()).array().colwise() / norms.array();
}

} // namespace

ContrastiveNetwork::ContrastiveNetwork(const ContrastiveShape& shape, Random& random)
    : shape_(shape), first_(shape.inputs, shape.hidden, random), second_(shape.hidden, shape.dim, random),
      embedding_(shape.models, shape.dim), embeddingGrad_(Eigen::MatrixXf::Zero(shape.models, shape.dim))
{
    for (Eigen::Index j = 0; j < embedding_.cols(); ++j)
        for (Eigen::Index i = 0; i < embedding_.rows(); ++i)
            embedding_(i, j) = kEmbeddingStd * float(random.normal());
}

Eigen::MatrixXf ContrastiveNetwork::similarity(const Eigen::Ref<const Eigen::MatrixXf>& x, Activations* keep) const
{
    Activations local;
    Activations& a = keep ? *keep : local;
    first_.forward(x, a.hiddenPre);
    nn::Gelu::forward(a.hiddenPre, a.hidden);
    Eigen::MatrixXf queries;
    second_.forward(a.hidden, queries);
    normaliseRows(queries, a.unitQueries, a.queryNorms);
    normaliseRows(embedding_, a.unitModels, a.modelNorms);
    return a.unitQueries * a.unitModels.transpose();
}

void ContrastiveNetwork::backward(const Eigen::Ref<const Eigen::MatrixXf>& x, const Activations& a,
                                  const Eigen::MatrixXf& similarityGrad)
{
    const Eigen::MatrixXf unitQueryGrad = similarityGrad * a.unitModels;
    const Eigen::MatrixXf unitModelGrad = similarityGrad.transpose() * a.unitQueries;
    embeddingGrad_ = throughNormalisation(a.unitModels, a.modelNorms, unitModelGrad);
    const Eigen::MatrixXf queryGrad = throughNormalisation(a.unitQueries, a.queryNorms, unitQueryGrad);
    Eigen::MatrixXf hiddenGrad, preGrad;
    second_.backward(a.hidden, queryGrad, &hiddenGrad);
    nn::Gelu::backward(a.hiddenPre, hiddenGrad, preGrad);
    first_.backward(x, preGrad, nullptr);
}

std::vector<nn::Parameter> ContrastiveNetwork::parameters()
{
    std::vector<nn::Parameter> all = first_.parameters();
    for (const auto& p : second_.parameters())
        all.push_back(p);
    all.push_back({&embedding_, &embeddingGrad_});
    return all;
}

void ContrastiveNetwork::save(BinaryWriter& out) const
{
    out.write<std::int32_t>(shape_.inputs);
    out.write<std::int32_t>(shape_.hidden);
    out.write<std::int32_t>(shape_.dim);
    out.write<std::int32_t>(shape_.models);
    // parameters() hands out pointers to be written through; saving only reads them.
    nn::saveParameters(out, const_cast<ContrastiveNetwork*>(this)->parameters());
}

void ContrastiveNetwork::load(BinaryReader& in)
{
    ContrastiveShape shape;
    shape.inputs = in.read<std::int32_t>();
    shape.hidden = in.read<std::int32_t>();
    shape.dim = in.read<std::int32_t>();
    shape.models = in.read<std::int32_t>();
    const auto sane = [](int v) { return v > 0 && v <= (1 << 16); };
    const auto small = [](long rows, long cols) { return rows * cols <= (1L << 24); };
    if (!sane(shape.inputs) || !sane(shape.hidden) || !sane(shape.dim) || !sane(shape.models) ||
        !small(shape.inputs, shape.hidden) || !small(shape.hidden, shape.dim) || !small(shape.models, shape.dim))
        throw FormatError("contrastive network size out of range");
    // Initial values are overwritten by the stored ones, each checked against these shapes.
    Random unused(0);
    ContrastiveNetwork network(shape, unused);
    nn::loadParameters(in, network.parameters());
    *this = std::move(network);
}

ContrastiveTargets contrastiveTargets(const Eigen::MatrixXf& scores, int topK, int lastK, Random& random)
{
    ContrastiveTargets targets;
    const Eigen::Index models = scores.cols();
    std::vector<int> order(static_cast<std::size_t>(models));
    std::vector<std::uint64_t> tieBreak(order.size());
    for (Eigen::Index n = 0; n < scores.rows(); ++n) {
        for (auto& key : tieBreak)
            key = random.bits();
        std::iota(order.begin(), order.end(), 0);
        std::sort(order.begin(), order.end(), [&](int i, int j) {
            return scores(n, i) != scores(n, j) ? scores(n, i) > scores(n, j) : tieBreak[i] < tieBreak[j];
        });
        std::vector<int> positives, negatives;
        for (int k = 0; k < std::min<int>(topK, int(models)); ++k)
            if (scores(n, order[std::size_t(k)]) > 0)
                positives.push_back(order[std::size_t(k)]);
        // The worst first: from the end of the best-first order.
        for (int k = int(models) - 1; k >= 0 && int(negatives.size()) < lastK; --k) {
            const int m = order[std::size_t(k)];
            if (std::find(positives.begin(), positives.end(), m) != positives.end())
                break;
            if (scores(n, m) <= 0.5f)
                negatives.push_back(m);
        }
        targets.positives.push_back(std::move(positives));
        targets.negatives.push_back(std::move(negatives));
    }
    return targets;
}

double contrastiveLoss(const Eigen::MatrixXf& logits, const ContrastiveTargets& targets, Eigen::MatrixXf& grad)
{
    grad.setZero(logits.rows(), logits.cols());
    const Eigen::Index rows = logits.rows();
    if (rows == 0)
        return 0;
    double loss = 0;
    for (Eigen::Index n = 0; n < rows; ++n) {
        const auto& negatives = targets.negatives[std::size_t(n)];
        for (const int p : targets.positives[std::size_t(n)]) {
            // Softmax over {p} and the negatives, shifted by their largest logit.
            double top = logits(n, p);
            for (const int k : negatives)
                top = std::max(top, double(logits(n, k)));
            double sum = std::exp(double(logits(n, p)) - top);
            for (const int k : negatives)
                sum += std::exp(double(logits(n, k)) - top);
            loss += -(double(logits(n, p)) - top - std::log(sum));
            grad(n, p) += float((std::exp(double(logits(n, p)) - top) / sum - 1.0) / double(rows));
            for (const int k : negatives)
                grad(n, k) += float(std::exp(double(logits(n, k)) - top) / sum / double(rows));
        }
    }
    return loss / double(rows);
}

} // namespace routescope
