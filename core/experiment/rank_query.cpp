#include "experiment/rank_query.h"

#include <stdexcept>

namespace routescope {

QueryRanking rankQuery(const ExperimentRun& run, const std::string& text)
{
    if (!run.textFeatures || !run.featurizer.fitted())
        throw std::invalid_argument("this experiment used imported embeddings: a typed query has none");
    const FeatureMatrix features = run.featurizer.transform({text});
    QueryRanking ranking;
    ranking.quality.resize(Eigen::Index(run.routers.size()), run.trueScores.cols());
    for (std::size_t k = 0; k < run.routers.size(); ++k) {
        if (!run.routers[k].router)
            throw std::invalid_argument("router '" + run.routers[k].spec.name + "' is not trained yet");
        ranking.quality.row(Eigen::Index(k)) = run.routers[k].router->predictQuality(features).row(0);
    }
    // An unseen task: the cost model falls back to its pooled intercept.
    ranking.predictedCost = run.costModel.predict({CostQuery{"", double(text.size())}}).row(0);
    return ranking;
}

} // namespace routescope
