#pragma once
// A what-if scenario on a saved experiment: other prices for some models (a factor on every cost
// of a model, or its new input and output prices per 1M tokens) and a model pool without some
// models. A plain value: the CLI builds it from options, the workbench from its Scenario panel,
// the project keeps named ones beside their experiment (scenario_store.h), and applying it
// re-evaluates the experiment's saved predictions without retraining (scenario_runs.h).

#include "util/json_writer.h"

#include <map>
#include <set>
#include <string>
#include <vector>

namespace routescope {

// USD per 1M tokens.
struct TokenPrices {
    double input = 0;
    double output = 0;
    bool operator==(const TokenPrices&) const = default;
};

struct Scenario {
    std::string name;                          // empty: not saved
    std::map<std::string, double> factors;     // model -> factor on each of its costs
    std::map<std::string, TokenPrices> prices; // model -> new prices; costs from its token counts
    std::set<std::string> dropped;             // models out of the pool

    // Training prices and every model: the experiment as it was saved.
    bool isBaseline() const { return factors.empty() && prices.empty() && dropped.empty(); }
    bool operator==(const Scenario&) const = default;
};

inline constexpr double kMaxPriceFactor = 1e6;
inline constexpr double kMaxTokenPrice = 1e6; // as a dataset's prices (store/value_limits.h)

// Throws std::invalid_argument with a one-line message when the scenario cannot apply to an
// experiment of these models: a model it does not have, a factor that is not a positive finite
// number up to kMaxPriceFactor, a price outside [0, kMaxTokenPrice], a model given both a factor
// and prices, or no model left in the pool.
void checkScenario(const Scenario& scenario, const std::vector<std::string>& models);

// The models left in the pool, in the experiment's order.
std::vector<std::string> poolOf(const Scenario& scenario, const std::vector<std::string>& models);

// One line for tables and captions: "gpt-4 x0.1; claude-v2 at $8/$24 per 1M tokens; without
// mistral-7b", or "training prices, every model" for the baseline.
std::string describeScenario(const Scenario& scenario);
// A report's line on the scenario its figures are under: "cheap: gpt-4 x0.1 (no router
// retrained)"; empty for the baseline.
std::string scenarioReportNote(const Scenario& scenario);

// {"name", "price_factors":{model:factor}, "prices":{model:{"input","output"}}, "dropped":[..], "pool":[..]}
void writeJson(JsonWriter& json, const Scenario& scenario, const std::vector<std::string>& models);

} // namespace routescope
