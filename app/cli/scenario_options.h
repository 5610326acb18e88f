#pragma once
// The what-if options `evaluate` and `plot --experiment` share: --price-scale MODEL=FACTOR,
// --price MODEL=IN/OUT (USD per 1M input/output tokens), --drop-model MODEL (each repeatable),
// or --scenario NAME (one saved in the project beside the experiment); and the saved experiment
// they apply to, loaded and re-evaluated under the scenario (scenario/scenario_runs.h).

#include "cli/arguments.h"

#include "data/outcome_matrix.h"
#include "experiment/experiment_store.h"
#include "scenario/scenario.h"
#include "scenario/scenario_runs.h"
#include "store/project_store.h"

#include <string>
#include <vector>

namespace routescope::cli {

std::vector<std::string> scenarioOptionNames();

// The scenario the options give, numbers checked (UsageError), models not yet (see below).
Scenario scenarioOptionsFrom(const Arguments& args);

// --db/--experiment's saved experiment under the scenario of the options: every input problem (an
// unknown experiment, model or saved scenario, a bad value, new prices without token counts) is a
// UsageError, raised before the experiment's routers are read.
struct ScenarioEvaluation {
    SavedExperiment experiment;
    std::vector<std::string> models; // the experiment's, every model
    Scenario scenario;
    std::vector<ExperimentRun> baseline; // the experiment as saved
    ScenarioRuns runs;                   // under the scenario
};
ScenarioEvaluation evaluateScenario(ProjectStore& store, const Arguments& args);

} // namespace routescope::cli
