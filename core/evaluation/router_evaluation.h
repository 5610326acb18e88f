#pragma once
// One router's evaluation on a test set as a plain value: what the CLI `compare` prints, the
// GUI plots and the project store keeps (as JSON).

#include "evaluation/budget_policy.h"
#include "evaluation/collapse_curves.h"
#include "evaluation/metrics.h"
#include "util/json_writer.h"

#include <Eigen/Core>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace routescope {

// What every router of one comparison is measured against; built once from the test truth.
struct EvaluationReference {
    CostInterval costInterval;           // shared by AUC and AIQ of all routers
    SingleModelPoint bestSingle;         // QNC's yardstick
    std::vector<CostQualityPoint> zeroRouter; // hull of the single models
    double topTieRate = 0;               // property of the test truth, not of a router
    double marginEpsilon = 0.01;         // for smallMarginRate
};

// Interval = [cheapest, dearest] over the sweeps' frontiers and the single models. bestModel:
// the best single model when decided elsewhere (over several seeds), else bestSingleModel(A, K).
EvaluationReference makeEvaluationReference(const Eigen::MatrixXd& A, const Eigen::MatrixXd& K,
                                            const std::vector<const std::vector<FrontierPoint>*>& frontiers,
                                            std::optional<int> bestModel = std::nullopt,
                                            double marginEpsilon = 0.01);

struct RouterEvaluation {
    std::string router;
    BudgetPolicy policy = BudgetPolicy::CostThreshold;
    std::vector<FrontierPoint> frontier; // every budget of the sweep, least spending first
    std::vector<CostQualityPoint> paretoFront;
    std::vector<CostQualityPoint> hull; // non-decreasing upper convex hull
    double auc = 0;
    double aiq = 0;
    double peak = 0;
    std::optional<double> qnc;   // empty = not reached
    std::optional<double> qnc95;
    std::optional<double> qnc90;
    double rci = 0;              // at the largest budget
    double feasibleRci = 0;      // at the largest budget
    std::vector<double> rciCurve;         // per budget
    std::vector<double> feasibleRciCurve; // per budget
    Eigen::MatrixXd selectionShare;       // budgets x models
    std::vector<double> callsPerQuery;    // per budget: 1 except for cascades
    double smallMarginRate = 0;
};

// P and C are what the sweep ran on (the prediction), A and K the test truth; a cascade's sweep
// (sequential_sweep.h) ran on the truth alone, its P only feeds smallMarginRate.
RouterEvaluation evaluateRouter(std::string name, const BudgetSweep& sweep, const Eigen::MatrixXd& P,
                                const Eigen::MatrixXd& C, const Eigen::MatrixXd& A, const Eigen::MatrixXd& K,
                                const EvaluationReference& reference);
// The same with RCI's verdicts built once for every router swept on the same predicted cost C
// (verdicts made from A, K and C): the same evaluation, without redoing the per-query work.
RouterEvaluation evaluateRouter(std::string name, const BudgetSweep& sweep, const Eigen::MatrixXd& P,
                                const CollapseVerdicts& verdicts, const EvaluationReference& reference);
// The same in two steps, for work that drops each sweep before every router's frontier is in
// and the shared reference can be made (compareRouters): first what needs the sweep's choices
// (its frontier, RCI curves, selection share and calls per query), then what needs the reference
// (the frontier's metrics) and P (the small-margin rate).
RouterEvaluation evaluateChoices(std::string name, const BudgetSweep& sweep, const CollapseVerdicts& verdicts);
void evaluateAgainst(RouterEvaluation& evaluation, const Eigen::MatrixXd& P, const EvaluationReference& reference);

// The scalar metrics by name ("auc", "aiq", "peak", "qnc", "qnc@0.95", "qnc@0.9", "rci",
// "feasible_rci", "small_margin_rate"), empty where not reached: for tables and seed summaries.
std::vector<std::pair<std::string, std::optional<double>>> scalarMetrics(const RouterEvaluation& evaluation);

void writeJson(JsonWriter& json, const EvaluationReference& reference);
// modelNames label the selection-share columns.
void writeJson(JsonWriter& json, const RouterEvaluation& evaluation, const std::vector<std::string>& modelNames);

} // namespace routescope
