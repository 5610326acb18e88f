#pragma once
// The random baseline: P[n,m] uniform in [0, 1), drawn per (query, model) from a seed, so any
// budget policy picks uniformly among the eligible models.

#include "routers/router.h"

#include <cstdint>

namespace routescope {

class RandomRouter : public Router {
public:
    // Settings: seed (default 0).
    explicit RandomRouter(const RouterSettings& settings = {});

    std::string kind() const override { return "random"; }
    void fit(const TrainingSet& train, const TrainingSet* validation, const JobControl& job) override;
    // The same seed and query count give the same P.
    Eigen::MatrixXd predictQuality(const FeatureMatrix& features) const override;
    void save(BinaryWriter& out) const override;
    void load(BinaryReader& in) override;

private:
    struct Options {
        std::uint64_t seed = 0;
    };
    static Options readOptions(const RouterSettings& settings);

    Options options_;
    Eigen::Index modelCount_ = 0;
};

} // namespace routescope
