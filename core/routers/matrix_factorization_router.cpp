#include "routers/matrix_factorization_router.h"

#include "nn/adam.h"
#include "nn/losses.h"
#include "nn/parameter.h"
#include "util/random.h"
#include "routers/minibatches.h"
#include "routers/router_format.h"
#include "routers/settings_reader.h"

#include <limits>
#include <stdexcept>

namespace routescope {

namespace {
constexpr const char* kMagic = "routescope.mf";
constexpr std::uint32_t kVersion = 1;
const std::set<std::string> kKnown{"dim", "epochs", "lr", "batch", "seed"};
} // namespace

MatrixFactorizationRouter::MatrixFactorizationRouter(RouterSettings settings) : settings_(std::move(settings))
{
    const SettingsReader s(settings_, kind(), kKnown);
    s.integer("dim", 128, 1);
    s.integer("epochs", 30, 1);
    s.positive("lr", 1e-3);
    s.integer("batch", 64, 1);
    s.integer("seed", 1, 0);
}

void MatrixFactorizationRouter::fit(const TrainingSet& train, const TrainingSet* validation, const JobControl& job)
{
    const SettingsReader s(settings_, kind(), kKnown);
    const int dim = int(s.integer("dim", 128, 1));
    const int epochs = int(s.integer("epochs", 30, 1));
    const float learningRate = float(s.positive("lr", 1e-3));
    const Eigen::Index batch = s.integer("batch", 64, 1);
    const Eigen::Index rows = train.features.rows(), models = train.scores.cols();
    if (rows == 0 || models == 0 || train.scores.rows() != rows)
        throw std::invalid_argument("mf: training set is empty or its parts disagree in shape");
    Eigen::setNbThreads(2);

    Random random(std::uint64_t(s.integer("seed", 1, 0)));
    BilinearScorer scorer(int(train.features.cols()), dim, int(models), random);
    const auto parameters = scorer.parameters();
    nn::Adam adam(parameters, learningRate);

    double bestError = std::numeric_limits<double>::infinity();
    std::vector<Eigen::MatrixXf> best;
    keptEpoch_ = epochs;
    Eigen::MatrixXf projected, scoreGrad;
    for (int epoch = 1; epoch <= epochs; ++epoch) {
        scoreRegressionEpoch(train, batch, epoch, epochs, random, job, [&](const Eigen::MatrixXf& x, const Eigen::MatrixXf& target) {
            const double loss = nn::meanSquaredError(scorer.forward(x, &projected), target, scoreGrad);
            scorer.backward(x, projected, scoreGrad);
            adam.step();
            return loss;
        });
        if (!validation)
            continue;
        const double error =
            (scorer.forward(validation->features).cast<double>() - validation->scores).array().square().mean();
        if (error < bestError) {
            bestError = error;
            keptEpoch_ = epoch;
            best = nn::snapshot(parameters);
        }
    }
    if (validation)
        nn::restore(parameters, best);
    scorer_ = std::move(scorer);
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
    const int keptEpoch = in.read<std::int32_t>();
    std::vector<Eigen::MatrixXf> values(4);
    for (auto& value : values)
        in.readMatrix(value);
    BilinearScorer scorer = BilinearScorer::fromValues(std::move(values));
    settings_ = std::move(settings);
    keptEpoch_ = keptEpoch;
    scorer_ = std::move(scorer);
}

} // namespace routescope
