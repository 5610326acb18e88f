#pragma once
// Several seeds of one router: mean and spread of every scalar metric, counting the seeds that
// reached a metric ("not reached" QNC values are skipped, not averaged as something).

#include "evaluation/router_evaluation.h"

#include <optional>
#include <string>
#include <vector>

namespace routescope {

struct MetricSummary {
    std::string metric;
    int seeds = 0;   // seeds evaluated
    int reached = 0; // seeds with a value
    std::optional<double> mean;   // empty when no seed reached
    std::optional<double> stddev; // sample standard deviation; empty below two values
    std::optional<double> min;
    std::optional<double> max;
};

MetricSummary summariseMetric(std::string metric, const std::vector<std::optional<double>>& perSeed);

// One summary per scalarMetrics() name, in that order.
std::vector<MetricSummary> summariseSeeds(const std::vector<RouterEvaluation>& perSeed);

// The summary of one metric by name; throws std::invalid_argument for a name not there.
const MetricSummary& findMetric(const std::vector<MetricSummary>& summaries, const std::string& metric);

void writeJson(JsonWriter& json, const std::vector<MetricSummary>& summaries);

} // namespace routescope
