#include "routers/mlp_router.h"

#include "nn/adam.h"
#include "nn/losses.h"
#include "util/random.h"
#include "routers/minibatches.h"
#include "routers/router_format.h"
#include "routers/settings_reader.h"

#include <limits>
#include <stdexcept>

namespace routescope {

namespace {
constexpr const char* kMagic = "routescope.mlp";
constexpr std::uint32_t kVersion = 1;
const std::set<std::string> kKnown{"hidden", "epochs", "lr", "batch", "seed"};
} // namespace

MlpRouter::MlpRouter(RouterSettings settings) : settings_(std::move(settings))
{
    const SettingsReader s(settings_, kind(), kKnown);
    s.integer("hidden", 100, 1);
    s.integer("epochs", 30, 1);
    s.positive("lr", 1e-3);
    s.integer("batch", 64, 1);
    s.integer("seed", 1, 0);
}

void MlpRouter::fit(const TrainingSet& train, const TrainingSet* validation, const JobControl& job)
{
    const SettingsReader s(settings_, kind(), kKnown);
    const int hidden = int(s.integer("hidden", 100, 1));
    const int epochs = int(s.integer("epochs", 30, 1));
    const float learningRate = float(s.positive("lr", 1e-3));
    const Eigen::Index batch = s.integer("batch", 64, 1);
    const Eigen::Index rows = train.features.rows(), models = train.scores.cols();
    if (rows == 0 || models == 0 || train.scores.rows() != rows)
        throw std::invalid_argument("mlp: training set is empty or its parts disagree in shape");
    Eigen::setNbThreads(2);

    Random random(std::uint64_t(s.integer("seed", 1, 0)));
    MlpBank bank(int(train.features.cols()), hidden, int(models), random);
    nn::Adam adam(bank.parameters(), learningRate);
    // Early stopping keeps each model's own best epoch.
    MlpBank best = bank;
    Eigen::RowVectorXd bestError = Eigen::RowVectorXd::Constant(models, std::numeric_limits<double>::infinity());
    std::vector<int> kept(std::size_t(models), epochs);

    Eigen::MatrixXf pre, scoreGrad;
    for (int epoch = 1; epoch <= epochs; ++epoch) {
        scoreRegressionEpoch(train, batch, epoch, epochs, random, job, [&](const Eigen::MatrixXf& x, const Eigen::MatrixXf& target) {
            const double loss = nn::meanSquaredError(bank.forward(x, &pre), target, scoreGrad);
            bank.backward(x, pre, scoreGrad);
            adam.step();
            return loss;
        });
        if (!validation)
            continue;
        const Eigen::RowVectorXd error =
            (bank.forward(validation->features).cast<double>() - validation->scores).array().square().colwise().mean();
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
    bank_ = std::move(bank);
    keptEpochs_ = std::move(kept);
}

} // namespace routescope
