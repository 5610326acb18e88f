#include "routers/matrix_factorization_router.h"

#include "nn/adam.h"
#include "nn/losses.h"
#include "nn/parameter.h"
#include "util/random.h"
#include "routers/minibatches.h"
#include "routers/router_format.h"
#include "util/thread_budget.h"
#include "routers/settings_reader.h"

#include <stdexcept>

namespace routescope {

namespace {
constexpr const char* kMagic = "routescope.mf";
constexpr std::uint32_t kVersion = 1;
} // namespace

MatrixFactorizationRouter::Options MatrixFactorizationRouter::readOptions(const RouterSettings& settings)
{
    const SettingsReader s(settings, "mf", {"dim", "epochs", "lr", "batch", "seed"});
    Options o;
    o.dim = int(s.integer("dim", o.dim, 1));
    o.training = o.training.read(s);
    return o;
}

MatrixFactorizationRouter::MatrixFactorizationRouter(RouterSettings settings)
    : settings_(std::move(settings)), options_(readOptions(settings_))
{
}

void MatrixFactorizationRouter::fit(const TrainingSet& train, const TrainingSet* validation, const JobControl& job)
{
    const MinibatchTraining& o = options_.training;
    const Eigen::Index rows = train.features.rows(), models = train.scores.cols();
    if (rows == 0 || models == 0 || train.scores.rows() != rows)
        throw std::invalid_argument("mf: training set is empty or its parts disagree in shape");
    // One thread: Eigen's threaded products busy-wait on shared cores and change the last bits
    // with the thread count; an experiment trains routers side by side instead.
    const ScopedOpenMpThreads singleThreadedProducts(1);

    Random random(o.seed);
    BilinearScorer scorer(int(train.features.cols()), options_.dim, int(models), random);
    const auto parameters = scorer.parameters();
    nn::Adam adam(parameters, o.learningRate);

    BestEpoch best(o.epochs);
    Eigen::MatrixXf projected, scoreGrad;
    for (int epoch = 1; epoch <= o.epochs; ++epoch) {
        minibatchEpoch(train, o.batch, epoch, o.epochs, random, job, [&](const Eigen::MatrixXf& x, const Eigen::MatrixXf& target) {
            const double loss = nn::meanSquaredError(scorer.forward(x, &projected), target, scoreGrad);
            scorer.backward(x, projected, scoreGrad);
            adam.step();
            return loss;
        });
        if (!validation)
            continue;
        const double error =
            (scorer.forward(validation->features).cast<double>() - validation->scores).array().square().mean();
        best.offer(-error, epoch, parameters);
    }
    best.restore(parameters);
    scorer_ = std::move(scorer);
    keptEpoch_ = best.epoch();
}

Eigen::MatrixXd MatrixFactorizationRouter::predictQuality(const FeatureMatrix& features) const
{
    if (scorer_.models() == 0)
        throw std::logic_error("mf: predict before fit");
    if (features.cols() != scorer_.inputs())
        throw std::invalid_argument("mf: feature width differs from training");
    return scorer_.forward(features).cast<double>();
}

void MatrixFactorizationRouter::save(BinaryWriter& out) const
{
    writeRouterHeader(out, kMagic, kVersion, settings_);
    out.write<std::int32_t>(keptEpoch_);
    for (const auto& value : scorer_.values())
        out.writeMatrix(value);
}

void MatrixFactorizationRouter::load(BinaryReader& in)
{
    RouterSettings settings = readRouterHeader(in, kMagic, kVersion, "a matrix-factorisation router");
    const Options options = savedOptions(readOptions, settings);
    const int keptEpoch = in.read<std::int32_t>();
    std::vector<Eigen::MatrixXf> values(4);
    for (auto& value : values)
        in.readMatrix(value);
    BilinearScorer scorer = BilinearScorer::fromValues(std::move(values));
    settings_ = std::move(settings);
    options_ = options;
    keptEpoch_ = keptEpoch;
    scorer_ = std::move(scorer);
}

} // namespace routescope
