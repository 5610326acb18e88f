#pragma once
// Learned routers by kind name, as the CLI, the GUI and the project store name them.

#include "routers/router.h"

#include <memory>
#include <string>
#include <vector>

namespace routescope {

// Throws std::invalid_argument for an unknown kind or a malformed setting.
std::unique_ptr<Router> makeRouter(const std::string& kind, const RouterSettings& settings = {});

// Throws std::invalid_argument as makeRouter() would, without keeping the router: settings are
// checked before any work (featurizing, training) is spent on them.
void checkRouterSettings(const std::string& kind, const RouterSettings& settings);

// Every kind makeRouter() knows, in the order tables list them.
const std::vector<std::string>& learnedRouterKinds();

} // namespace routescope
