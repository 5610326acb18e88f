#include "routers/contrastive_router.h"

#include "nn/adam.h"
#include "routers/router_format.h"
#include "util/thread_budget.h"
#include "routers/settings_reader.h"

#include <stdexcept>

namespace routescope {

namespace {

constexpr const char* kMagic = "routescope.contrastive";
constexpr std::uint32_t kVersion = 1;

// Mean true score of each query's most similar model (RouterDC's validation criterion).
double topChoiceScore(const Eigen::MatrixXf& similarity, const Eigen::MatrixXd& scores)
{
    double total = 0;
    for (Eigen::Index n = 0; n < similarity.rows(); ++n) {
        Eigen::Index best = 0;
        similarity.row(n).maxCoeff(&best);
        total += scores(n, best);
    }
    return total / double(std::max<Eigen::Index>(1, similarity.rows()));
}

} // namespace

ContrastiveRouter::Options ContrastiveRouter::readOptions(const RouterSettings& settings)
{
    const SettingsReader s(settings, "contrastive",
                           {"top_k", "last_k", "temperature", "hidden", "dim", "epochs", "lr", "batch", "seed"});
    Options o;
    o.topK = int(s.integer("top_k", o.topK, 1));
    o.lastK = int(s.integer("last_k", o.lastK, 1));
    o.temperature = float(s.positive("temperature", o.temperature));
    o.hidden = int(s.integer("hidden", o.hidden, 1));
    o.dim = int(s.integer("dim", o.dim, 1));
    o.training = o.training.read(s);
    return o;
}

ContrastiveRouter::ContrastiveRouter(RouterSettings settings)
    : settings_(std::move(settings)), options_(readOptions(settings_))
{
}

void ContrastiveRouter::fit(const TrainingSet& train, const TrainingSet* validation, const JobControl& job)
{
    const Options& o = options_;
    const Eigen::Index rows = train.features.rows(), models = train.scores.cols();
    if (rows == 0 || models == 0 || train.scores.rows() != rows)
        throw std::invalid_argument("contrastive: training set is empty or its parts disagree in shape");
    if (validation && (validation->features.cols() != train.features.cols() || validation->scores.cols() != models))
        throw std::invalid_argument("contrastive: validation set does not match the training set");
    const bool select = validation && validation->features.rows() > 0;
    // One thread: Eigen's threaded products busy-wait on shared cores and change the last bits
    // with the thread count; an experiment trains routers side by side instead.
    const ScopedOpenMpThreads singleThreadedProducts(1);

    const MinibatchTraining& t = o.training;
    Random random(t.seed);
    ContrastiveNetwork network({int(train.features.cols()), o.hidden, o.dim, int(models)}, random);
    const auto parameters = network.parameters();
    nn::Adam adam(parameters, t.learningRate);
    BestEpoch best(t.epochs);

    ContrastiveNetwork::Activations activations;
    Eigen::MatrixXf logitGrad;
    for (int epoch = 1; epoch <= t.epochs; ++epoch) {
        minibatchEpoch(train, t.batch, epoch, t.epochs, random, job, [&](const Eigen::MatrixXf& x, const Eigen::MatrixXf& scores) {
            const ContrastiveTargets targets = contrastiveTargets(scores, o.topK, o.lastK, random);
            const Eigen::MatrixXf logits = network.similarity(x, &activations) / o.temperature;
            const double loss = contrastiveLoss(logits, targets, logitGrad);
            network.backward(x, activations, logitGrad / o.temperature);
            adam.step();
            return loss;
        });
        if (!select)
            continue;
        best.offer(topChoiceScore(network.similarity(validation->features), validation->scores), epoch, parameters);
    }
    best.restore(parameters);
    network_ = std::move(network);
    keptEpoch_ = best.epoch();
}

Eigen::MatrixXd ContrastiveRouter::predictQuality(const FeatureMatrix& features) const
{
    if (network_.shape().models == 0)
        throw std::logic_error("contrastive: predict before fit");
    if (features.cols() != network_.shape().inputs)
        throw std::invalid_argument("contrastive: feature width differs from training");
    const Eigen::MatrixXd logits = (network_.similarity(features) / options_.temperature).cast<double>();
    // Softmax per query, shifted by the row maximum.
    Eigen::MatrixXd p = (logits.colwise() - logits.rowwise().maxCoeff()).array().exp();
    return p.array().colwise() / p.rowwise().sum().array();
}

void ContrastiveRouter::save(BinaryWriter& out) const
{
    writeRouterHeader(out, kMagic, kVersion, settings_);
    out.write<std::int32_t>(keptEpoch_);
    network_.save(out);
}

void ContrastiveRouter::load(BinaryReader& in)
{
    RouterSettings settings = readRouterHeader(in, kMagic, kVersion, "a contrastive router");
    const Options options = savedOptions(readOptions, settings);
    const int kept = in.read<std::int32_t>();
    ContrastiveNetwork network;
    network.load(in);
    settings_ = std::move(settings);
    options_ = options;
    network_ = std::move(network);
    keptEpoch_ = kept;
}

} // namespace routescope
