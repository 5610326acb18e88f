#pragma once
// Query features cached in the project, keyed by dataset, featurizer and its settings, so a
// dataset is featurized once however many routers are trained on it.

#include "store/project_store.h"

#include <Eigen/Core>

#include <optional>
#include <string>

namespace routescope {

struct FeatureKey {
    std::int64_t datasetId = 0;
    std::string featurizer; // e.g. "tfidf-svd" or "embedding"
    std::string settings;   // the featurizer's stable settings key
};

// Rows follow the dataset's complete queries in import order.
std::optional<Eigen::MatrixXf> loadCachedFeatures(ProjectStore& store, const FeatureKey& key);
void storeCachedFeatures(ProjectStore& store, const FeatureKey& key, const Eigen::MatrixXf& features);

// The imported embedding of each complete query (rows in import order), if the dataset has them.
std::optional<Eigen::MatrixXf> loadEmbeddings(ProjectStore& store, std::int64_t datasetId);

} // namespace routescope
