#pragma once
// The learned routers of the comparison with the Python reference's settings: ridge (lambda 1),
// ridge + margin 0.05, kNN (k 40), MLP (100 hidden, 30 epochs, batch 200 as scikit-learn's
// default), EquiRouter (5 epochs, batch 128, tie=top, tie_norm=pooled, select=none), and the random router.

#include "routers/router.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace routescope::bench {

struct LearnedRouter {
    std::string name; // the reference's router name
    std::string kind; // makeRouter() kind
    RouterSettings settings;
};

std::vector<LearnedRouter> learnedRouters(std::uint64_t seed);

// Trained routers and the cost model pass from the train step to the sweep step as files.
void writeBlob(const std::string& path, const BinaryWriter& blob);
std::vector<char> readBlob(const std::string& path);

void saveRouter(const Router& router, const std::string& path);
std::unique_ptr<Router> loadRouter(const LearnedRouter& spec, const std::string& path);

} // namespace routescope::bench
