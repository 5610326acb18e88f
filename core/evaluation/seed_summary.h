#pragma once
// One metric over several seeds: mean and spread, counting the seeds that reached it ("not
// reached" QNC values are skipped, not averaged as something).

#include "util/json_writer.h"

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

void writeJson(JsonWriter& json, const std::vector<MetricSummary>& summaries);

} // namespace routescope
