#include "report/comparison_summary.h"

#include "report/row_figures.h"
#include "report/seed_resamples.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace routescope {

namespace {

constexpr double kNotReached = std::numeric_limits<double>::infinity();

// The figures of every seed: observed[seed][row], and under the bootstrap resampled[seed].
struct SeedFigures {
    std::vector<std::vector<RowFigures>> observed;
    std::vector<SeedResamples> resampled;       // empty without bootstrap
    std::vector<std::vector<int>> drawnSeeds;   // per resample: the seeds its slots take
};

using Figure = std::optional<double> (*)(const RowFigures&);
using Contrast = std::optional<double> (*)(const RowFigures& router, const RowFigures& reference);

std::optional<ConfidenceInterval> intervalOf(const std::vector<double>& values)
{
    if (values.empty())
        return std::nullopt;
    const auto [lo, hi] = percentileInterval(values);
    if (std::isinf(lo))
        return std::nullopt;
    return ConfidenceInterval{lo, std::isinf(hi) ? std::nullopt : std::optional<double>(hi)};
}

// The seed mean of a figure under resample r: each drawn seed's resampled value, those not
// reached left out (as the point estimate leaves out seeds that did not reach).
template <typename Value>
std::optional<double> resampledMean(const SeedFigures& figures, std::size_t r, Value value)
{
    double sum = 0;
    int reached = 0;
    for (const int s : figures.drawnSeeds[r])
        if (const auto v = value(figures.resampled[std::size_t(s)].figures[r])) {
            sum += *v;
            ++reached;
        }
    return reached ? std::optional<double>(sum / reached) : std::nullopt;
}

Estimate estimateOf(const std::string& metric, const SeedFigures& figures, std::size_t row, Figure figure)
{
    Estimate e;
    std::vector<std::optional<double>> perSeed;
    for (const auto& seed : figures.observed)
        perSeed.push_back(figure(seed[row]));
    e.seeds = summariseMetric(metric, perSeed);
    if (figures.resampled.empty() || !e.seeds.mean)
        return e;
    std::vector<double> values;
    for (std::size_t r = 0; r < figures.drawnSeeds.size(); ++r)
        values.push_back(resampledMean(figures, r, [&](const auto& rows) { return figure(rows[row]); })
                             .value_or(kNotReached));
    e.ci95 = intervalOf(values);
    return e;
}

Difference differenceOf(const SeedFigures& figures, std::size_t router, std::size_t reference, Contrast contrast)
{
    Difference d;
    std::vector<std::optional<double>> perSeed;
    for (const auto& seed : figures.observed)
        perSeed.push_back(contrast(seed[router], seed[reference]));
    d.estimate = summariseMetric("", perSeed).mean;
    if (figures.resampled.empty() || !d.estimate)
        return d;
    // Resamples where the difference is not defined (a target not reached) are left out.
    std::vector<double> values;
    for (std::size_t r = 0; r < figures.drawnSeeds.size(); ++r)
        if (const auto v = resampledMean(figures, r, [&](const auto& rows) { return contrast(rows[router], rows[reference]); }))
            values.push_back(*v);
    if (values.empty())
        return d;
    const auto [lo, hi] = percentileInterval(values);
    d.ci95 = ConfidenceInterval{lo, hi};
    d.p = bootstrapPValue(values);
    return d;
}

std::optional<double> savingAt(const std::optional<double>& router, const std::optional<double>& reference)
{
    if (!router || !reference || !(*reference > 0))
        return std::nullopt;
    return 1.0 - *router / *reference;
}

// What is measured on the observed test set only: shares, the matched-quality figures, feasible
// RCI and training time.
struct RowExtras {
    std::optional<double> topShare, rciAt95, topShareAt95, feasibleRci, trainSeconds, smallMarginRate;
    std::vector<double> modelShares; // each model's share at the largest budget
};

RowExtras extrasOf(const RowPlan& plan, const SeedComparison& seed, const SeedPoints& points, int dearest)
{
    RowExtras x;
    const double target = 0.95 * seed.reference.bestSingle.quality;
    if (plan.swept()) {
        const RouterEvaluation& e = plan.oracle ? seed.oracle : seed.routers.at(std::size_t(plan.router));
        x.topShare = topModelShare(e, dearest);
        if (e.selectionShare.rows() > 0) {
            const Eigen::RowVectorXd last = e.selectionShare.row(e.selectionShare.rows() - 1);
            x.modelShares.assign(last.data(), last.data() + last.size());
        }
        if (const auto b = firstBudgetReaching(e.frontier, target)) {
            x.rciAt95 = e.rciCurve[*b];
            x.topShareAt95 = e.selectionShare(Eigen::Index(*b), dearest);
        }
        x.feasibleRci = e.feasibleRci;
        x.smallMarginRate = e.smallMarginRate;
        if (plan.router >= 0)
            x.trainSeconds = seed.trainSeconds.at(std::size_t(plan.router));
        return x;
    }
    // A single model, or the zero router, whose operating points are single models.
    std::vector<int> models;
    std::vector<FrontierPoint> operatingPoints;
    if (plan.zero) {
        for (const auto& p : zeroRouterPoints(points.singles, &models))
            operatingPoints.push_back({0, p.cost, p.quality});
    } else {
        const auto& m = points.singles.at(std::size_t(plan.model));
        models = {plan.model};
        operatingPoints = {{0, m.cost, m.quality}};
    }
    x.topShare = models.back() == dearest ? 1.0 : 0.0;
    x.modelShares.assign(points.singles.size(), 0.0);
    x.modelShares.at(std::size_t(models.back())) = 1.0;
    if (const auto v = firstBudgetReaching(operatingPoints, target)) {
        x.rciAt95 = points.singleRci[std::size_t(models[*v])];
        x.topShareAt95 = models[*v] == dearest ? 1.0 : 0.0;
    }
    return x;
}

MetricSummary summariseExtra(const std::string& metric, const std::vector<RowExtras>& perSeed,
                             std::optional<double> RowExtras::*member, bool applies)
{
    if (!applies)
        return MetricSummary{metric};
    std::vector<std::optional<double>> values;
    for (const auto& x : perSeed)
        values.push_back(x.*member);
    return summariseMetric(metric, values);
}

// Seed mean of the models called per query at each budget of a swept row (1 for one-call rows).
std::vector<double> meanCalls(const RowPlan& plan, const Comparison& comparison, std::size_t points)
{
    std::vector<double> calls(points, plan.swept() ? 0.0 : 1.0);
    if (!plan.swept())
        return calls;
    for (const auto& s : comparison.seeds) {
        const RouterEvaluation& e = plan.oracle ? s.oracle : s.routers.at(std::size_t(plan.router));
        for (std::size_t b = 0; b < points; ++b)
            calls[b] += (b < e.callsPerQuery.size() ? e.callsPerQuery[b] : 1.0) / double(comparison.seeds.size());
    }
    return calls;
}

std::vector<CostQualityPoint> meanFrontier(const RowPlan& plan, const Comparison& comparison)
{
    std::vector<CostQualityPoint> frontier;
    const double seeds = double(comparison.seeds.size());
    if (plan.swept()) {
        auto evaluation = [&](const SeedComparison& s) -> const RouterEvaluation& {
            return plan.oracle ? s.oracle : s.routers.at(std::size_t(plan.router));
        };
        std::size_t points = evaluation(comparison.seeds.front()).frontier.size();
        for (const auto& s : comparison.seeds)
            points = std::min(points, evaluation(s).frontier.size());
        for (std::size_t b = 0; b < points; ++b) {
            CostQualityPoint p;
            for (const auto& s : comparison.seeds) {
                p.cost += evaluation(s).frontier[b].cost / seeds;
                p.quality += evaluation(s).frontier[b].quality / seeds;
            }
            frontier.push_back(p);
        }
        return frontier;
    }
    std::vector<SingleModelPoint> singles = comparison.seeds.front().singleModels;
    for (auto& m : singles) {
        m.cost = m.quality = 0;
        for (const auto& s : comparison.seeds) {
            m.cost += s.singleModels[std::size_t(m.model)].cost / seeds;
            m.quality += s.singleModels[std::size_t(m.model)].quality / seeds;
        }
    }
    if (plan.zero)
        return zeroRouterPoints(singles);
    const auto& m = singles.at(std::size_t(plan.model));
    return {{m.cost, m.quality}};
}

std::string chooseReference(const std::vector<SummaryRow>& rows, const std::optional<std::string>& requested)
{
    if (requested) {
        for (const auto& row : rows)
            if (row.name == *requested && row.kind != RowKind::Oracle)
                return row.name;
        throw std::invalid_argument("no router or baseline named '" + *requested + "' to compare against");
    }
    const SummaryRow* best = nullptr;
    for (const auto& row : rows)
        if (row.regression && row.auc.seeds.mean && (!best || *row.auc.seeds.mean > *best->auc.seeds.mean))
            best = &row;
    return best ? best->name : "zero";
}

} // namespace

std::string_view rowKindName(RowKind kind)
{
    switch (kind) {
    case RowKind::Router: return "router";
    case RowKind::Baseline: return "baseline";
    case RowKind::Oracle: return "oracle";
    }
    return "router";
}

const SummaryRow* ComparisonSummary::row(const std::string& name) const
{
    for (const auto& r : rows)
        if (r.name == name)
            return &r;
    return nullptr;
}

const Versus* ComparisonSummary::versusOf(const std::string& router) const
{
    for (const auto& v : versus)
        if (v.router == router)
            return &v;
    return nullptr;
}

std::vector<std::string> summaryRowNames(const std::vector<RouterSpec>& routers, const std::vector<std::string>& modelNames)
{
    std::vector<std::string> names;
    for (const auto& plan : rowPlans(routers, modelNames))
        names.push_back(plan.name);
    return names;
}

void checkReference(const std::string& reference, const std::vector<RouterSpec>& routers,
                    const std::vector<std::string>& modelNames)
{
    if (reference == "oracle")
        throw std::invalid_argument("the oracle cannot be the reference: it is no router");
    const auto names = summaryRowNames(routers, modelNames);
    if (std::find(names.begin(), names.end(), reference) != names.end())
        return;
    std::string routerNames;
    for (const auto& r : routers)
        routerNames += (routerNames.empty() ? "" : ", ") + r.name;
    throw std::invalid_argument("no router or baseline named '" + reference + "' to compare against (routers: " +
                                (routerNames.empty() ? "none" : routerNames) + "; baselines: zero, single:<model>)");
}

ComparisonSummary summariseComparison(const std::vector<ExperimentRun>& runs, const Comparison& comparison,
                                      const SummaryOptions& options, const JobControl& job)
{
    if (runs.empty() || runs.size() != comparison.seeds.size())
        throw std::invalid_argument("a summary needs the comparison of its runs, one seed each");
    std::vector<RouterSpec> specs;
    for (const auto& r : runs.front().routers)
        specs.push_back(r.spec);
    const auto plans = rowPlans(specs, comparison.modelNames);
    const std::size_t seeds = runs.size();

    ComparisonSummary summary;
    summary.policy = comparison.policy;
    summary.modelNames = comparison.modelNames;
    summary.bestModel = comparison.bestModel;
    summary.mostExpensiveModel = comparison.mostExpensiveModel;
    summary.bootstrap = options.bootstrap;
    summary.bootstrap.resamples = std::max(options.bootstrap.resamples, 0);
    summary.budgets = int(comparison.seeds.front().oracle.frontier.size());
    summary.bestSingle.model = comparison.bestModel;
    summary.costInterval = comparison.seeds.front().reference.costInterval;
    for (const auto& s : comparison.seeds) {
        summary.seeds.push_back(s.seed);
        summary.bestSingle.cost += s.reference.bestSingle.cost / double(seeds);
        summary.bestSingle.quality += s.reference.bestSingle.quality / double(seeds);
        summary.topTieRate += s.reference.topTieRate / double(seeds);
        summary.seedCostIntervals.push_back(s.reference.costInterval);
        summary.costInterval.lo = std::min(summary.costInterval.lo, s.reference.costInterval.lo);
        summary.costInterval.hi = std::max(summary.costInterval.hi, s.reference.costInterval.hi);
    }
    for (const auto& run : runs)
        summary.sharedTestSet = summary.sharedTestSet && run.testRows == runs.front().testRows;

    SeedFigures figures;
    std::vector<std::vector<RowExtras>> extras(plans.size());
    for (std::size_t s = 0; s < seeds; ++s) {
        const SeedPoints points = observedPoints(comparison.seeds[s], runs[s], plans);
        figures.observed.push_back(rowFigures(points, plans, comparison.bestModel));
        for (std::size_t i = 0; i < plans.size(); ++i)
            extras[i].push_back(extrasOf(plans[i], comparison.seeds[s], points, comparison.mostExpensiveModel));
    }
    if (summary.hasIntervals()) {
        for (std::size_t s = 0; s < seeds; ++s) {
            JobControl seedJob = job;
            seedJob.progress = [&job, s, seeds](double fraction, const std::string& message) {
                job.report((double(s) + fraction) / double(seeds),
                           message + (seeds > 1 ? ", seed " + std::to_string(s + 1) + "/" + std::to_string(seeds) : ""));
            };
            // Seeds that test on the same queries share resamples; other test sets have their own.
            const std::uint64_t stream = summary.sharedTestSet ? 0 : s + 1;
            figures.resampled.push_back(resampleSeed(runs[s], comparison.seeds[s], comparison.policy, plans,
                                                     comparison.bestModel, summary.bootstrap, stream, seedJob));
        }
        for (int r = 0; r < summary.bootstrap.resamples; ++r)
            figures.drawnSeeds.push_back(resampleRuns(int(seeds), summary.bootstrap.seed, std::uint64_t(r)));
    }

    for (std::size_t i = 0; i < plans.size(); ++i) {
        const RowPlan& plan = plans[i];
        SummaryRow row;
        row.name = plan.name;
        row.kind = plan.kind;
        row.regression = plan.regression;
        row.auc = estimateOf("auc", figures, i, [](const RowFigures& f) { return std::optional<double>(f.auc); });
        row.aiq = estimateOf("aiq", figures, i, [](const RowFigures& f) { return std::optional<double>(f.aiq); });
        row.peak = estimateOf("peak", figures, i, [](const RowFigures& f) { return std::optional<double>(f.peak); });
        row.qnc = estimateOf("qnc", figures, i, [](const RowFigures& f) { return f.qnc; });
        row.qnc95 = estimateOf("qnc@0.95", figures, i, [](const RowFigures& f) { return f.qnc95; });
        row.qnc90 = estimateOf("qnc@0.9", figures, i, [](const RowFigures& f) { return f.qnc90; });
        row.rci = estimateOf("rci", figures, i, [](const RowFigures& f) { return std::optional<double>(f.rci); });
        row.feasibleRci.seeds = summariseExtra("feasible_rci", extras[i], &RowExtras::feasibleRci, plan.swept());
        row.topShare = summariseExtra("top_model_share", extras[i], &RowExtras::topShare, true);
        row.rciAt95 = summariseExtra("rci@0.95", extras[i], &RowExtras::rciAt95, true);
        row.topShareAt95 = summariseExtra("top_model_share@0.95", extras[i], &RowExtras::topShareAt95, true);
        row.trainSeconds = summariseExtra("train_seconds", extras[i], &RowExtras::trainSeconds, plan.router >= 0);
        row.smallMarginRate = summariseExtra("small_margin_rate", extras[i], &RowExtras::smallMarginRate, plan.swept());
        for (const auto& seed : extras[i])
            for (std::size_t m = 0; m < seed.modelShares.size(); ++m) {
                row.modelShares.resize(seed.modelShares.size());
                row.modelShares[m] += seed.modelShares[m] / double(extras[i].size());
            }
        row.frontier = meanFrontier(plan, comparison);
        row.callsPerQuery = meanCalls(plan, comparison, row.frontier.size());
        if (plan.model < 0)
            for (const auto& resampled : figures.resampled)
                row.bands.push_back(resampled.bands[i]);
        summary.rows.push_back(std::move(row));
    }

    summary.reference = chooseReference(summary.rows, options.reference);
    summary.referenceChosen = options.reference.has_value();
    std::size_t reference = 0;
    while (summary.rows[reference].name != summary.reference)
        ++reference;
    for (std::size_t i = 0; i < plans.size(); ++i) {
        if (plans[i].kind != RowKind::Router || i == reference)
            continue;
        Versus v{plans[i].name, summary.reference, {}, {}, {}};
        v.auc = differenceOf(figures, i, reference, [](const RowFigures& a, const RowFigures& b) {
            return std::optional<double>(a.auc - b.auc);
        });
        v.saving90 = differenceOf(figures, i, reference,
                                  [](const RowFigures& a, const RowFigures& b) { return savingAt(a.cost90, b.cost90); });
        v.saving95 = differenceOf(figures, i, reference,
                                  [](const RowFigures& a, const RowFigures& b) { return savingAt(a.cost95, b.cost95); });
        summary.versus.push_back(std::move(v));
    }
    return summary;
}

} // namespace routescope
