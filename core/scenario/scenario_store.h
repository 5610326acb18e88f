#pragma once
// Named what-if scenarios kept in the project beside their experiment (tables scenarios and
// scenario_models, schema.h), each written in one transaction; removing the experiment removes them.

#include "scenario/scenario.h"
#include "store/project_store.h"

#include <optional>
#include <string>
#include <vector>

namespace routescope {

// Saves `scenario` under its name for the experiment labelled `experiment`. Throws
// std::invalid_argument (the project unchanged) for an empty name, an experiment the project does
// not have, or a name already saved for it unless `replace`.
void saveScenario(ProjectStore& store, const std::string& experiment, const Scenario& scenario, bool replace = false);

// The experiment's saved scenarios, by name. A stored value out of range (a project changed by
// another program) throws ProjectFileError(Damaged).
std::vector<Scenario> listScenarios(ProjectStore& store, const std::string& experiment);
std::optional<Scenario> loadScenario(ProjectStore& store, const std::string& experiment, const std::string& name);

void removeScenario(ProjectStore& store, const std::string& experiment, const std::string& name);

} // namespace routescope
