#include "scenario/scenario_store.h"

#include <cmath>
#include <stdexcept>

namespace routescope {

namespace {

bool experimentExists(ProjectStore& store, const std::string& experiment)
{
    auto find = store.database().prepare("SELECT 1 FROM experiment_runs WHERE label = ? LIMIT 1");
    find.bind(1, experiment);
    return find.step();
}

} // namespace

void saveScenario(ProjectStore& store, const std::string& experiment, const Scenario& scenario, bool replace)
{
    if (scenario.name.empty())
        throw std::invalid_argument("a saved scenario needs a name");
    auto& db = store.database();
    sqlite::Transaction transaction(db);
    if (!experimentExists(store, experiment))
        throw std::invalid_argument("no experiment labelled '" + experiment + "' in the project");
    auto find = db.prepare("SELECT id FROM scenarios WHERE experiment = ? AND name = ?");
    find.bind(1, experiment).bind(2, scenario.name);
    const std::optional<std::int64_t> existing = find.step() ? std::optional(find.int64(0)) : std::nullopt;
    find.reset();
    if (existing) {
        if (!replace)
            throw std::invalid_argument("a scenario named '" + scenario.name + "' is already saved for experiment '" +
                                        experiment + "'");
        auto remove = db.prepare("DELETE FROM scenarios WHERE id = ?");
        remove.bind(1, *existing).run();
    }
    auto insert = db.prepare("INSERT INTO scenarios (experiment, name) VALUES (?, ?)");
    insert.bind(1, experiment).bind(2, scenario.name).run();
    const auto id = db.lastInsertId();
    auto model = db.prepare("INSERT INTO scenario_models (scenario_id, model, price_factor, input_price, output_price, in_pool)"
                            " VALUES (?, ?, ?, ?, ?, ?)");
    std::set<std::string> changed(scenario.dropped);
    for (const auto& [name, factor] : scenario.factors)
        changed.insert(name);
    for (const auto& [name, prices] : scenario.prices)
        changed.insert(name);
    for (const auto& name : changed) {
        const auto factor = scenario.factors.find(name);
        const auto prices = scenario.prices.find(name);
        const bool priced = prices != scenario.prices.end();
        model.bind(1, id)
            .bind(2, name)
            .bind(3, factor != scenario.factors.end() ? std::optional<double>(factor->second) : std::nullopt)
            .bind(4, priced ? std::optional<double>(prices->second.input) : std::nullopt)
            .bind(5, priced ? std::optional<double>(prices->second.output) : std::nullopt)
            .bind(6, std::int64_t(scenario.dropped.count(name) ? 0 : 1));
        model.run();
    }
    transaction.commit();
}

std::vector<Scenario> listScenarios(ProjectStore& store, const std::string& experiment)
{
    auto& db = store.database();
    auto list = db.prepare("SELECT id, name FROM scenarios WHERE experiment = ? ORDER BY name");
    auto models = db.prepare("SELECT model, price_factor, input_price, output_price, in_pool FROM scenario_models"
                             " WHERE scenario_id = ? ORDER BY model");
    list.bind(1, experiment);
    std::vector<Scenario> result;
    while (list.step()) {
        Scenario scenario;
        scenario.name = list.text(1);
        models.bind(1, list.int64(0));
        while (models.step()) {
            const std::string model = models.text(0);
            const auto factor = models.optionalReal(1);
            const auto input = models.optionalReal(2), output = models.optionalReal(3);
            const auto inPool = models.int64(4);
            const bool valid = (!factor || (std::isfinite(*factor) && *factor > 0 && *factor <= kMaxPriceFactor)) &&
                               bool(input) == bool(output) && !(factor && input) &&
                               (!input || (*input >= 0 && *input <= kMaxTokenPrice && *output >= 0 &&
                                           *output <= kMaxTokenPrice)) &&
                               (inPool == 0 || inPool == 1);
            if (!valid)
                throw damagedProject(store.path(), "scenario '" + scenario.name + "' holds a value out of range for model '" +
                                                       model + "'");
            if (factor)
                scenario.factors[model] = *factor;
            if (input)
                scenario.prices[model] = {*input, *output};
            if (inPool == 0)
                scenario.dropped.insert(model);
        }
        models.reset();
        result.push_back(std::move(scenario));
    }
    return result;
}

std::optional<Scenario> loadScenario(ProjectStore& store, const std::string& experiment, const std::string& name)
{
    for (auto& scenario : listScenarios(store, experiment))
        if (scenario.name == name)
            return std::move(scenario);
    return std::nullopt;
}

void removeScenario(ProjectStore& store, const std::string& experiment, const std::string& name)
{
    sqlite::Transaction transaction(store.database());
    auto remove = store.database().prepare("DELETE FROM scenarios WHERE experiment = ? AND name = ?");
    remove.bind(1, experiment).bind(2, name).run();
    transaction.commit();
}

} // namespace routescope
