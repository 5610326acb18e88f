#pragma once
// A dataset of the project copied under a what-if scenario (costs repriced, models out of the pool
// left out), so that routers can be trained again under the scenario's prices and pool and
// compared with those trained under the old ones (the workbench's "Retrain under this scenario").

#include "scenario/scenario.h"
#include "store/project_store.h"

#include <cstdint>
#include <string>

namespace routescope {

// Writes the complete queries of dataset `datasetId` under `scenario` as a new dataset named
// `name` (made unique), in one transaction; returns its id. Throws std::invalid_argument as
// outcomesUnderScenario() does; the project is unchanged then.
std::int64_t saveScenarioDataset(ProjectStore& store, std::int64_t datasetId, const Scenario& scenario,
                                 const std::string& name);

} // namespace routescope
