#include "routers/knn_router.h"

#include "routers/settings_reader.h"
#include "routers/training_similarity.h"

#include <algorithm>
#include <numeric>
#include <stdexcept>

namespace routescope {

namespace {

constexpr std::uint32_t kFormatVersion = 1;
// Queries are scored against all training queries in blocks of this many rows, to bound memory.
constexpr Eigen::Index kBlockRows = 512;

} // namespace

KnnRouter::Options KnnRouter::readOptions(const RouterSettings& settings)
{
    const SettingsReader s(settings, "knn", {"k", "seed"});
    Options o;
    o.k = int(s.integer("k", o.k, 1));
    s.integer("seed", 0, 0); // every router takes the experiment's seed; kNN draws nothing
    return o;
}

KnnRouter::KnnRouter(const RouterSettings& settings) : options_(readOptions(settings)) {}

void KnnRouter::fit(const TrainingSet& train, const TrainingSet*, const JobControl& job)
{
    if (train.features.rows() == 0 || train.features.rows() != train.scores.rows())
        throw std::invalid_argument("knn: training features and scores must have the same, non-zero row count");
    job.throwIfCancelled();
    neighbours_ = rowNormalised(train.features);
    scores_ = train.scores;
    job.report(1.0, "knn: training queries stored");
}

Eigen::MatrixXd KnnRouter::predictQuality(const FeatureMatrix& features) const
{
    if (scores_.size() == 0)
        throw std::logic_error("knn: predict before fit");
    if (features.cols() != neighbours_.cols())
        throw std::invalid_argument("knn: feature dimension differs from training");
    const Eigen::Index trainCount = neighbours_.rows();
    const Eigen::Index k = std::min<Eigen::Index>(options_.k, trainCount);
    Eigen::MatrixXd quality(features.rows(), scores_.cols());
    forEachSimilarityBlock(neighbours_, features, kBlockRows, [&](Eigen::Index start, const Eigen::MatrixXf& similarity) {
        const Eigen::Index rows = similarity.cols();
#pragma omp parallel
        {
            std::vector<Eigen::Index> order(static_cast<std::size_t>(trainCount));
#pragma omp for schedule(static)
            for (Eigen::Index q = 0; q < rows; ++q) {
                const auto sim = similarity.col(q);
                std::iota(order.begin(), order.end(), Eigen::Index{0});
                // Equal similarities go to the earlier training query, so the neighbour set is deterministic.
                std::nth_element(order.begin(), order.begin() + (k - 1), order.end(),
                                 [&](Eigen::Index x, Eigen::Index y) {
                                     return sim[x] != sim[y] ? sim[x] > sim[y] : x < y;
                                 });
                std::sort(order.begin(), order.begin() + k);
                Eigen::RowVectorXd sum = Eigen::RowVectorXd::Zero(scores_.cols());
                for (Eigen::Index j = 0; j < k; ++j)
                    sum += scores_.row(order[static_cast<std::size_t>(j)]);
                quality.row(start + q) = sum / double(k);
            }
        }
    });
    return quality;
}

void KnnRouter::save(BinaryWriter& out) const
{
    out.write<std::uint32_t>(kFormatVersion);
    out.write<std::int32_t>(options_.k);
    out.writeMatrix(neighbours_);
    out.writeMatrix(scores_);
}

void KnnRouter::load(BinaryReader& in)
{
    if (in.read<std::uint32_t>() != kFormatVersion)
        throw FormatError("knn: unknown format version");
    const auto k = in.read<std::int32_t>();
    FeatureMatrix neighbours;
    Eigen::MatrixXd scores;
    in.readMatrix(neighbours);
    in.readMatrix(scores);
    if (k < 1 || neighbours.rows() != scores.rows() || neighbours.rows() == 0)
        throw FormatError("knn: inconsistent saved router");
    options_.k = k;
    neighbours_ = std::move(neighbours);
    scores_ = std::move(scores);
}

} // namespace routescope
