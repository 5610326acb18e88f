#include "routers/ridge_router.h"

#include "routers/settings_reader.h"
#include "util/thread_budget.h"

#include <Eigen/Cholesky>

#include <algorithm>
#include <array>
#include <limits>
#include <stdexcept>

namespace routescope {

namespace {

constexpr std::uint32_t kFormatVersion = 1;
const double kLambdaGrid[] = {1e-3, 1e-2, 1e-1, 1.0, 10.0, 100.0};
// The gram matrix is summed from this many row blocks, each on its own thread where there are
// threads (Eigen runs one rank update on one thread). Fixed, so every thread count gives the same bits.
constexpr int kGramParts = 2;

// The lower half of X^T X (the half the LDLT reads), from kGramParts row blocks added in order.
Eigen::MatrixXd lowerGram(const Eigen::MatrixXd& x, int threads)
{
    std::array<Eigen::MatrixXd, kGramParts> parts;
    const Eigen::Index rows = x.rows();
#pragma omp parallel for num_threads(std::min(threads, kGramParts)) schedule(static, 1) if (threads > 1)
    for (int p = 0; p < kGramParts; ++p) {
        const Eigen::Index begin = rows * p / kGramParts, end = rows * (p + 1) / kGramParts;
        parts[std::size_t(p)] = Eigen::MatrixXd::Zero(x.cols(), x.cols());
        parts[std::size_t(p)].selfadjointView<Eigen::Lower>().rankUpdate(x.middleRows(begin, end - begin).transpose());
    }
    Eigen::MatrixXd gram = std::move(parts[0]);
    for (int p = 1; p < kGramParts; ++p)
        gram.triangularView<Eigen::Lower>() += parts[std::size_t(p)];
    return gram;
}

} // namespace

RidgeRouter::Options RidgeRouter::readOptions(const RouterSettings& settings)
{
    const SettingsReader s(settings, "ridge", {"lambda", "seed"});
    Options o;
    if (s.has("lambda"))
        o.lambda = s.nonNegative("lambda", 1.0);
    s.integer("seed", 0, 0); // every router takes the experiment's seed; ridge draws nothing
    return o;
}

RidgeRouter::RidgeRouter(const RouterSettings& settings)
    : options_(readOptions(settings)), lambda_(options_.lambda.value_or(1.0))
{
}

void RidgeRouter::fit(const TrainingSet& train, const TrainingSet* validation, const JobControl& job)
{
    if (train.features.rows() == 0 || train.features.rows() != train.scores.rows())
        throw std::invalid_argument("ridge: training features and scores must have the same, non-zero row count");
    Eigen::MatrixXd centred = train.features.cast<double>();
    const Eigen::RowVectorXd featureMean = centred.colwise().mean();
    const Eigen::RowVectorXd scoreMean = train.scores.colwise().mean();
    centred.rowwise() -= featureMean;
    // The gram matrix is symmetric: its lower half, half the products, is all the LDLT below reads.
    const Eigen::MatrixXd gram = lowerGram(centred, threadsFor(job));
    const Eigen::MatrixXd moment = centred.transpose() * (train.scores.rowwise() - scoreMean);
    job.throwIfCancelled();

    auto solve = [&](double lambda, Eigen::MatrixXd& w, Eigen::RowVectorXd& b) {
        Eigen::MatrixXd regularised = gram;
        regularised.diagonal().array() += lambda;
        w = regularised.ldlt().solve(moment);
        b = scoreMean - featureMean * w;
    };

    double lambda = options_.lambda.value_or(1.0);
    if (!options_.lambda && validation) {
        const Eigen::MatrixXd xv = validation->features.cast<double>();
        double bestError = std::numeric_limits<double>::infinity();
        int step = 0;
        for (double candidate : kLambdaGrid) {
            job.throwIfCancelled();
            Eigen::MatrixXd w;
            Eigen::RowVectorXd b;
            solve(candidate, w, b);
            const double error = (((xv * w).rowwise() + b) - validation->scores).squaredNorm();
            if (error < bestError) {
                bestError = error;
                lambda = candidate;
            }
            job.report(double(++step) / (std::size(kLambdaGrid) + 1), "ridge: lambda " + std::to_string(candidate));
        }
    }
    Eigen::MatrixXd w;
    Eigen::RowVectorXd b;
    solve(lambda, w, b);
    lambda_ = lambda;
    weights_ = std::move(w);
    intercepts_ = std::move(b);
    job.report(1.0, "ridge: fitted, lambda " + std::to_string(lambda));
}

Eigen::MatrixXd RidgeRouter::predictQuality(const FeatureMatrix& features) const
{
    if (weights_.size() == 0)
        throw std::logic_error("ridge: predict before fit");
    if (features.cols() != weights_.rows())
        throw std::invalid_argument("ridge: feature dimension differs from training");
    return (features.cast<double>() * weights_).rowwise() + intercepts_;
}

void RidgeRouter::save(BinaryWriter& out) const
{
    out.write<std::uint32_t>(kFormatVersion);
    out.write<double>(lambda_);
    out.writeMatrix(weights_);
    out.writeMatrix(intercepts_);
}

void RidgeRouter::load(BinaryReader& in)
{
    if (in.read<std::uint32_t>() != kFormatVersion)
        throw FormatError("ridge: unknown format version");
    const double lambda = in.read<double>();
    Eigen::MatrixXd weights;
    Eigen::RowVectorXd intercepts;
    in.readMatrix(weights);
    in.readMatrix(intercepts);
    if (intercepts.cols() != weights.cols() || weights.size() == 0)
        throw FormatError("ridge: inconsistent saved router");
    lambda_ = lambda;
    weights_ = std::move(weights);
    intercepts_ = std::move(intercepts);
}

} // namespace routescope
