#pragma once
// A saved experiment under a what-if scenario, without retraining. Per model, true and predicted
// costs change alike: a factor scales both (the shared cost model is fitted by least squares, so
// fitting it again on scaled costs scales its predictions by the same factor); new prices per
// token reprice each query from its token counts and fit the cost model again on the training
// queries' repriced costs, as training under those prices would. Models out of the pool leave
// every matrix (A, K, C and each router's P), so every router chooses among those left, and the
// oracle, single models, zero router and every metric are computed anew from these runs.
//
// Trained routers keep what they learned: their predictions P do not change. A router that ranks
// cheaper-first (EquiRouter) keeps the order of the training prices; a margin router still takes
// the cheapest model of a near-tie, by the new predicted costs; a cascade keeps its trained
// calling order, less the models out of the pool (CascadeRouter::inPool).

#include "data/outcome_matrix.h"
#include "experiment/experiment.h"
#include "experiment/experiment_store.h"
#include "scenario/scenario.h"

#include <string>
#include <vector>

namespace routescope {

// What new prices per token need besides the runs: the outcomes the runs' test rows index and
// those of the training dataset (query text included; the same object when the experiment split
// one dataset), both with token counts (ProjectStore::loadTokenCounts), models in the
// experiment's order; and the runs' training rows.
struct PricingData {
    const OutcomeMatrix* train = nullptr;
    const OutcomeMatrix* test = nullptr;
};

// What new prices per token need of a saved experiment, loaded from its project: its test
// outcomes (loadTestOutcomes) and, when it tested on another dataset, its training dataset's
// outcomes, both with token counts. Throws std::invalid_argument when its runs kept no training rows.
struct ScenarioPricing {
    OutcomeMatrix test;
    OutcomeMatrix train; // empty when the experiment split its test set off the training dataset
    PricingData data() const { return {train.models.empty() ? &test : &train, &test}; }
};
ScenarioPricing loadScenarioPricing(ProjectStore& store, const SavedExperiment& experiment);

struct ScenarioRuns {
    std::vector<std::string> modelNames; // the pool, in the experiment's order
    std::vector<ExperimentRun> runs;     // their routers hold no trained model but the cascades'
};

// `runs` of a saved experiment of `models` (loadExperiment). Throws std::invalid_argument with a
// one-line message: checkScenario's, new prices without `pricing`, token counts or training
// rows, or a cascade none of whose models is left.
ScenarioRuns applyScenario(const std::vector<ExperimentRun>& runs, const std::vector<std::string>& models,
                           const Scenario& scenario, const PricingData& pricing = {});

// Throws std::invalid_argument when a model the scenario prices anew lacks a token count for
// some query of `data` (named `what` in the message: "the test queries").
void checkTokenCounts(const Scenario& scenario, const OutcomeMatrix& data, const std::string& what);

// A dataset as it would be under the scenario: costs repriced, the models' prices per token
// changed alike, models out of the pool removed. What "retrain under this scenario" trains on.
OutcomeMatrix outcomesUnderScenario(const OutcomeMatrix& data, const Scenario& scenario);

} // namespace routescope
