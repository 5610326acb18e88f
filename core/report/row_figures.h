#pragma once
// The figures of every row of a comparison on one seed, from that seed's operating points: one
// estimator for the observed test set and for each bootstrap resample of it, so a point estimate
// and its interval are always the same computation (used by comparison_summary.cpp).

#include "evaluation/metrics.h"
#include "experiment/comparison.h"
#include "report/comparison_summary.h"

#include <optional>
#include <string>
#include <vector>

namespace routescope {

// What one row of the summary is made of.
struct RowPlan {
    std::string name;
    RowKind kind = RowKind::Router;
    bool regression = false;
    int router = -1; // index in the comparison's routers (or -1)
    int model = -1;  // single:<model> (or -1)
    bool zero = false;
    bool oracle = false;
    bool swept() const { return router >= 0 || oracle; } // has a budget sweep of its own
};

// Learned routers, then random routers, zero, single models, the oracle.
std::vector<RowPlan> rowPlans(const std::vector<RouterSpec>& routers, const std::vector<std::string>& modelNames);

// One seed's operating points, observed or resampled.
struct SeedPoints {
    std::vector<std::vector<CostQualityPoint>> sweeps; // per plan row with a sweep, else empty
    std::vector<double> sweepRci;                      // per plan row with a sweep: RCI at the largest budget
    std::vector<SingleModelPoint> singles;             // per model
    std::vector<double> singleRci;                     // per model: RCI of always choosing it
};

// One row on one seed (or one resample of it).
struct RowFigures {
    double auc = 0, aiq = 0, peak = 0, rci = 0;
    std::optional<double> qnc, qnc95, qnc90;
    std::optional<double> cost90, cost95; // cost to reach 90 % / 95 % of the best single model's quality
};

// The observed operating points of one seed (the per-seed evaluations of the comparison).
SeedPoints observedPoints(const SeedComparison& seed, const ExperimentRun& run, const std::vector<RowPlan>& plans);

// Every row's figures; the interval AUC uses spans all operating points, as in evaluation/.
std::vector<RowFigures> rowFigures(const SeedPoints& points, const std::vector<RowPlan>& plans, int bestModel);

// The zero router's operating points (the hull of the single models) and, for each, its model.
std::vector<CostQualityPoint> zeroRouterPoints(const std::vector<SingleModelPoint>& singles,
                                               std::vector<int>* models = nullptr);

} // namespace routescope
