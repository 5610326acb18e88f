#include "features/text_featurizer.h"

#include "util/random.h"

#include <Eigen/Eigenvalues>
#include <Eigen/QR>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <string_view>

namespace routescope {

namespace {

constexpr std::uint32_t kFormatVersion = 1;
// Bumped whenever tokenising, hashing or the projection change, so cached features are rebuilt.
constexpr const char* kAlgorithmTag = "tfidf-rsvd-v1";

std::uint64_t mix64(std::uint64_t x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ull;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebull;
    x ^= x >> 31;
    return x;
}

constexpr std::uint64_t kFnvOffset = 0xcbf29ce484222325ull;
constexpr std::uint64_t kFnvPrime = 0x100000001b3ull;
// Distinct salts keep word unigrams, word bigrams and character n-grams apart in the hash space.
constexpr std::uint64_t kWordSalt = 0x1000000000000001ull;
constexpr std::uint64_t kBigramSalt = 0x2000000000000003ull;
constexpr std::uint64_t kCharSalt = 0x3000000000000005ull;

bool isWordByte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

unsigned char lower(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') ? static_cast<unsigned char>(c + ('a' - 'A')) : c;
}

// Term counts of one document over hashed buckets; reused across documents by one thread.
class BucketCounter {
public:
    explicit BucketCounter(int hashBits) : shift_(64 - hashBits), counts_(std::size_t(1) << hashBits, 0) {}

    // Counts word 1-2-grams and character 3-5-grams of each space-padded lower-cased word.
    void count(std::string_view text)
    {
        clear();
        std::uint64_t previousWord = 0;
        bool havePrevious = false;
        std::size_t i = 0;
        while (i < text.size()) {
            if (!isWordByte(static_cast<unsigned char>(text[i]))) {
                ++i;
                continue;
            }
            const std::size_t begin = i;
            while (i < text.size() && isWordByte(static_cast<unsigned char>(text[i])))
                ++i;
            const std::string_view word = text.substr(begin, i - begin);

            std::uint64_t h = kFnvOffset;
            for (unsigned char c : word)
                h = (h ^ lower(c)) * kFnvPrime;
            add(mix64(h ^ kWordSalt));
            if (havePrevious)
                add(mix64(previousWord * kFnvPrime ^ h ^ kBigramSalt));
            previousWord = h;
            havePrevious = true;
            countCharacterGrams(word);
        }
    }

    const std::vector<std::uint32_t>& touched() const { return touched_; }
    std::uint32_t countOf(std::uint32_t bucket) const { return counts_[bucket]; }

private:
    void countCharacterGrams(std::string_view word)
    {
        const std::size_t padded = word.size() + 2;
        auto byteAt = [&](std::size_t p) -> unsigned char {
            return (p == 0 || p == padded - 1) ? ' ' : lower(static_cast<unsigned char>(word[p - 1]));
        };
        for (std::size_t start = 0; start + 3 <= padded; ++start) {
            std::uint64_t h = kFnvOffset ^ kCharSalt;
            const std::size_t end = std::min(padded, start + 5);
            for (std::size_t p = start; p < end; ++p) {
                h = (h ^ byteAt(p)) * kFnvPrime;
                if (p - start + 1 >= 3)
                    add(mix64(h + (p - start + 1)));
            }
        }
    }

    void add(std::uint64_t hash)
    {
        const auto bucket = static_cast<std::uint32_t>(hash >> shift_);
        if (counts_[bucket]++ == 0)
            touched_.push_back(bucket);
    }

    void clear()
    {
        for (std::uint32_t b : touched_)
            counts_[b] = 0;
        touched_.clear();
    }

    int shift_;
    std::vector<std::uint32_t> counts_;
    std::vector<std::uint32_t> touched_;
};

// Rows of sparse (column, weight) entries.
struct SparseRows {
    std::vector<std::size_t> offsets{0};
    std::vector<std::int32_t> columns;
    std::vector<float> weights;
    Eigen::Index rows() const { return static_cast<Eigen::Index>(offsets.size() - 1); }
};

SparseRows transposed(const SparseRows& a, Eigen::Index columnCount)
{
    SparseRows t;
    t.offsets.assign(static_cast<std::size_t>(columnCount) + 1, 0);
    for (std::int32_t c : a.columns)
        ++t.offsets[static_cast<std::size_t>(c) + 1];
    std::partial_sum(t.offsets.begin(), t.offsets.end(), t.offsets.begin());
    t.columns.resize(a.columns.size());
    t.weights.resize(a.weights.size());
    std::vector<std::size_t> next(t.offsets.begin(), t.offsets.end() - 1);
    for (Eigen::Index r = 0; r < a.rows(); ++r) {
        for (std::size_t k = a.offsets[r]; k < a.offsets[r + 1]; ++k) {
            const std::size_t slot = next[a.columns[k]]++;
            t.columns[slot] = static_cast<std::int32_t>(r);
            t.weights[slot] = a.weights[k];
        }
    }
    return t;
}

// (A X) with dense factors stored transposed: column r of the result is sum_k w_k * Xt.col(c_k).
// Each output column is summed in a fixed order, so the result does not depend on the thread count.
Eigen::MatrixXf multiplyTransposed(const SparseRows& a, const Eigen::MatrixXf& xt, const JobControl& job)
{
    Eigen::MatrixXf result = Eigen::MatrixXf::Zero(xt.rows(), a.rows());
#pragma omp parallel for schedule(dynamic, 64)
    for (Eigen::Index r = 0; r < a.rows(); ++r) {
        if (job.cancelled())
            continue;
        auto out = result.col(r);
        for (std::size_t k = a.offsets[r]; k < a.offsets[r + 1]; ++k)
            out += a.weights[k] * xt.col(a.columns[k]);
    }
    job.throwIfCancelled();
    return result;
}

// Orthonormal basis, stored transposed, of the columns of mt^T (Householder QR).
Eigen::MatrixXf orthonormalTransposed(const Eigen::MatrixXf& mt)
{
    const Eigen::MatrixXf tall = mt.transpose();
    Eigen::HouseholderQR<Eigen::MatrixXf> qr(tall);
    const Eigen::MatrixXf q = qr.householderQ() * Eigen::MatrixXf::Identity(tall.rows(), tall.cols());
    return q.transpose();
}

// Seeded sample of `count` distinct indices below n, in increasing order.
std::vector<std::size_t> sampleIndices(std::size_t n, std::size_t count, std::uint64_t seed)
{
    std::vector<std::size_t> all(n);
    std::iota(all.begin(), all.end(), 0);
    if (count >= n)
        return all;
    Random random(seed ^ 0x5eed5a3b1e000000ull);
    for (std::size_t i = 0; i < count; ++i)
        std::swap(all[i], all[i + random.below(n - i)]);
    all.resize(count);
    std::sort(all.begin(), all.end());
    return all;
}

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
void weightedRow(const BucketCounter& counter, const std::vector<std::int32_t>& columnOfBucket,
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

} // namespace

void TextFeaturizer::fit(const std::vector<std::string>& trainingTexts, const JobControl& job)
{
    if (trainingTexts.empty())
        throw std::invalid_argument("text featurizer: no training texts");
    const std::size_t bucketCount = std::size_t(1) << settings_.hashBits;
    const auto docCount = static_cast<std::int64_t>(trainingTexts.size());

    // Document frequency of every bucket over all training texts.
    job.report(0.0, "counting n-grams");
    std::vector<std::uint32_t> documentFrequency(bucketCount, 0);
#pragma omp parallel
    {
        BucketCounter counter(settings_.hashBits);
        std::vector<std::uint32_t> local(bucketCount, 0);
#pragma omp for schedule(dynamic, 64) nowait
        for (std::int64_t i = 0; i < docCount; ++i) {
            if (job.cancelled())
                continue;
            counter.count(trainingTexts[static_cast<std::size_t>(i)]);
            for (std::uint32_t b : counter.touched())
                ++local[b];
        }
#pragma omp critical
        for (std::size_t b = 0; b < bucketCount; ++b)
            documentFrequency[b] += local[b];
    }
    job.throwIfCancelled();

    // Keep the most frequent buckets (ties by bucket number), stored in bucket order.
    std::vector<std::uint32_t> kept;
    for (std::uint32_t b = 0; b < bucketCount; ++b)
        if (documentFrequency[b] > 0)
            kept.push_back(b);
    if (kept.size() > static_cast<std::size_t>(settings_.maxColumns)) {
        std::nth_element(kept.begin(), kept.begin() + settings_.maxColumns, kept.end(),
                         [&](std::uint32_t x, std::uint32_t y) {
                             return documentFrequency[x] != documentFrequency[y]
                                        ? documentFrequency[x] > documentFrequency[y]
                                        : x < y;
                         });
        kept.resize(static_cast<std::size_t>(settings_.maxColumns));
        std::sort(kept.begin(), kept.end());
    }
    if (kept.empty())
        throw std::invalid_argument("text featurizer: the training texts contain no words");
    std::vector<std::int32_t> columnOfBucket(bucketCount, -1);
    Eigen::VectorXf idf(static_cast<Eigen::Index>(kept.size()));
    for (std::size_t j = 0; j < kept.size(); ++j) {
        columnOfBucket[kept[j]] = static_cast<std::int32_t>(j);
        idf[static_cast<Eigen::Index>(j)] =
            static_cast<float>(std::log((1.0 + double(docCount)) / (1.0 + documentFrequency[kept[j]])) + 1.0);
    }

    // TF-IDF rows of the SVD sample.
    job.report(0.2, "weighting n-grams");
    const std::vector<std::size_t> sample =
        sampleIndices(trainingTexts.size(), static_cast<std::size_t>(settings_.svdDocuments), settings_.seed);
    const auto sampleCount = static_cast<std::int64_t>(sample.size());
    std::vector<std::vector<std::int32_t>> rowColumns(sample.size());
    std::vector<std::vector<float>> rowWeights(sample.size());
#pragma omp parallel
    {
        BucketCounter counter(settings_.hashBits);
#pragma omp for schedule(dynamic, 64)
        for (std::int64_t i = 0; i < sampleCount; ++i) {
            if (job.cancelled())
                continue;
            counter.count(trainingTexts[sample[static_cast<std::size_t>(i)]]);
            weightedRow(counter, columnOfBucket, idf, rowColumns[i], rowWeights[i]);
        }
    }
    job.throwIfCancelled();
    SparseRows a;
    for (std::size_t i = 0; i < sample.size(); ++i) {
        a.columns.insert(a.columns.end(), rowColumns[i].begin(), rowColumns[i].end());
        a.weights.insert(a.weights.end(), rowWeights[i].begin(), rowWeights[i].end());
        a.offsets.push_back(a.columns.size());
        std::vector<std::int32_t>().swap(rowColumns[i]);
        std::vector<float>().swap(rowWeights[i]);
    }
    const auto columnCount = static_cast<Eigen::Index>(kept.size());
    const SparseRows at = transposed(a, columnCount);

    // Randomised range finder with subspace iteration, then the exact SVD of the small projected matrix.
    const Eigen::Index rank = std::min<Eigen::Index>({settings_.dimensions, a.rows(), columnCount});
    const Eigen::Index width = std::min<Eigen::Index>({rank + settings_.oversampling, a.rows(), columnCount});
    Eigen::MatrixXf omegaT(width, columnCount);
    Random random(settings_.seed);
    for (Eigen::Index j = 0; j < columnCount; ++j)
        for (Eigen::Index r = 0; r < width; ++r)
            omegaT(r, j) = static_cast<float>(random.normal());

    job.report(0.3, "randomised SVD: range");
    Eigen::MatrixXf qT = orthonormalTransposed(multiplyTransposed(a, omegaT, job));
    omegaT.resize(0, 0);
    for (int it = 0; it < settings_.powerIterations; ++it) {
        job.report(0.3 + 0.5 * (it + 1) / (settings_.powerIterations + 1), "randomised SVD: power iteration");
        qT = orthonormalTransposed(multiplyTransposed(a, multiplyTransposed(at, qT, job), job));
    }
    job.report(0.85, "randomised SVD: projection");
    const Eigen::MatrixXf b = multiplyTransposed(at, qT, job); // Q^T A, width x columns
    const Eigen::MatrixXd gram = (b * b.transpose()).cast<double>();
    const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eigen(gram);
    if (eigen.info() != Eigen::Success)
        throw std::runtime_error("text featurizer: eigen decomposition failed");

    // Right singular vector j of A is B^T u_j / sigma_j; eigenvalues come in increasing order.
    Eigen::MatrixXf scaledU = Eigen::MatrixXf::Zero(width, rank);
    const double largest = std::max(eigen.eigenvalues()[width - 1], 0.0);
    for (Eigen::Index j = 0; j < rank; ++j) {
        const double squared = eigen.eigenvalues()[width - 1 - j];
        if (squared > largest * 1e-12 && squared > 0.0)
            scaledU.col(j) = (eigen.eigenvectors().col(width - 1 - j) / std::sqrt(squared)).cast<float>();
    }
    Eigen::MatrixXf projection = scaledU.transpose() * b;

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
        BucketCounter counter(settings_.hashBits);
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
