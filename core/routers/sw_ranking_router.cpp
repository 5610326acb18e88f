#include "routers/sw_ranking_router.h"

#include "routers/bradley_terry.h"
#include "routers/router_format.h"
#include "routers/settings_reader.h"
#include "routers/training_similarity.h"

#include <cmath>
#include <stdexcept>

namespace routescope {

namespace {

constexpr const char* kMagic = "routescope.sw";
constexpr std::uint32_t kVersion = 1;
// Test queries are weighted against all training queries in blocks of this many, to bound memory.
constexpr Eigen::Index kBlockRows = 256;

} // namespace

SwRankingRouter::Options SwRankingRouter::readOptions(const RouterSettings& settings)
{
    const SettingsReader s(settings, "sw", {"ridge", "seed"});
    Options o;
    o.ridge = s.positive("ridge", o.ridge);
    s.integer("seed", 0, 0);
    return o;
}

SwRankingRouter::SwRankingRouter(RouterSettings settings)
    : settings_(std::move(settings)), options_(readOptions(settings_))
{
}

Eigen::VectorXd SwRankingRouter::similarityWeights(const Eigen::VectorXf& similarities)
{
    const double most = similarities.size() ? double(similarities.maxCoeff()) : 0.0;
    if (!(most > 0))
        return Eigen::VectorXd::Ones(similarities.size());
    return (similarities.cast<double>().array() / most * std::log(10.0)).exp() * 10.0;
}

Eigen::MatrixXd SwRankingRouter::battles(const Eigen::RowVectorXd& scores)
{
    const Eigen::Index models = scores.size();
    Eigen::MatrixXd wins = Eigen::MatrixXd::Zero(models, models);
    for (Eigen::Index i = 0; i < models; ++i)
        for (Eigen::Index j = 0; j < models; ++j)
            if (i != j)
                wins(i, j) = scores(i) > scores(j) ? 1.0 : scores(i) == scores(j) ? 0.5 : 0.0;
    return wins;
}

void SwRankingRouter::prepare()
{
    const Eigen::Index models = scores_.cols();
    battles_.resize(scores_.rows(), models * models);
    for (Eigen::Index n = 0; n < scores_.rows(); ++n)
        battles_.row(n) = battles(scores_.row(n)).cast<float>().reshaped().transpose();
}

void SwRankingRouter::fit(const TrainingSet& train, const TrainingSet*, const JobControl& job)
{
    if (train.features.rows() == 0 || train.scores.cols() == 0 || train.features.rows() != train.scores.rows())
        throw std::invalid_argument("sw: training features and scores must have the same, non-zero row count");
    job.throwIfCancelled();
    neighbours_ = rowNormalised(train.features);
    scores_ = train.scores;
    prepare();
    job.report(1.0, "sw: training battles stored");
}

Eigen::MatrixXd SwRankingRouter::predictQuality(const FeatureMatrix& features) const
{
    if (scores_.size() == 0)
        throw std::logic_error("sw: predict before fit");
    if (features.cols() != neighbours_.cols())
        throw std::invalid_argument("sw: feature width differs from training");
    const Eigen::Index models = scores_.cols();
    Eigen::MatrixXd quality(features.rows(), models);
    forEachSimilarityBlock(neighbours_, features, kBlockRows, [&](Eigen::Index start, const Eigen::MatrixXf& similarity) {
        const Eigen::Index rows = similarity.cols();
        Eigen::MatrixXf weights(rows, similarity.rows());
        Eigen::VectorXd total(rows);
        for (Eigen::Index q = 0; q < rows; ++q) {
            const Eigen::VectorXd w = similarityWeights(similarity.col(q));
            weights.row(q) = w.cast<float>().transpose();
            total(q) = w.sum();
        }
        const Eigen::MatrixXf wins = weights * battles_; // block x (models * models)
        if (!wins.allFinite()) // checked here: the fits below run in threads that must not throw
            throw std::invalid_argument("sw: a query's features are not finite");
#pragma omp parallel for schedule(static)
        for (Eigen::Index q = 0; q < rows; ++q) {
            const Eigen::MatrixXd w = wins.row(q).cast<double>().reshaped(models, models);
            quality.row(start + q) = meanWinRates(fitBradleyTerry(w, options_.ridge * total(q))).transpose();
        }
    });
    return quality;
}

void SwRankingRouter::save(BinaryWriter& out) const
{
    writeRouterHeader(out, kMagic, kVersion, settings_);
    out.writeMatrix(neighbours_);
    out.writeMatrix(scores_);
}

void SwRankingRouter::load(BinaryReader& in)
{
    RouterSettings settings = readRouterHeader(in, kMagic, kVersion, "an SW ranking router");
    const Options options = savedOptions(readOptions, settings);
    FeatureMatrix neighbours;
    Eigen::MatrixXd scores;
    in.readMatrix(neighbours);
    in.readMatrix(scores);
    if (neighbours.rows() == 0 || neighbours.rows() != scores.rows() || scores.cols() == 0 || scores.cols() > 256 || neighbours.cols() == 0 ||
        !scores.allFinite())
        throw FormatError("sw: inconsistent saved router");
    settings_ = std::move(settings);
    options_ = options;
    neighbours_ = std::move(neighbours);
    scores_ = std::move(scores);
    prepare();
}

} // namespace routescope
