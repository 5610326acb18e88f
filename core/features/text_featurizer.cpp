#include "features/text_featurizer.h"

#include "features/hashed_ngrams.h"
#include "features/randomized_svd.h"
#include "features/sparse_rows.h"
#include "util/random.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <string_view>

namespace routescope {

namespace {

constexpr std::uint32_t kFormatVersion = 1;
// Bumped whenever tokenising, hashing or the projection change, so cached features are rebuilt.
constexpr const char* kAlgorithmTag = "tfidf-rsvd-v2"; // v2: util/random.h draws

void validate(const TextFeaturizerSettings& s)
{
    if (s.dimensions < 1 || s.hashBits < 8 || s.hashBits > 28 || s.maxColumns < 1 || s.svdDocuments < 1 ||
        s.oversampling < 0 || s.powerIterations < 0)
        throw std::invalid_argument("text featurizer: settings out of range");
}

} // namespace

std::string TextFeaturizerSettings::key() const
{
    return std::string(kAlgorithmTag) + " d=" + std::to_string(dimensions) + " bits=" + std::to_string(hashBits) +
           " cols=" + std::to_string(maxColumns) + " svd-docs=" + std::to_string(svdDocuments) +
           " p=" + std::to_string(oversampling) + " q=" + std::to_string(powerIterations) +
           " seed=" + std::to_string(seed);
}

TextFeaturizer::TextFeaturizer(TextFeaturizerSettings settings) : settings_(settings)
{
    validate(settings_);
}

namespace {

// The L2-normalised TF-IDF row of one counted document: sublinear tf times smooth idf, kept columns only.
void weightedRow(const HashedNgramCounter& counter, const std::vector<std::int32_t>& columnOfBucket,
                 const Eigen::VectorXf& idf, std::vector<std::int32_t>& columns, std::vector<float>& weights)
{
    columns.clear();
    weights.clear();
    double squaredNorm = 0.0;
    for (std::uint32_t bucket : counter.touched()) {
        const std::int32_t column = columnOfBucket[bucket];
        if (column < 0)
            continue;
        const float w = (1.0f + std::log(static_cast<float>(counter.countOf(bucket)))) * idf[column];
        columns.push_back(column);
        weights.push_back(w);
        squaredNorm += double(w) * w;
    }
    if (squaredNorm > 0.0) {
        const float scale = static_cast<float>(1.0 / std::sqrt(squaredNorm));
        for (float& w : weights)
            w *= scale;
    }
}

// Document frequency of every bucket over the texts.
std::vector<std::uint32_t> documentFrequencies(const std::vector<std::string>& texts, int hashBits, const JobControl& job)
{
    const std::size_t bucketCount = std::size_t(1) << hashBits;
    const auto docCount = static_cast<std::int64_t>(texts.size());
    std::vector<std::uint32_t> documentFrequency(bucketCount, 0);
#pragma omp parallel
    {
        HashedNgramCounter counter(hashBits);
        std::vector<std::uint32_t> local(bucketCount, 0);
#pragma omp for schedule(dynamic, 64) nowait
        for (std::int64_t i = 0; i < docCount; ++i) {
            if (job.cancelled())
                continue;
            counter.count(texts[static_cast<std::size_t>(i)]);
            for (std::uint32_t b : counter.touched())
                ++local[b];
        }
#pragma omp critical
        for (std::size_t b = 0; b < bucketCount; ++b)
            documentFrequency[b] += local[b];
    }
    job.throwIfCancelled();
    return documentFrequency;
}

// The most frequent buckets (ties by bucket number), at most maxColumns, in bucket order.
std::vector<std::uint32_t> keptBuckets(const std::vector<std::uint32_t>& documentFrequency, int maxColumns)
{
    std::vector<std::uint32_t> kept;
    for (std::uint32_t b = 0; b < documentFrequency.size(); ++b)
        if (documentFrequency[b] > 0)
            kept.push_back(b);
    if (kept.size() > static_cast<std::size_t>(maxColumns)) {
        std::nth_element(kept.begin(), kept.begin() + maxColumns, kept.end(), [&](std::uint32_t x, std::uint32_t y) {
            return documentFrequency[x] != documentFrequency[y] ? documentFrequency[x] > documentFrequency[y] : x < y;
        });
        kept.resize(static_cast<std::size_t>(maxColumns));
        std::sort(kept.begin(), kept.end());
    }
    return kept;
}

// The TF-IDF rows of texts[rows], in that order.
SparseRows tfidfRows(const std::vector<std::string>& texts, const std::vector<std::size_t>& rows, int hashBits,
                     const std::vector<std::int32_t>& columnOfBucket, const Eigen::VectorXf& idf, const JobControl& job)
{
    const auto count = static_cast<std::int64_t>(rows.size());
    std::vector<std::vector<std::int32_t>> rowColumns(rows.size());
    std::vector<std::vector<float>> rowWeights(rows.size());
#pragma omp parallel
    {
        HashedNgramCounter counter(hashBits);
#pragma omp for schedule(dynamic, 64)
        for (std::int64_t i = 0; i < count; ++i) {
            if (job.cancelled())
                continue;
            counter.count(texts[rows[static_cast<std::size_t>(i)]]);
            weightedRow(counter, columnOfBucket, idf, rowColumns[i], rowWeights[i]);
        }
    }
    job.throwIfCancelled();
    SparseRows a;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        a.appendRow(rowColumns[i], rowWeights[i]);
        std::vector<std::int32_t>().swap(rowColumns[i]);
        std::vector<float>().swap(rowWeights[i]);
    }
    return a;
}

} // namespace

void TextFeaturizer::fit(const std::vector<std::string>& trainingTexts, const JobControl& job)
{
    if (trainingTexts.empty())
        throw std::invalid_argument("text featurizer: no training texts");
    job.report(0.0, "counting n-grams");
    const std::vector<std::uint32_t> documentFrequency = documentFrequencies(trainingTexts, settings_.hashBits, job);
    const std::vector<std::uint32_t> kept = keptBuckets(documentFrequency, settings_.maxColumns);
    if (kept.empty())
        throw std::invalid_argument("text featurizer: the training texts contain no words");
    std::vector<std::int32_t> columnOfBucket(documentFrequency.size(), -1);
    Eigen::VectorXf idf(static_cast<Eigen::Index>(kept.size()));
    const double docCount = static_cast<double>(trainingTexts.size());
    for (std::size_t j = 0; j < kept.size(); ++j) {
        columnOfBucket[kept[j]] = static_cast<std::int32_t>(j);
        // Smooth idf, as scikit-learn's TfidfVectorizer.
        idf[static_cast<Eigen::Index>(j)] =
            static_cast<float>(std::log((1.0 + docCount) / (1.0 + documentFrequency[kept[j]])) + 1.0);
    }

    // The SVD is fitted on a seeded sample of the training texts.
    job.report(0.2, "weighting n-grams");
    const std::vector<std::size_t> sample = Random(settings_.seed ^ 0x5eed5a3b1e000000ull)
                                                .sampleIndices(trainingTexts.size(), static_cast<std::size_t>(settings_.svdDocuments));
    const SparseRows a = tfidfRows(trainingTexts, sample, settings_.hashBits, columnOfBucket, idf, job);
    const SparseRows at = transposed(a, static_cast<Eigen::Index>(kept.size()));
    const RandomizedSvdSettings svd{settings_.dimensions, settings_.oversampling, settings_.powerIterations, settings_.seed};
    Eigen::MatrixXf projection = randomizedProjection(a, at, svd, job, 0.3, 0.95);

    columnOfBucket_ = std::move(columnOfBucket);
    idf_ = std::move(idf);
    projection_ = std::move(projection);
    job.report(1.0, "featurizer fitted");
}

FeatureMatrix TextFeaturizer::transform(const std::vector<std::string>& texts, const JobControl& job) const
{
    if (!fitted())
        throw std::logic_error("text featurizer: transform before fit");
    const auto count = static_cast<std::int64_t>(texts.size());
    const Eigen::Index d = projection_.rows();
    // Computed transposed so each document writes one contiguous column.
    Eigen::MatrixXf outT = Eigen::MatrixXf::Zero(d, count);
#pragma omp parallel
    {
        HashedNgramCounter counter(settings_.hashBits);
        std::vector<std::int32_t> columns;
        std::vector<float> weights;
#pragma omp for schedule(dynamic, 64)
        for (std::int64_t i = 0; i < count; ++i) {
            if (job.cancelled())
                continue;
            counter.count(texts[static_cast<std::size_t>(i)]);
            weightedRow(counter, columnOfBucket_, idf_, columns, weights);
            auto out = outT.col(i);
            for (std::size_t k = 0; k < columns.size(); ++k)
                out += weights[k] * projection_.col(columns[k]);
            const float norm = out.norm();
            if (norm > 0.0f)
                out /= norm;
        }
    }
    job.throwIfCancelled();
    return outT.transpose();
}

void TextFeaturizer::save(BinaryWriter& out) const
{
    if (!fitted())
        throw std::logic_error("text featurizer: save before fit");
    out.write<std::uint32_t>(kFormatVersion);
    out.write<std::int32_t>(settings_.dimensions);
    out.write<std::int32_t>(settings_.hashBits);
    out.write<std::int32_t>(settings_.maxColumns);
    out.write<std::int32_t>(settings_.svdDocuments);
    out.write<std::int32_t>(settings_.oversampling);
    out.write<std::int32_t>(settings_.powerIterations);
    out.write<std::uint64_t>(settings_.seed);
    Eigen::Matrix<std::int32_t, Eigen::Dynamic, 1> buckets(idf_.size());
    for (std::size_t b = 0; b < columnOfBucket_.size(); ++b)
        if (columnOfBucket_[b] >= 0)
            buckets[columnOfBucket_[b]] = static_cast<std::int32_t>(b);
    out.writeMatrix(buckets);
    out.writeMatrix(idf_);
    out.writeMatrix(projection_);
}

void TextFeaturizer::load(BinaryReader& in)
{
    if (in.read<std::uint32_t>() != kFormatVersion)
        throw FormatError("text featurizer: unknown format version");
    TextFeaturizerSettings s;
    s.dimensions = in.read<std::int32_t>();
    s.hashBits = in.read<std::int32_t>();
    s.maxColumns = in.read<std::int32_t>();
    s.svdDocuments = in.read<std::int32_t>();
    s.oversampling = in.read<std::int32_t>();
    s.powerIterations = in.read<std::int32_t>();
    s.seed = in.read<std::uint64_t>();
    try {
        validate(s);
    } catch (const std::invalid_argument& e) {
        throw FormatError(e.what());
    }
    Eigen::Matrix<std::int32_t, Eigen::Dynamic, 1> buckets;
    Eigen::VectorXf idf;
    Eigen::MatrixXf projection;
    in.readMatrix(buckets);
    in.readMatrix(idf);
    in.readMatrix(projection);
    const std::size_t bucketCount = std::size_t(1) << s.hashBits;
    if (idf.size() != buckets.size() || projection.cols() != buckets.size() || projection.rows() < 1)
        throw FormatError("text featurizer: inconsistent sizes");
    std::vector<std::int32_t> columnOfBucket(bucketCount, -1);
    for (Eigen::Index j = 0; j < buckets.size(); ++j) {
        if (buckets[j] < 0 || static_cast<std::size_t>(buckets[j]) >= bucketCount || columnOfBucket[buckets[j]] >= 0)
            throw FormatError("text featurizer: bad bucket list");
        columnOfBucket[buckets[j]] = static_cast<std::int32_t>(j);
    }
    settings_ = s;
    columnOfBucket_ = std::move(columnOfBucket);
    idf_ = std::move(idf);
    projection_ = std::move(projection);
}

} // namespace routescope
