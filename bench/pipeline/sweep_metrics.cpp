#include "pipeline/sweep_metrics.h"

namespace routescope::bench {

std::vector<BudgetSweep> sweepAll(const std::vector<RoutedPrediction>& routers, const Eigen::MatrixXd& A,
                                  const Eigen::MatrixXd& K, int budgets)
{
    std::vector<BudgetSweep> sweeps;
    sweeps.reserve(routers.size());
    for (const auto& router : routers)
        sweeps.push_back(sweepBudgets(BudgetPolicy::CostThreshold, router.quality, router.cost, A, K, budgets));
    return sweeps;
}

std::vector<RouterMetrics> metricsOf(const std::vector<RoutedPrediction>& routers,
                                     const std::vector<BudgetSweep>& sweeps, const Eigen::MatrixXd& A,
                                     const Eigen::MatrixXd& K)
{
    std::vector<std::vector<CostQualityPoint>> points;
    for (const auto& sweep : sweeps)
        points.push_back(costQualityPoints(sweep.frontier));
    const CostInterval interval = sharedCostInterval(points);
    const SingleModelPoint best = bestSingleModel(A, K);
    std::vector<RouterMetrics> result;
    for (std::size_t r = 0; r < routers.size(); ++r) {
        const Eigen::VectorXi last = sweeps[r].choices.row(sweeps[r].choices.rows() - 1).transpose().cast<int>();
        RouterMetrics m;
        m.name = routers[r].name;
        m.auc = areaUnderCurve(points[r], interval);
        m.peak = peakQuality(points[r]);
        m.qnc = qualityNeutralCost(points[r], best, 1.0);
        m.qnc95 = qualityNeutralCost(points[r], best, 0.95);
        m.qnc90 = qualityNeutralCost(points[r], best, 0.9);
        m.rci = routingCollapseIndex(A, K, last);
        m.topModelShare = double((last.array() == best.model).count()) / double(last.size());
        result.push_back(m);
    }
    return result;
}

void writeMetricsJson(JsonWriter& json, const std::vector<RouterMetrics>& metrics)
{
    json.beginObject();
    for (const auto& m : metrics) {
        json.key(m.name).beginObject();
        json.key("auc").value(m.auc);
        json.key("peak").value(m.peak);
        json.key("qnc").value(m.qnc);
        json.key("qnc@0.95").value(m.qnc95);
        json.key("qnc@0.9").value(m.qnc90);
        json.key("rci_at_largest_budget").value(m.rci);
        json.key("top_model_share_at_largest_budget").value(m.topModelShare);
        json.endObject();
    }
    json.endObject();
}

} // namespace routescope::bench
