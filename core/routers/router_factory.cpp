#include "routers/router_factory.h"

#include "routers/cascade_router.h"
#include "routers/contrastive_router.h"
#include "routers/equirouter.h"
#include "routers/knn_router.h"
#include "routers/matrix_factorization_router.h"
#include "routers/mlp_router.h"
#include "routers/margin_router.h"
#include "routers/random_router.h"
#include "routers/ridge_router.h"
#include "routers/svm_router.h"
#include "routers/sw_ranking_router.h"

#include <stdexcept>

namespace routescope {

namespace {

template <typename Kind>
std::unique_ptr<Router> make(const RouterSettings& settings)
{
    return std::make_unique<Kind>(settings);
}

struct RouterKind {
    const char* name;
    RouterFamily family;
    std::unique_ptr<Router> (*make)(const RouterSettings&);
};

// Every learned router, in the order tables and lists show them.
const RouterKind kKinds[] = {
    {"random", RouterFamily::Baseline, make<RandomRouter>},
    {"knn", RouterFamily::Regression, make<KnnRouter>},
    {"ridge", RouterFamily::Regression, make<RidgeRouter>},
    {"mlp", RouterFamily::Regression, make<MlpRouter>},
    {"mf", RouterFamily::Regression, make<MatrixFactorizationRouter>},
    {"margin", RouterFamily::Regression, make<MarginRouter>},
    {"equirouter", RouterFamily::Ranking, make<EquiRouter>},
    {"svm", RouterFamily::Regression, make<SvmRouter>},
    {"sw", RouterFamily::Ranking, make<SwRankingRouter>},
    {"contrastive", RouterFamily::Ranking, make<ContrastiveRouter>},
    {"cascade", RouterFamily::Cascade, make<CascadeRouter>},
};

} // namespace

std::unique_ptr<Router> makeRouter(const std::string& kind, const RouterSettings& settings)
{
    for (const auto& k : kKinds)
        if (kind == k.name)
            return k.make(settings);
    std::string known;
    for (const auto& k : kKinds)
        known += (known.empty() ? "" : ", ") + std::string(k.name);
    throw std::invalid_argument("unknown router '" + kind + "' (known: " + known + ")");
}

void checkRouterSettings(const std::string& kind, const RouterSettings& settings)
{
    makeRouter(kind, settings); // every router reads and checks its settings when made
}

const std::vector<std::string>& learnedRouterKinds()
{
    static const std::vector<std::string> kinds = [] {
        std::vector<std::string> names;
        for (const auto& k : kKinds)
            names.emplace_back(k.name);
        return names;
    }();
    return kinds;
}

RouterFamily routerFamily(const std::string& kind)
{
    for (const auto& k : kKinds)
        if (kind == k.name)
            return k.family;
    throw std::invalid_argument("unknown router '" + kind + "'");
}

} // namespace routescope
