#include "experiment/rank_query.h"

#include <stdexcept>

namespace routescope {

QueryRanking rankQuery(const ExperimentRun& run, const std::string& text)
{
    if (!run.textFeatures)
        throw std::invalid_argument("this experiment used imported embeddings: a typed query has none");
    if (run.pipeline.empty())
        throw std::invalid_argument("this experiment's featurizer is not fitted yet");
    // A reopened run reads its featurizer, cost model and routers' models here, on first use.
    const FittedPipeline& pipeline = run.pipeline.value();
    const FeatureMatrix features = pipeline.featurizer.transform({text});
    QueryRanking ranking;
    ranking.quality.resize(Eigen::Index(run.routers.size()), run.trueScores.cols());
    for (std::size_t k = 0; k < run.routers.size(); ++k) {
        if (run.routers[k].router.empty())
            throw std::invalid_argument("router '" + run.routers[k].spec.name + "' is not trained yet");
        ranking.quality.row(Eigen::Index(k)) = run.routers[k].router.value()->predictQuality(features).row(0);
    }
    // An unseen task: the cost model falls back to its pooled intercept.
    ranking.predictedCost = pipeline.costModel.predict({CostQuery{"", double(text.size())}}).row(0);
    return ranking;
}

} // namespace routescope
