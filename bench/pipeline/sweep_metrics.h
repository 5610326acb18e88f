#pragma once
// The cost-threshold sweep of every router and the reference's metrics on it (AUC over the
// interval shared by all routers' operating points and the single models, peak, QNC, RCI and the
// most expensive model's share at the largest budget), computed by core's evaluateRouter, as the
// workbench and the CLI compute them.

#include "evaluation/budget_policy.h"
#include "evaluation/metrics.h"
#include "util/json_writer.h"

#include <optional>
#include <string>
#include <vector>

namespace routescope::bench {

// What a router hands the budget policy on the test rows.
struct RoutedPrediction {
    std::string name;
    Eigen::MatrixXd quality; // P
    Eigen::MatrixXd cost;    // C
};

struct RouterMetrics {
    std::string name;
    double auc = 0;
    double peak = 0;
    std::optional<double> qnc, qnc95, qnc90;
    double rci = 0;
    double topModelShare = 0;
};

std::vector<BudgetSweep> sweepAll(const std::vector<RoutedPrediction>& routers, const Eigen::MatrixXd& A,
                                  const Eigen::MatrixXd& K, int budgets);

std::vector<RouterMetrics> metricsOf(const std::vector<RoutedPrediction>& routers,
                                     const std::vector<BudgetSweep>& sweeps, const Eigen::MatrixXd& A,
                                     const Eigen::MatrixXd& K);

// {"name": {"auc": ..., "peak": ..., "qnc": ..., "qnc@0.95": ..., "qnc@0.9": ...,
//  "rci_at_largest_budget": ..., "top_model_share_at_largest_budget": ...}, ...}
void writeMetricsJson(JsonWriter& json, const std::vector<RouterMetrics>& metrics);

} // namespace routescope::bench
