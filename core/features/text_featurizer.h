#pragma once
// Query features without downloadable embedding models: hashed word (1-2) and in-word character
// (3-5) n-gram TF-IDF, projected to d dense dimensions by a seeded randomised SVD (Halko et al.),
// rows L2-normalised. Fitted on training queries only; deterministic for a seed.

#include "data/feature_matrix.h"
#include "util/binary_io.h"
#include "util/job_control.h"

#include <Eigen/Core>

#include <cstdint>
#include <string>
#include <vector>

namespace routescope {

struct TextFeaturizerSettings {
    int dimensions = 384;        // d; fewer when training has fewer documents or columns
    int hashBits = 18;           // n-grams are hashed into 2^hashBits buckets
    int maxColumns = 1 << 15;    // TF-IDF keeps the buckets with the highest training document frequency
    int svdDocuments = 8000;     // the SVD is fitted on at most this many training documents (seeded sample)
    int oversampling = 10;       // extra random directions of the range finder
    int powerIterations = 2;
    std::uint64_t seed = 42;

    // Stable identity of the settings, for the feature cache.
    std::string key() const;
};

class TextFeaturizer {
public:
    explicit TextFeaturizer(TextFeaturizerSettings settings = {});

    void fit(const std::vector<std::string>& trainingTexts, const JobControl& job);
    // Rows = texts, columns = dimensions(); an empty text (or one with only unseen n-grams) gives a zero row.
    FeatureMatrix transform(const std::vector<std::string>& texts, const JobControl& job = {}) const;

    bool fitted() const { return projection_.size() > 0; }
    int dimensions() const { return static_cast<int>(projection_.rows()); }
    const TextFeaturizerSettings& settings() const { return settings_; }

    void save(BinaryWriter& out) const;
    void load(BinaryReader& in);

private:
    TextFeaturizerSettings settings_;
    std::vector<std::int32_t> columnOfBucket_; // -1 for buckets not kept
    Eigen::VectorXf idf_;                      // per kept column
    Eigen::MatrixXf projection_;               // d x columns: column j is where TF-IDF column j maps to
};

} // namespace routescope
