#pragma once
// Everything a comparison reports, computed once from an experiment's runs (test predictions and
// truth): for every router and every baseline the seed mean and spread of each metric, the
// bootstrap's 95 % intervals, the matched-quality figures, and each learned router against a
// reference router (the method: docs/statistics.md). The CLI's table, JSON and LaTeX and the
// workbench's table, CSV and report only format this value.
//
// Rows, in this order: the learned routers (as the experiment lists them), then the baselines,
// marked as such: the random router(s), `zero` (the zero router: single models mixed at random,
// their non-decreasing hull), `single:<model>` for every model, and the oracle.

#include "evaluation/bootstrap.h"
#include "evaluation/metrics.h"
#include "evaluation/seed_summary.h"
#include "experiment/comparison.h"
#include "experiment/experiment.h"
#include "util/job_control.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace routescope {

enum class RowKind { Router, Baseline, Oracle };
std::string_view rowKindName(RowKind kind); // "router", "baseline", "oracle"

// A bootstrap percentile interval; no `hi`: the upper end is "not reached" (QNC, savings).
struct ConfidenceInterval {
    double lo = 0;
    std::optional<double> hi;
};

// One metric of one row: mean and spread over seeds (seeds == 0: does not apply to the row), and
// its 95 % bootstrap interval (empty without bootstrap or where the mean is not reached).
struct Estimate {
    MetricSummary seeds;
    std::optional<ConfidenceInterval> ci95;
};

// The frontier's 95 % quality band at one cost, from one seed's query resamples.
struct BandPoint {
    double cost = 0;
    double lo = 0;
    double hi = 0;
};

struct SummaryRow {
    std::string name;
    RowKind kind = RowKind::Router;
    bool regression = false; // predicts one score per model: kNN, ridge, MLP, MF, margin, SVM
    Estimate auc, aiq, peak, qnc, qnc95, qnc90, rci, feasibleRci;
    MetricSummary topShare;     // share of the most expensive model at the largest budget
    std::vector<double> modelShares; // each model's share at the largest budget, seed mean
    // At the first budget whose quality reaches 95 % of the best single model's.
    MetricSummary rciAt95, topShareAt95;
    MetricSummary trainSeconds;              // seeds == 0 for baselines that are not trained
    MetricSummary smallMarginRate;           // of the predicted qualities; rows with a sweep only
    std::vector<CostQualityPoint> frontier;  // seed mean of each budget's operating point
    std::vector<double> callsPerQuery;       // seed mean at each of those budgets (1 but for cascades)
    std::vector<std::vector<BandPoint>> bands; // per seed; empty without bootstrap and for single models
};

// A router against the reference: the seed mean of the difference, its interval and two-sided p-value.
struct Difference {
    std::optional<double> estimate; // empty: not defined (a quality target not reached)
    std::optional<ConfidenceInterval> ci95;
    std::optional<double> p;
    bool significant() const { return p && *p < 0.05; }
};

struct Versus {
    std::string router;
    std::string reference;
    Difference auc; // AUC(router) - AUC(reference)
    // 1 - cost(router) / cost(reference) to reach 90 % and 95 % of the best single model's quality.
    Difference saving90, saving95;
};

struct SummaryOptions {
    BootstrapSettings bootstrap;          // resamples = 0: point estimates only
    std::optional<std::string> reference; // a row name (not the oracle); default below
};

struct ComparisonSummary {
    BudgetPolicy policy = BudgetPolicy::CostThreshold;
    std::vector<std::string> modelNames;
    std::vector<std::uint64_t> seeds;
    int budgets = 0;             // the oracle's sweep length (the routers' is at most this)
    int bestModel = 0;           // decided once over the seeds (experiment/comparison.h)
    SingleModelPoint bestSingle; // its quality and cost, seed means
    int mostExpensiveModel = 0;
    double topTieRate = 0; // seed mean
    // [cheapest, dearest] operating point: the interval AUC and AIQ use, per seed; costInterval
    // spans them all (each seed's own when the seeds agree).
    CostInterval costInterval;
    std::vector<CostInterval> seedCostIntervals;
    bool sharedTestSet = true; // every seed tests on the same queries (they share query resamples)
    BootstrapSettings bootstrap;
    // The reference row: --reference, or the regression router with the highest mean AUC, or
    // `zero` when the comparison has no regression router.
    std::string reference;
    bool referenceChosen = false; // named in the options, not the default
    std::vector<SummaryRow> rows;
    std::vector<Versus> versus; // every learned router but the reference, in row order

    const SummaryRow* row(const std::string& name) const;
    const Versus* versusOf(const std::string& router) const;
    bool hasIntervals() const { return bootstrap.resamples > 0; }
};

// The row names a comparison of these routers (experiment names) and models will have, in order.
std::vector<std::string> summaryRowNames(const std::vector<RouterSpec>& routers,
                                         const std::vector<std::string>& modelNames);
// Throws std::invalid_argument naming the choices when `reference` cannot be one.
void checkReference(const std::string& reference, const std::vector<RouterSpec>& routers,
                    const std::vector<std::string>& modelNames);

// The comparison's runs and its per-seed evaluations (compareRouters of the same runs). Reports
// the bootstrap's progress; throws Cancelled on cancel.
ComparisonSummary summariseComparison(const std::vector<ExperimentRun>& runs, const Comparison& comparison,
                                      const SummaryOptions& options = {}, const JobControl& job = {});

} // namespace routescope
