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

// What a kind learns (method.md section 3): nothing (random, a baseline), one score per model
// (kNN, ridge, MLP, MF, margin, SVM: the regression routers), a ranking or comparison of models
// (EquiRouter, SW ranking, the contrastive router), or when to stop calling models (cascades).
enum class RouterFamily { Baseline, Regression, Ranking, Cascade };
// Throws std::invalid_argument for an unknown kind.
RouterFamily routerFamily(const std::string& kind);

} // namespace routescope
