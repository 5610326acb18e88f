#include "routers/margin_router.h"

#include "routers/knn_router.h"
#include "routers/ridge_router.h"
#include "routers/settings_reader.h"

#include <limits>
#include <stdexcept>

namespace routescope {

namespace {

constexpr std::uint32_t kFormatVersion = 1;
const double kMarginGrid[] = {0.0, 0.01, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3};
constexpr double kDefaultMargin = 0.05;

std::unique_ptr<Router> regressorOfKind(const std::string& kind, const RouterSettings& settings)
{
    if (kind == "ridge")
        return std::make_unique<RidgeRouter>(settings);
    if (kind == "knn")
        return std::make_unique<KnnRouter>(settings);
    throw std::invalid_argument("margin: unknown base regressor " + kind);
}

// Mean true score and cost of the decisions "top transformed P, ties to the lower model cost".
std::pair<double, double> decisionOutcome(const Eigen::MatrixXd& quality, const Eigen::RowVectorXd& modelCost,
                                          const TrainingSet& data)
{
    double score = 0.0, cost = 0.0;
    for (Eigen::Index n = 0; n < quality.rows(); ++n) {
        Eigen::Index pick = 0;
        for (Eigen::Index m = 1; m < quality.cols(); ++m) {
            const double p = quality(n, m), best = quality(n, pick);
            if (p > best || (p == best && modelCost[m] < modelCost[pick]))
                pick = m;
        }
        score += data.scores(n, pick);
        cost += data.costs(n, pick);
    }
    return {score / double(quality.rows()), cost / double(quality.rows())};
}

// The base regressor's own settings: everything but the margin's.
RouterSettings baseSettings(const RouterSettings& settings)
{
    RouterSettings base = settings;
    for (const char* own : {"base", "margin", "tolerance"})
        base.erase(own);
    return base;
}

} // namespace

MarginRouter::Options MarginRouter::readOptions(const RouterSettings& settings)
{
    // The margin's own settings and those it passes to its base regressor.
    const SettingsReader s(settings, "margin", {"base", "margin", "tolerance", "seed", "k", "lambda"});
    Options o;
    o.base = s.text("base", o.base);
    if (s.has("margin"))
        o.margin = s.nonNegative("margin", kDefaultMargin);
    o.tolerance = s.nonNegative("tolerance", o.tolerance);
    return o;
}

MarginRouter::MarginRouter(const RouterSettings& settings)
    : options_(readOptions(settings)), base_(regressorOfKind(options_.base, baseSettings(settings))),
      margin_(options_.margin.value_or(kDefaultMargin))
{
}

MarginRouter::MarginRouter(const RouterSettings& settings, std::unique_ptr<Router> base)
    : options_(readOptions(settings)), base_(std::move(base)), margin_(options_.margin.value_or(kDefaultMargin))
{
    if (!base_)
        throw std::invalid_argument("margin: no base regressor");
}

Eigen::MatrixXd MarginRouter::withinMarginOfBest(const Eigen::MatrixXd& quality, double margin)
{
    Eigen::MatrixXd result = quality;
    for (Eigen::Index n = 0; n < quality.rows(); ++n) {
        const double best = quality.row(n).maxCoeff();
        for (Eigen::Index m = 0; m < quality.cols(); ++m)
            if (quality(n, m) >= best - margin)
                result(n, m) = best;
    }
    return result;
}

double MarginRouter::chooseMargin(const Eigen::MatrixXd& predicted, const Eigen::RowVectorXd& modelCost,
                                  const TrainingSet& validation, double tolerance, const std::vector<double>& grid)
{
    const double reference = decisionOutcome(predicted, modelCost, validation).first;
    double chosen = 0.0, bestCost = std::numeric_limits<double>::infinity();
    const std::vector<double> candidates =
        grid.empty() ? std::vector<double>(std::begin(kMarginGrid), std::end(kMarginGrid)) : grid;
    for (double candidate : candidates) {
        const auto [score, cost] = decisionOutcome(withinMarginOfBest(predicted, candidate), modelCost, validation);
        if (score >= reference - tolerance && cost < bestCost) {
            bestCost = cost;
            chosen = candidate;
        }
    }
    return chosen;
}

void MarginRouter::fit(const TrainingSet& train, const TrainingSet* validation, const JobControl& job)
{
    base_->fit(train, validation, job);
    if (options_.margin || !validation)
        return;
    job.throwIfCancelled();
    margin_ = chooseMargin(base_->predictQuality(validation->features), train.costs.colwise().mean(), *validation,
                           options_.tolerance);
    job.report(1.0, "margin: chose " + std::to_string(margin_));
}

Eigen::MatrixXd MarginRouter::predictQuality(const FeatureMatrix& features) const
{
    return withinMarginOfBest(base_->predictQuality(features), margin_);
}

void MarginRouter::save(BinaryWriter& out) const
{
    out.write<std::uint32_t>(kFormatVersion);
    out.write<double>(margin_);
    out.write<double>(options_.tolerance);
    out.writeString(base_->kind());
    base_->save(out);
}

void MarginRouter::load(BinaryReader& in)
{
    if (in.read<std::uint32_t>() != kFormatVersion)
        throw FormatError("margin: unknown format version");
    const double margin = in.read<double>();
    const double tolerance = in.read<double>();
    const std::string baseKind = in.readString();
    std::unique_ptr<Router> base;
    if (baseKind != base_->kind()) {
        try {
            base = regressorOfKind(baseKind, {});
        } catch (const std::invalid_argument& e) {
            throw FormatError(e.what());
        }
    }
    (base ? *base : *base_).load(in);
    if (!(margin >= 0.0) || !(tolerance >= 0.0))
        throw FormatError("margin: bad saved margin");
    if (base)
        base_ = std::move(base);
    margin_ = margin;
    options_.tolerance = tolerance;
}

} // namespace routescope
