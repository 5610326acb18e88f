#include "routers/router_factory.h"

#include "routers/equirouter.h"
#include "routers/knn_router.h"
#include "routers/matrix_factorization_router.h"
#include "routers/mlp_router.h"
#include "routers/margin_router.h"
#include "routers/random_router.h"
#include "routers/ridge_router.h"

#include <stdexcept>

namespace routescope {

std::unique_ptr<Router> makeRouter(const std::string& kind, const RouterSettings& settings)
{
    if (kind == "random")
        return std::make_unique<RandomRouter>(settings);
    if (kind == "knn")
        return std::make_unique<KnnRouter>(settings);
    if (kind == "ridge")
        return std::make_unique<RidgeRouter>(settings);
    if (kind == "mlp")
        return std::make_unique<MlpRouter>(settings);
    if (kind == "mf")
        return std::make_unique<MatrixFactorizationRouter>(settings);
    if (kind == "margin")
        return std::make_unique<MarginRouter>(settings);
    if (kind == "equirouter")
        return std::make_unique<EquiRouter>(settings);
    std::string known;
    for (const auto& k : learnedRouterKinds())
        known += (known.empty() ? "" : ", ") + k;
    throw std::invalid_argument("unknown router '" + kind + "' (known: " + known + ")");
}

void checkRouterSettings(const std::string& kind, const RouterSettings& settings)
{
    makeRouter(kind, settings); // every router reads and checks its settings when made
}

const std::vector<std::string>& learnedRouterKinds()
{
    static const std::vector<std::string> kinds = {"random", "knn", "ridge", "mlp", "mf", "margin", "equirouter"};
    return kinds;
}

RouterFamily routerFamily(const std::string& kind)
{
    if (kind == "random")
        return RouterFamily::Baseline;
    if (kind == "equirouter")
        return RouterFamily::Ranking;
    if (kind == "knn" || kind == "ridge" || kind == "mlp" || kind == "mf" || kind == "margin")
        return RouterFamily::Regression;
    throw std::invalid_argument("unknown router '" + kind + "'");
}

} // namespace routescope
