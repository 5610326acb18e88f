#include "evaluation/router_evaluation.h"

#include "evaluation/sequential_sweep.h"

#include <stdexcept>
#include <string>

namespace routescope {
namespace {

void writePoints(JsonWriter& json, const std::vector<CostQualityPoint>& points)
{
    json.beginArray();
    for (const auto& p : points)
        json.beginObject().key("cost").value(p.cost).key("quality").value(p.quality).endObject();
    json.endArray();
}

void writeNumbers(JsonWriter& json, const std::vector<double>& values)
{
    json.beginArray();
    for (const double v : values)
        json.value(v);
    json.endArray();
}

} // namespace

EvaluationReference makeEvaluationReference(const Eigen::MatrixXd& A, const Eigen::MatrixXd& K,
                                            const std::vector<const std::vector<FrontierPoint>*>& frontiers,
                                            std::optional<int> bestModel, double marginEpsilon)
{
    EvaluationReference reference;
    if (bestModel) {
        const auto models = singleModelPoints(A, K);
        if (*bestModel < 0 || std::size_t(*bestModel) >= models.size())
            throw std::invalid_argument("no model " + std::to_string(*bestModel));
        reference.bestSingle = models[std::size_t(*bestModel)];
    } else {
        reference.bestSingle = bestSingleModel(A, K);
    }
    reference.zeroRouter = zeroRouterFront(A, K);
    std::vector<std::vector<CostQualityPoint>> pointSets;
    std::vector<CostQualityPoint> singles;
    for (const auto& m : singleModelPoints(A, K))
        singles.push_back({m.cost, m.quality});
    pointSets.push_back(std::move(singles));
    for (const auto* frontier : frontiers)
        pointSets.push_back(costQualityPoints(*frontier));
    reference.costInterval = sharedCostInterval(pointSets);
    reference.topTieRate = topTieRate(A);
    reference.marginEpsilon = marginEpsilon;
    return reference;
}

RouterEvaluation evaluateRouter(std::string name, const BudgetSweep& sweep, const Eigen::MatrixXd& P,
                                const Eigen::MatrixXd& C, const Eigen::MatrixXd& A, const Eigen::MatrixXd& K,
                                const EvaluationReference& reference)
{
    if (sweep.frontier.empty())
        throw std::invalid_argument("an empty sweep cannot be evaluated");
    return evaluateRouter(std::move(name), sweep, P, CollapseVerdicts(A, K, &C), reference);
}

RouterEvaluation evaluateRouter(std::string name, const BudgetSweep& sweep, const Eigen::MatrixXd& P,
                                const CollapseVerdicts& verdicts, const EvaluationReference& reference)
{
    RouterEvaluation e = evaluateChoices(std::move(name), sweep, verdicts);
    evaluateAgainst(e, P, reference);
    return e;
}

RouterEvaluation evaluateChoices(std::string name, const BudgetSweep& sweep, const CollapseVerdicts& verdicts)
{
    if (sweep.frontier.empty())
        throw std::invalid_argument("an empty sweep cannot be evaluated");
    if (!verdicts.hasPredictedCost())
        throw std::invalid_argument("a router's evaluation needs the verdicts of its predicted cost");
    RouterEvaluation e;
    e.router = std::move(name);
    e.policy = sweep.policy;
    e.frontier = sweep.frontier;
    CollapseCurves curves = collapseCurves(sweep, verdicts);
    e.rciCurve = std::move(curves.all);
    e.feasibleRciCurve = std::move(curves.feasible);
    e.rci = e.rciCurve.back();
    e.feasibleRci = e.feasibleRciCurve.back();
    e.selectionShare = selectionShare(sweep, verdicts.scores().cols());
    e.callsPerQuery = callsPerQuery(sweep);
    return e;
}

void evaluateAgainst(RouterEvaluation& e, const Eigen::MatrixXd& P, const EvaluationReference& reference)
{
    const auto points = costQualityPoints(e.frontier);
    e.paretoFront = paretoFront(points);
    e.hull = nonDecreasingHull(points);
    e.auc = areaUnderCurve(points, reference.costInterval);
    e.aiq = averageImprovedQuality(points, reference.costInterval);
    e.peak = peakQuality(points);
    e.qnc = qualityNeutralCost(points, reference.bestSingle, 1.0);
    e.qnc95 = qualityNeutralCost(points, reference.bestSingle, 0.95);
    e.qnc90 = qualityNeutralCost(points, reference.bestSingle, 0.9);
    e.smallMarginRate = smallMarginRate(P, reference.marginEpsilon);
}

std::vector<std::pair<std::string, std::optional<double>>> scalarMetrics(const RouterEvaluation& e)
{
    return {{"auc", e.auc},         {"aiq", e.aiq},       {"peak", e.peak},
            {"qnc", e.qnc},         {"qnc@0.95", e.qnc95}, {"qnc@0.9", e.qnc90},
            {"rci", e.rci},         {"feasible_rci", e.feasibleRci},
            {"small_margin_rate", e.smallMarginRate}};
}

void writeJson(JsonWriter& json, const EvaluationReference& reference)
{
    json.beginObject();
    json.key("cost_interval").beginArray().value(reference.costInterval.lo).value(reference.costInterval.hi).endArray();
    json.key("best_single").beginObject();
    json.key("model").value(reference.bestSingle.model);
    json.key("cost").value(reference.bestSingle.cost);
    json.key("quality").value(reference.bestSingle.quality);
    json.endObject();
    json.key("zero_router");
    writePoints(json, reference.zeroRouter);
    json.key("top_tie_rate").value(reference.topTieRate);
    json.key("margin_epsilon").value(reference.marginEpsilon);
    json.endObject();
}

void writeJson(JsonWriter& json, const RouterEvaluation& e, const std::vector<std::string>& modelNames)
{
    if (modelNames.size() != static_cast<std::size_t>(e.selectionShare.cols()))
        throw std::invalid_argument("one model name per selection-share column is needed");
    json.beginObject();
    json.key("router").value(e.router);
    json.key("policy").value(budgetPolicyName(e.policy));
    json.key("metrics").beginObject();
    for (const auto& [name, value] : scalarMetrics(e))
        json.key(name).value(value);
    json.endObject();
    json.key("frontier").beginArray();
    for (const auto& p : e.frontier)
        json.beginObject().key("budget").value(p.budget).key("cost").value(p.cost).key("quality").value(p.quality).endObject();
    json.endArray();
    json.key("pareto_front");
    writePoints(json, e.paretoFront);
    json.key("hull");
    writePoints(json, e.hull);
    json.key("rci_curve");
    writeNumbers(json, e.rciCurve);
    json.key("feasible_rci_curve");
    writeNumbers(json, e.feasibleRciCurve);
    json.key("calls_per_query");
    writeNumbers(json, e.callsPerQuery);
    json.key("selection_share").beginObject();
    for (Eigen::Index m = 0; m < e.selectionShare.cols(); ++m) {
        json.key(modelNames[static_cast<std::size_t>(m)]).beginArray();
        for (Eigen::Index b = 0; b < e.selectionShare.rows(); ++b)
            json.value(e.selectionShare(b, m));
        json.endArray();
    }
    json.endObject();
    json.endObject();
}

} // namespace routescope
