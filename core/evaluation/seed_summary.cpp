#include "evaluation/seed_summary.h"

#include <algorithm>
#include <cmath>

namespace routescope {

MetricSummary summariseMetric(std::string metric, const std::vector<std::optional<double>>& perSeed)
{
    MetricSummary s;
    s.metric = std::move(metric);
    s.seeds = static_cast<int>(perSeed.size());
    std::vector<double> values;
    for (const auto& v : perSeed)
        if (v)
            values.push_back(*v);
    s.reached = static_cast<int>(values.size());
    if (values.empty())
        return s;
    double sum = 0;
    for (const double v : values)
        sum += v;
    const double mean = sum / static_cast<double>(values.size());
    s.mean = mean;
    s.min = *std::min_element(values.begin(), values.end());
    s.max = *std::max_element(values.begin(), values.end());
    if (values.size() >= 2) {
        double squares = 0;
        for (const double v : values)
            squares += (v - mean) * (v - mean);
        s.stddev = std::sqrt(squares / static_cast<double>(values.size() - 1));
    }
    return s;
}

void writeJson(JsonWriter& json, const std::vector<MetricSummary>& summaries)
{
    json.beginObject();
    for (const auto& s : summaries) {
        json.key(s.metric).beginObject();
        json.key("seeds").value(s.seeds);
        json.key("reached").value(s.reached);
        json.key("mean").value(s.mean);
        json.key("std").value(s.stddev);
        json.key("min").value(s.min);
        json.key("max").value(s.max);
        json.endObject();
    }
    json.endObject();
}

} // namespace routescope
