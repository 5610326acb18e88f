#include "routers/mlp_router.h"

#include "nn/adam.h"
#include "nn/losses.h"
#include "util/random.h"
#include "routers/minibatches.h"
#include "routers/router_format.h"
#include "util/thread_budget.h"
#include "routers/settings_reader.h"

#include <limits>
#include <stdexcept>

namespace routescope {

namespace {
constexpr const char* kMagic = "routescope.mlp";
constexpr std::uint32_t kVersion = 1;
} // namespace

MlpRouter::Options MlpRouter::readOptions(const RouterSettings& settings)
{
    const SettingsReader s(settings, "mlp", {"hidden", "epochs", "lr", "batch", "seed"});
    Options o;
    o.hidden = int(s.integer("hidden", o.hidden, 1));
    o.training = o.training.read(s);
    return o;
}

MlpRouter::MlpRouter(RouterSettings settings) : settings_(std::move(settings)), options_(readOptions(settings_)) {}

void MlpRouter::fit(const TrainingSet& train, const TrainingSet* validation, const JobControl& job)
{
    const MinibatchTraining& o = options_.training;
    const Eigen::Index rows = train.features.rows(), models = train.scores.cols();
    if (rows == 0 || models == 0 || train.scores.rows() != rows)
        throw std::invalid_argument("mlp: training set is empty or its parts disagree in shape");
    // The models' products run side by side (mlp_bank.h), each single-threaded.
    const int threads = threadsFor(job);
    const ScopedOpenMpThreads singleThreadedProducts(1);

    Random random(o.seed);
    MlpBank bank(int(train.features.cols()), options_.hidden, int(models), random);
    nn::Adam adam(bank.parameters(), o.learningRate);
    // Early stopping keeps each model's own best epoch.
    MlpBank best = bank;
    Eigen::RowVectorXd bestError = Eigen::RowVectorXd::Constant(models, std::numeric_limits<double>::infinity());
    std::vector<int> kept(std::size_t(models), o.epochs);

    Eigen::MatrixXf pre, scoreGrad;
    for (int epoch = 1; epoch <= o.epochs; ++epoch) {
        minibatchEpoch(train, o.batch, epoch, o.epochs, random, job, [&](const Eigen::MatrixXf& x, const Eigen::MatrixXf& target) {
            const double loss = nn::meanSquaredError(bank.forward(x, &pre, threads), target, scoreGrad);
            bank.backward(x, pre, scoreGrad, threads);
            adam.step();
            return loss;
        });
        if (!validation)
            continue;
        const Eigen::RowVectorXd error =
            (bank.forward(validation->features, nullptr, threads).cast<double>() - validation->scores).array().square().colwise().mean();
        for (Eigen::Index m = 0; m < models; ++m)
            if (error(m) < bestError(m)) {
                bestError(m) = error(m);
                kept[std::size_t(m)] = epoch;
                best.copyModel(bank, int(m));
            }
    }
    bank_ = validation ? std::move(best) : std::move(bank);
    keptEpochs_ = std::move(kept);
}

Eigen::MatrixXd MlpRouter::predictQuality(const FeatureMatrix& features) const
{
    if (bank_.models() == 0)
        throw std::logic_error("mlp: predict before fit");
    if (features.cols() != bank_.inputs())
        throw std::invalid_argument("mlp: feature width differs from training");
    return bank_.forward(features).cast<double>();
}

void MlpRouter::save(BinaryWriter& out) const
{
    writeRouterHeader(out, kMagic, kVersion, settings_);
    out.write<std::uint64_t>(keptEpochs_.size());
    for (int epoch : keptEpochs_)
        out.write<std::int32_t>(epoch);
    for (const auto& value : bank_.values())
        out.writeMatrix(value);
}

void MlpRouter::load(BinaryReader& in)
{
    RouterSettings settings = readRouterHeader(in, kMagic, kVersion, "an MLP router");
    const Options options = savedOptions(readOptions, settings);
    const auto keptCount = in.read<std::uint64_t>();
    if (keptCount > (1u << 20))
        throw FormatError("MLP router model count out of range");
    std::vector<int> kept(keptCount);
    for (auto& epoch : kept)
        epoch = in.read<std::int32_t>();
    std::vector<Eigen::MatrixXf> values(4);
    for (auto& value : values)
        in.readMatrix(value);
    MlpBank bank = MlpBank::fromValues(std::move(values));
    if (std::size_t(bank.models()) != kept.size())
        throw FormatError("MLP router model count does not match");
    settings_ = std::move(settings);
    options_ = options;
    bank_ = std::move(bank);
    keptEpochs_ = std::move(kept);
}

} // namespace routescope
