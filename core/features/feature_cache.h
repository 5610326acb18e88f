#pragma once
// Text features kept in the project: a featurizer fitted on some rows of a dataset, with the
// features it gives every dataset it featurized, so an experiment on the same data, featurizer
// settings, seed and split reuses them instead of fitting and transforming again. The key holds
// the fitting rows because the featurizer is fitted on training queries only.

#include "features/text_featurizer.h"
#include "store/project_store.h"

#include <Eigen/Core>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace routescope {

struct FeaturizerFit {
    std::int64_t datasetId = 0;        // the dataset whose rows the featurizer is fitted on
    TextFeaturizerSettings settings;   // the seed included
    std::vector<Eigen::Index> rows;    // the rows fitted on (complete queries, import order)

    // Identifies `rows` in the key: their count and a 64-bit digest of the list.
    std::string rowsKey() const;
};

struct CachedFeatures {
    TextFeaturizer featurizer;
    // One per dataset asked for: every complete query of it, in import order.
    std::vector<FeatureMatrix> features;
};

// The fitted featurizer and its features of each dataset in `datasetIds`, or nullopt unless the
// project keeps all of them intact (a damaged entry counts as missing).
std::optional<CachedFeatures> loadCachedFeatures(ProjectStore& store, const FeaturizerFit& fit,
                                                 const std::vector<std::int64_t>& datasetIds);

// Keeps them (features[i] belongs to datasetIds[i]), replacing an entry of the same key, in one
// transaction. Throws std::logic_error on a read-only project.
void storeCachedFeatures(ProjectStore& store, const FeaturizerFit& fit, const CachedFeatures& cached,
                         const std::vector<std::int64_t>& datasetIds);

struct FeatureCacheSize {
    std::int64_t fits = 0;  // fitted featurizers kept
    std::int64_t bytes = 0; // their states and features
};
FeatureCacheSize featureCacheSize(ProjectStore& store);

// Drops every cached fit (each is made again when an experiment needs it) and gives the space
// back to the file system. Throws std::logic_error on a read-only project.
void clearFeatureCache(ProjectStore& store);

} // namespace routescope
