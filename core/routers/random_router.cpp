#include "routers/random_router.h"

#include "routers/settings_reader.h"
#include "util/random.h"

#include <stdexcept>

namespace routescope {

namespace {
constexpr std::uint32_t kFormatVersion = 1;
}

RandomRouter::Options RandomRouter::readOptions(const RouterSettings& settings)
{
    const SettingsReader s(settings, "random", {"seed"});
    Options o;
    o.seed = std::uint64_t(s.integer("seed", long(o.seed), 0));
    return o;
}

RandomRouter::RandomRouter(const RouterSettings& settings) : options_(readOptions(settings)) {}

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
    Random random(options_.seed);
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
    out.write<std::uint64_t>(options_.seed);
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
    options_.seed = seed;
    modelCount_ = models;
}

} // namespace routescope
