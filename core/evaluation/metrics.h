#pragma once
// Quality-cost metrics of routers (method.md section 5): fronts, AUC, AIQ, peak, QNC, cost
// saving, the routing collapse index (RCI), selection share and tie analysis.
//
// Conventions, the same for every router:
// - A front is a quality curve over cost through its points: linear between points (two
//   operating points can be mixed at random), flat to the right of the last point, and 0 left
//   of the first point (a router cannot spend less than its cheapest operating point).
// - Reaching a quality is stepwise: the cost of the first front point whose quality reaches the
//   target (an operating point the router really has), with a 1e-12 relative tolerance so a
//   router routing exactly like the best single model reaches that model's quality.

#include "evaluation/budget_policy.h"
#include "evaluation/collapse_curves.h"

#include <Eigen/Core>

#include <optional>
#include <vector>

namespace routescope {

struct CostQualityPoint {
    double cost = 0;
    double quality = 0;
    bool operator==(const CostQualityPoint&) const = default;
};

struct CostInterval {
    double lo = 0;
    double hi = 0;
};

struct SingleModelPoint {
    int model = -1;
    double cost = 0;    // mean true cost
    double quality = 0; // mean true score
};

std::vector<CostQualityPoint> costQualityPoints(const std::vector<FrontierPoint>& frontier);

// Sorted by cost; keeps the points whose quality beats every cheaper point (one per cost).
std::vector<CostQualityPoint> paretoFront(std::vector<CostQualityPoint> points);

// The upper concave envelope of the points, cut at its highest point so it never decreases.
std::vector<CostQualityPoint> nonDecreasingHull(std::vector<CostQualityPoint> points);

// The quality of a front (sorted by cost) at a cost, under the conventions above.
double qualityAt(const std::vector<CostQualityPoint>& front, double cost);

// Mean of qualityAt over the interval (area / width); qualityAt(lo) for an empty interval.
double meanQualityOver(const std::vector<CostQualityPoint>& front, CostInterval interval);

// [cheapest, dearest] cost over all the point sets: the interval AUC and AIQ share.
CostInterval sharedCostInterval(const std::vector<std::vector<CostQualityPoint>>& pointSets);

// Area under the Pareto front over the shared interval, normalised to width 1.
double areaUnderCurve(const std::vector<CostQualityPoint>& points, CostInterval interval);
// RouterBench's AIQ: the same over the non-decreasing hull.
double averageImprovedQuality(const std::vector<CostQualityPoint>& points, CostInterval interval);
// The highest quality of any point.
double peakQuality(const std::vector<CostQualityPoint>& points);

// Stepwise cost at which the Pareto front of the points first reaches the quality; empty if never.
std::optional<double> costToReach(const std::vector<CostQualityPoint>& points, double quality);

// Mean true cost and score of each model used alone.
std::vector<SingleModelPoint> singleModelPoints(const Eigen::MatrixXd& A, const Eigen::MatrixXd& K);
// Highest mean score; ties go to the lower mean cost, then the lower index.
SingleModelPoint bestSingleModel(const Eigen::MatrixXd& A, const Eigen::MatrixXd& K);
// The same decided once for several test sets (one per seed), on each model's quality and cost
// averaged over them; returns the model index.
int bestSingleModel(const std::vector<std::vector<SingleModelPoint>>& perTestSet);
// The model with the highest mean true cost averaged over the test sets (ties: the lower index).
int mostExpensiveModel(const std::vector<std::vector<SingleModelPoint>>& perTestSet);
// The zero router: mixing single models at random, i.e. their non-decreasing hull.
std::vector<CostQualityPoint> zeroRouterFront(const Eigen::MatrixXd& A, const Eigen::MatrixXd& K);

// QNC@fraction: cost to reach fraction x the best model's quality / the best model's cost.
// Empty when not reached (or the best model costs nothing, so no ratio exists).
std::optional<double> qualityNeutralCost(const std::vector<CostQualityPoint>& points, const SingleModelPoint& best,
                                         double fraction = 1.0);

// 1 - cost_A / cost_B at the quality (stepwise); empty when either never reaches it or B costs nothing.
std::optional<double> costSavingAtQuality(const std::vector<CostQualityPoint>& pointsA,
                                          const std::vector<CostQualityPoint>& pointsB, double quality);

// The first budget (in sweep order, least spending first) whose operating point reaches the
// quality, under the same tolerance as costToReach; empty if none does.
std::optional<std::size_t> firstBudgetReaching(const std::vector<FrontierPoint>& frontier, double quality);

// Whether each query's chosen model counts as collapsed (1) or not (0): RCI's terms, below.
Eigen::VectorXd collapseIndicators(const Eigen::MatrixXd& A, const Eigen::MatrixXd& K,
                                   const Eigen::Ref<const Eigen::VectorXi>& choices);
// RCI: mean over queries of 1, except 0 when the chosen model has the query's top true score and
// either is not the most expensive model (highest mean true cost in K) or only most expensive
// models have the top score.
double routingCollapseIndex(const Eigen::MatrixXd& A, const Eigen::MatrixXd& K,
                            const Eigen::Ref<const Eigen::VectorXi>& choices);
// The same with the top score and "most expensive" judged among each query's allowed models.
double routingCollapseIndex(const Eigen::MatrixXd& A, const Eigen::MatrixXd& K,
                            const Eigen::Ref<const Eigen::VectorXi>& choices,
                            const Eigen::Array<bool, Eigen::Dynamic, Eigen::Dynamic>& allowed);

// Fraction of queries routed to each model: budgets x models, rows sum to 1.
Eigen::MatrixXd selectionShare(const BudgetSweep& sweep, Eigen::Index models);

// Fraction of queries where two or more models share the top true score exactly.
double topTieRate(const Eigen::MatrixXd& A);
// Fraction of queries whose two highest predicted qualities differ by less than epsilon
// (0 with a single model).
double smallMarginRate(const Eigen::MatrixXd& P, double epsilon);

} // namespace routescope
