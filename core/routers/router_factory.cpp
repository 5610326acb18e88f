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
    std::unique_ptr<Router> (*make)(const RouterSettings&);
};

// Every learned router, in the order tables and lists show them.
const RouterKind kKinds[] = {
    {"random", make<RandomRouter>},
    {"knn", make<KnnRouter>},
    {"ridge", make<RidgeRouter>},
    {"mlp", make<MlpRouter>},
    {"mf", make<MatrixFactorizationRouter>},
    {"margin", make<MarginRouter>},
    {"equirouter", make<EquiRouter>},
    {"svm", make<SvmRouter>},
    {"sw", make<SwRankingRouter>},
    {"contrastive", make<ContrastiveRouter>},
    {"cascade", make<CascadeRouter>},
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

} // namespace routescope
