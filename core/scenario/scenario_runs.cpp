#include "scenario/scenario_runs.h"

#include "experiment/router_sweeps.h"
#include "routers/cascade_router.h"
#include "routers/cost_model.h"

#include <stdexcept>

namespace routescope {

namespace {

constexpr double kTokensPerPriceUnit = 1e6; // prices are per 1M tokens

// Model m's cost on every query of `data` under the scenario.
Eigen::VectorXd costsUnder(const Scenario& scenario, const OutcomeMatrix& data, Eigen::Index m)
{
    const std::string& name = data.models[std::size_t(m)].name;
    if (const auto factor = scenario.factors.find(name); factor != scenario.factors.end())
        return data.costs.col(m) * factor->second;
    if (const auto prices = scenario.prices.find(name); prices != scenario.prices.end())
        return (data.inputTokens.col(m) * prices->second.input + data.outputTokens.col(m) * prices->second.output) /
               kTokensPerPriceUnit;
    return data.costs.col(m);
}

Eigen::MatrixXd allCostsUnder(const Scenario& scenario, const OutcomeMatrix& data)
{
    Eigen::MatrixXd costs(data.queryCount(), data.modelCount());
    for (Eigen::Index m = 0; m < data.modelCount(); ++m)
        costs.col(m) = costsUnder(scenario, data, m);
    return costs;
}

std::vector<QueryInfo> queriesAt(const OutcomeMatrix& data, const std::vector<Eigen::Index>& rows)
{
    std::vector<QueryInfo> queries;
    queries.reserve(rows.size());
    for (const auto r : rows)
        queries.push_back(data.queries[std::size_t(r)]);
    return queries;
}

Eigen::Index columnOf(const OutcomeMatrix& data, const std::string& model)
{
    for (std::size_t m = 0; m < data.models.size(); ++m)
        if (data.models[m].name == model)
            return Eigen::Index(m);
    throw std::invalid_argument("no model '" + model + "' in the data");
}

} // namespace

void checkTokenCounts(const Scenario& scenario, const OutcomeMatrix& data, const std::string& what)
{
    for (const auto& [model, prices] : scenario.prices) {
        const Eigen::Index m = columnOf(data, model);
        const bool loaded = data.inputTokens.rows() == data.queryCount() && data.inputTokens.cols() == data.modelCount();
        const Eigen::Index missing =
            loaded ? Eigen::Index((data.inputTokens.col(m).array().isNaN() || data.outputTokens.col(m).array().isNaN()).count())
                   : data.queryCount();
        if (missing > 0)
            throw std::invalid_argument("new prices for '" + model + "' need its token counts, which " +
                                        std::to_string(missing) + " of the " + std::to_string(data.queryCount()) + " " +
                                        what + " lack: give it a price factor instead");
    }
}

ScenarioRuns applyScenario(const std::vector<ExperimentRun>& runs, const std::vector<std::string>& models,
                           const Scenario& scenario, const PricingData& pricing)
{
    checkScenario(scenario, models);
    ScenarioRuns out;
    out.modelNames = poolOf(scenario, models);
    std::vector<Eigen::Index> kept;
    for (std::size_t m = 0; m < models.size(); ++m)
        if (!scenario.dropped.count(models[m]))
            kept.push_back(Eigen::Index(m));
    const std::vector<int> keptColumns(kept.begin(), kept.end());

    std::vector<std::pair<Eigen::Index, double>> factors;
    for (const auto& [model, factor] : scenario.factors)
        factors.emplace_back(Eigen::Index(std::find(models.begin(), models.end(), model) - models.begin()), factor);
    const bool repriced = !scenario.prices.empty();
    Eigen::MatrixXd trainCosts, testCosts;
    if (repriced) {
        if (!pricing.train || !pricing.test)
            throw std::invalid_argument("new prices per token need the experiment's token counts");
        if (modelNames(*pricing.test) != models || modelNames(*pricing.train) != models)
            throw std::invalid_argument("the token counts given list other models than the experiment");
        checkTokenCounts(scenario, *pricing.test, "test queries");
        checkTokenCounts(scenario, *pricing.train, "training queries");
        trainCosts = allCostsUnder(scenario, *pricing.train);
        testCosts = allCostsUnder(scenario, *pricing.test);
    }

    for (const auto& run : runs) {
        Eigen::MatrixXd K = run.trueCosts, C = run.predictedCost;
        for (const auto& [m, factor] : factors) {
            K.col(m) *= factor;
            C.col(m) *= factor;
        }
        if (repriced) {
            if (run.trainRows.empty())
                throw std::invalid_argument("new prices per token need the experiment's training rows, which experiments "
                                            "saved before RouteScope had scenarios lack: give price factors, or train it again");
            CostModel costModel;
            costModel.fit(costQueries(queriesAt(*pricing.train, run.trainRows)), trainCosts(run.trainRows, Eigen::all));
            const Eigen::MatrixXd predicted = costModel.predict(costQueries(queriesAt(*pricing.test, run.testRows)));
            for (const auto& [model, prices] : scenario.prices) {
                const Eigen::Index m = columnOf(*pricing.test, model);
                K.col(m) = testCosts(run.testRows, m);
                C.col(m) = predicted.col(m);
            }
        }
        ExperimentRun under;
        under.seed = run.seed;
        under.trainRows = run.trainRows;
        under.validationRows = run.validationRows;
        under.testRows = run.testRows;
        under.trueScores = run.trueScores(Eigen::all, kept);
        under.trueCosts = K(Eigen::all, kept);
        under.predictedCost = C(Eigen::all, kept);
        under.textFeatures = run.textFeatures;
        under.warnings = run.warnings;
        for (const auto& r : run.routers) {
            TrainedRouter t{r.spec, {}, r.predictedQuality(Eigen::all, kept), r.trainSeconds};
            if (const auto* cascade = cascadeOf(r)) {
                try {
                    t.router = std::unique_ptr<const Router>(cascade->inPool(keptColumns));
                } catch (const std::invalid_argument&) {
                    throw std::invalid_argument("router '" + r.spec.name + "' calls none of the models left in the pool");
                }
            }
            under.routers.push_back(std::move(t));
        }
        out.runs.push_back(std::move(under));
    }
    return out;
}

OutcomeMatrix outcomesUnderScenario(const OutcomeMatrix& data, const Scenario& scenario)
{
    checkScenario(scenario, modelNames(data));
    checkTokenCounts(scenario, data, "queries");
    std::vector<Eigen::Index> kept;
    OutcomeMatrix out;
    out.queries = data.queries;
    for (Eigen::Index m = 0; m < data.modelCount(); ++m) {
        ModelInfo model = data.models[std::size_t(m)];
        if (scenario.dropped.count(model.name))
            continue;
        kept.push_back(m);
        if (const auto factor = scenario.factors.find(model.name); factor != scenario.factors.end()) {
            for (auto* price : {&model.inputPrice, &model.outputPrice})
                if (*price)
                    **price *= factor->second;
        } else if (const auto prices = scenario.prices.find(model.name); prices != scenario.prices.end()) {
            model.inputPrice = prices->second.input;
            model.outputPrice = prices->second.output;
        }
        out.models.push_back(std::move(model));
    }
    out.scores = data.scores(Eigen::all, kept);
    out.costs = allCostsUnder(scenario, data)(Eigen::all, kept);
    if (data.inputTokens.size() > 0) {
        out.inputTokens = data.inputTokens(Eigen::all, kept);
        out.outputTokens = data.outputTokens(Eigen::all, kept);
    }
    return out;
}

ScenarioPricing loadScenarioPricing(ProjectStore& store, const SavedExperiment& experiment)
{
    if (!experiment.trainingRows)
        throw std::invalid_argument("experiment '" + experiment.label + "' was saved before RouteScope kept training "
                                    "rows, which new prices per token need: change prices by a factor, or retrain");
    ScenarioPricing pricing;
    pricing.test = loadTestOutcomes(store, experiment);
    store.loadTokenCounts(experiment.testDatasetId.value_or(experiment.trainDatasetId), pricing.test);
    if (experiment.testDatasetId) {
        pricing.train = store.loadOutcomes(experiment.trainDatasetId);
        store.loadTokenCounts(experiment.trainDatasetId, pricing.train);
    }
    return pricing;
}

} // namespace routescope
