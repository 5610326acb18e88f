#pragma once
// Random data of RouterBench's shape for timing routers: L2-normalised 384-d features, 11 models
// of rising strength and price, and a latent difficulty read off the features, so that correct
// answers tie often at the top as on RouterBench. Only for timing: nothing is learned from it.

#include "data/feature_matrix.h"
#include "util/random.h"

#include <Eigen/Core>

#include <cmath>

namespace routescope::bench {

struct RouterBenchSizedData {
    FeatureMatrix features;
    Eigen::MatrixXd scores, costs;
};

inline RouterBenchSizedData routerBenchSizedData(Eigen::Index queries, std::uint64_t seed = 2024)
{
    constexpr Eigen::Index kFeatures = 384, kModels = 11;
    Random random(seed);
    RouterBenchSizedData data{FeatureMatrix(queries, kFeatures), Eigen::MatrixXd(queries, kModels),
                              Eigen::MatrixXd(queries, kModels)};
    for (Eigen::Index j = 0; j < kFeatures; ++j)
        for (Eigen::Index i = 0; i < queries; ++i)
            data.features(i, j) = float(random.normal());
    data.features.rowwise().normalize();
    for (Eigen::Index n = 0; n < queries; ++n) {
        const double difficulty = 8.0 * double(data.features(n, 0) + data.features(n, 1));
        for (Eigen::Index m = 0; m < kModels; ++m) {
            const double strength = -1.0 + 0.3 * double(m);
            const double chance = 1.0 / (1.0 + std::exp(-(strength - difficulty)));
            data.scores(n, m) = random.uniform() < chance ? 1.0 : 0.0;
            data.costs(n, m) = 1e-5 * std::pow(1.6, double(m)) * (0.9 + 0.2 * random.uniform());
        }
    }
    return data;
}

} // namespace routescope::bench
