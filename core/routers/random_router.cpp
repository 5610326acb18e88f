#include "routers/random_router.h"

#include "routers/settings_reader.h"
#include "util/random.h"

#include <stdexcept>

namespace routescope {

namespace {
constexpr std::uint32_t kFormatVersion = 1;
}

RandomRouter::RandomRouter(const RouterSettings& settings)
    : seed_(static_cast<std::uint64_t>(SettingsReader(settings, "random", {"seed"}).integer("seed", 0, 0)))
{
}

void RandomRouter::fit(const TrainingSet& train, const TrainingSet*, const JobControl& job)
{
    if (train.scores.cols() == 0)
        throw std::invalid_argument("random: no models");
    modelCount_ = train.scores.cols();
    job.report(1.0, "random: ready");
}

Eigen::MatrixXd RandomRouter::predictQuality(const FeatureMatrix& features) const
{
    if (modelCount_ == 0)
        throw std::logic_error("random: predict before fit");
    Random random(seed_);
    Eigen::MatrixXd quality(features.rows(), modelCount_);
    // Row by row: the same numbers on every platform.
    for (Eigen::Index n = 0; n < quality.rows(); ++n)
        for (Eigen::Index m = 0; m < modelCount_; ++m)
            quality(n, m) = random.uniform();
    return quality;
}

void RandomRouter::save(BinaryWriter& out) const
{
    out.write<std::uint32_t>(kFormatVersion);
    out.write<std::uint64_t>(seed_);
    out.write<std::int64_t>(modelCount_);
}

void RandomRouter::load(BinaryReader& in)
{
    if (in.read<std::uint32_t>() != kFormatVersion)
        throw FormatError("random: unknown format version");
    const auto seed = in.read<std::uint64_t>();
    const auto models = in.read<std::int64_t>();
    if (models < 1 || models > (1 << 20))
        throw FormatError("random: bad model count");
    seed_ = seed;
    modelCount_ = models;
}

} // namespace routescope
