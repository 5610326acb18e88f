#include "scenario/scenario.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace routescope {

namespace {

// The shortest text that reads back as the same number: 0.1, 2.5, 30.
std::string shortNumber(double value)
{
    char text[32] = {};
    if (value == std::floor(value) && std::abs(value) < 1e15) {
        std::snprintf(text, sizeof text, "%.0f", value);
        return text;
    }
    for (int digits = 1; digits <= 17; ++digits) {
        std::snprintf(text, sizeof text, "%.*g", digits, value);
        if (std::strtod(text, nullptr) == value)
            break;
    }
    return text;
}

void requireModel(const std::string& model, const std::vector<std::string>& models)
{
    if (std::find(models.begin(), models.end(), model) != models.end())
        return;
    std::string known;
    for (const auto& m : models)
        known += (known.empty() ? "" : ", ") + m;
    throw std::invalid_argument("no model '" + model + "' in the experiment (models: " + known + ")");
}

} // namespace

void checkScenario(const Scenario& scenario, const std::vector<std::string>& models)
{
    for (const auto& [model, factor] : scenario.factors) {
        requireModel(model, models);
        if (!std::isfinite(factor) || factor <= 0 || factor > kMaxPriceFactor)
            throw std::invalid_argument("the price factor of '" + model + "' must be a positive finite number up to " +
                                        shortNumber(kMaxPriceFactor) + ", not " + shortNumber(factor));
        if (scenario.prices.count(model))
            throw std::invalid_argument("'" + model + "' is given a price factor and new prices: give one of them");
    }
    for (const auto& [model, prices] : scenario.prices) {
        requireModel(model, models);
        for (const double price : {prices.input, prices.output})
            if (!std::isfinite(price) || price < 0 || price > kMaxTokenPrice)
                throw std::invalid_argument("the prices of '" + model + "' must be in [0, " + shortNumber(kMaxTokenPrice) +
                                            "] USD per 1M tokens, not " + shortNumber(price));
    }
    for (const auto& model : scenario.dropped)
        requireModel(model, models);
    if (poolOf(scenario, models).empty())
        throw std::invalid_argument("the scenario drops every model: keep at least one");
}

std::vector<std::string> poolOf(const Scenario& scenario, const std::vector<std::string>& models)
{
    std::vector<std::string> pool;
    for (const auto& m : models)
        if (!scenario.dropped.count(m))
            pool.push_back(m);
    return pool;
}

std::string scenarioReportNote(const Scenario& scenario)
{
    if (scenario.isBaseline())
        return {};
    return (scenario.name.empty() ? "(not saved)" : scenario.name) + ": " + describeScenario(scenario) +
           " (no router retrained)";
}

std::string describeScenario(const Scenario& scenario)
{
    if (scenario.isBaseline())
        return "training prices, every model";
    std::string text;
    auto add = [&](const std::string& part) { text += (text.empty() ? "" : "; ") + part; };
    for (const auto& [model, factor] : scenario.factors)
        add(model + " x" + shortNumber(factor));
    for (const auto& [model, prices] : scenario.prices)
        add(model + " at $" + shortNumber(prices.input) + "/$" + shortNumber(prices.output) + " per 1M tokens");
    if (!scenario.dropped.empty()) {
        std::string without;
        for (const auto& model : scenario.dropped)
            without += (without.empty() ? "" : ", ") + model;
        add("without " + without);
    }
    return text;
}

void writeJson(JsonWriter& json, const Scenario& scenario, const std::vector<std::string>& models)
{
    json.beginObject();
    json.key("name").value(scenario.name);
    json.key("price_factors").beginObject();
    for (const auto& [model, factor] : scenario.factors)
        json.key(model).value(factor);
    json.endObject();
    json.key("prices").beginObject();
    for (const auto& [model, prices] : scenario.prices) {
        json.key(model).beginObject();
        json.key("input").value(prices.input);
        json.key("output").value(prices.output);
        json.endObject();
    }
    json.endObject();
    json.key("dropped").beginArray();
    for (const auto& model : scenario.dropped)
        json.value(model);
    json.endArray();
    json.key("pool").beginArray();
    for (const auto& model : poolOf(scenario, models))
        json.value(model);
    json.endArray();
    json.endObject();
}

} // namespace routescope
