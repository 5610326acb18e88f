#include "cli/scenario_options.h"

#include "scenario/scenario_store.h"

#include <stdexcept>

namespace routescope::cli {

namespace {

// "MODEL=VALUE" split at the last '=' (model names may hold '/', values never hold '=').
std::pair<std::string, std::string> modelAndValue(const std::string& option, const std::string& text,
                                                  const std::string& form)
{
    const auto eq = text.rfind('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == text.size())
        throw UsageError(option + " takes " + form + ", not '" + text + "'");
    return {text.substr(0, eq), text.substr(eq + 1)};
}

} // namespace

std::vector<std::string> scenarioOptionNames() { return {"--price-scale", "--price", "--drop-model", "--scenario"}; }

Scenario scenarioOptionsFrom(const Arguments& args)
{
    Scenario scenario;
    auto once = [](const std::string& option, const std::string& model, bool fresh) {
        if (!fresh)
            throw UsageError(option + ": " + model + " is given twice");
    };
    for (const auto& text : args.values("--price-scale")) {
        const auto [model, value] = modelAndValue("--price-scale", text, "MODEL=FACTOR");
        const double factor = realValue("--price-scale " + model, value, 0, kMaxPriceFactor);
        if (factor <= 0)
            throw UsageError("--price-scale " + model + ": " + value + " is not a positive factor");
        once("--price-scale", model, scenario.factors.emplace(model, factor).second);
    }
    for (const auto& text : args.values("--price")) {
        const auto [model, value] = modelAndValue("--price", text, "MODEL=IN/OUT (USD per 1M input/output tokens)");
        const auto slash = value.find('/');
        if (slash == std::string::npos)
            throw UsageError("--price " + model + ": '" + value + "' is not IN/OUT (USD per 1M input/output tokens)");
        const TokenPrices prices{realValue("--price " + model + " input", value.substr(0, slash), 0, kMaxTokenPrice),
                                 realValue("--price " + model + " output", value.substr(slash + 1), 0, kMaxTokenPrice)};
        once("--price", model, scenario.prices.emplace(model, prices).second);
        if (scenario.factors.count(model))
            throw UsageError(model + " is given --price-scale and --price: give one of them");
    }
    for (const auto& model : args.values("--drop-model")) {
        if (model.empty())
            throw UsageError("--drop-model needs a model name");
        once("--drop-model", model, scenario.dropped.insert(model).second);
    }
    if (const auto name = args.option("--scenario")) {
        if (!scenario.isBaseline())
            throw UsageError("--scenario reuses a saved scenario as it is: give its changes without --scenario to change it");
        if (name->empty())
            throw UsageError("--scenario needs a name");
        scenario.name = *name;
    }
    return scenario;
}

ScenarioEvaluation evaluateScenario(ProjectStore& store, const Arguments& args)
{
    ScenarioEvaluation out;
    out.scenario = scenarioOptionsFrom(args);
    const std::string label = args.required("--experiment");
    const auto found = findExperiment(store, label);
    if (!found)
        throw UsageError("--experiment: the project has no experiment labelled '" + label + "'");
    out.experiment = *found;
    OutcomeMatrix test = loadTestOutcomes(store, out.experiment);
    out.models = modelNames(test);
    if (args.option("--scenario")) {
        const auto saved = loadScenario(store, label, out.scenario.name);
        if (!saved) {
            std::string names;
            for (const auto& s : listScenarios(store, label))
                names += (names.empty() ? "" : ", ") + s.name;
            throw UsageError("--scenario: no scenario named '" + out.scenario.name + "' is saved for experiment '" + label +
                             "'" + (names.empty() ? std::string(" (it has none)") : " (saved: " + names + ")"));
        }
        out.scenario = *saved;
    }
    try {
        checkScenario(out.scenario, out.models);
    } catch (const std::invalid_argument& e) {
        throw UsageError(e.what());
    }

    // New prices per token: the token counts of the test and training queries, and the training rows.
    std::optional<ScenarioPricing> pricing;
    if (!out.scenario.prices.empty()) {
        try {
            pricing = loadScenarioPricing(store, out.experiment);
        } catch (const std::invalid_argument& e) {
            throw UsageError(std::string("--price: ") + e.what());
        }
        try {
            checkTokenCounts(out.scenario, pricing->test, "test queries");
            checkTokenCounts(out.scenario, *pricing->data().train, "training queries");
        } catch (const std::invalid_argument& e) {
            throw UsageError(e.what());
        }
    }
    out.baseline = loadExperiment(store, label, test);
    try {
        out.runs = applyScenario(out.baseline, out.models, out.scenario, pricing ? pricing->data() : PricingData{});
    } catch (const std::invalid_argument& e) {
        throw UsageError(e.what());
    }
    return out;
}

} // namespace routescope::cli
