#include "pipeline/sweep_metrics.h"

#include "evaluation/router_evaluation.h"
#include "experiment/comparison.h"

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
    std::vector<const std::vector<FrontierPoint>*> all;
    for (const auto& sweep : sweeps)
        all.push_back(&sweep.frontier);
    // The workbench's and the CLI's evaluation: the interval spans every sweep and single model.
    const EvaluationReference reference = makeEvaluationReference(A, K, all);
    const int dearest = mostExpensiveModel({singleModelPoints(A, K)});
    std::vector<RouterMetrics> result;
    for (std::size_t r = 0; r < routers.size(); ++r) {
        const RouterEvaluation e =
            evaluateRouter(routers[r].name, sweeps[r], routers[r].quality, routers[r].cost, A, K, reference);
        RouterMetrics m;
        m.name = routers[r].name;
        m.auc = e.auc;
        m.peak = e.peak;
        m.qnc = e.qnc;
        m.qnc95 = e.qnc95;
        m.qnc90 = e.qnc90;
        m.rci = e.rci;
        m.topModelShare = topModelShare(e, dearest);
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
