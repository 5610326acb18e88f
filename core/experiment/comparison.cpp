#include "experiment/comparison.h"

#include "evaluation/sequential_sweep.h"
#include "experiment/router_sweeps.h"

namespace routescope {

double topModelShare(const RouterEvaluation& evaluation, int mostExpensiveModel)
{
    const auto& share = evaluation.selectionShare;
    if (share.rows() == 0 || mostExpensiveModel >= share.cols())
        return 0;
    return share(share.rows() - 1, mostExpensiveModel);
}

Comparison compareRouters(const std::vector<ExperimentRun>& runs, const std::vector<std::string>& modelNames,
                          BudgetPolicy policy, int budgets)
{
    Comparison comparison;
    comparison.policy = policy;
    comparison.modelNames = modelNames;
    if (runs.empty())
        return comparison;
    for (const auto& r : runs.front().routers)
        comparison.routerNames.push_back(r.spec.name);
    std::vector<std::vector<SingleModelPoint>> singles;
    for (const auto& run : runs)
        singles.push_back(singleModelPoints(run.trueScores, run.trueCosts));
    comparison.bestModel = bestSingleModel(singles);
    comparison.mostExpensiveModel = mostExpensiveModel(singles);
    for (std::size_t i = 0; i < runs.size(); ++i) {
        const auto& run = runs[i];
        SeedComparison seed;
        seed.seed = run.seed;
        const auto& A = run.trueScores;
        const auto& K = run.trueCosts;
        const BudgetSweep oracleSweep = sweepBudgets(policy, A, K, A, K, budgets);
        const std::vector<BudgetSweep> sweeps = sweepRun(run, policy, budgets);
        // A cascade can spend more than the dearest model (it pays for every call): the shared
        // interval stays the one of one-call routers, so adding a cascade changes no other AUC.
        std::vector<const BudgetSweep*> all = {&oracleSweep};
        for (const auto& s : sweeps)
            if (!isSequential(s))
                all.push_back(&s);
        seed.reference = makeEvaluationReference(A, K, all, comparison.bestModel);
        seed.singleModels = std::move(singles[i]);
        seed.mostExpensiveModel = comparison.mostExpensiveModel;
        seed.oracle = evaluateRouter("oracle", oracleSweep, A, K, A, K, seed.reference);
        for (std::size_t r = 0; r < run.routers.size(); ++r) {
            seed.routers.push_back(evaluateRouter(run.routers[r].spec.name, sweeps[r], run.routers[r].predictedQuality,
                                                  run.predictedCost, A, K, seed.reference));
            seed.trainSeconds.push_back(run.routers[r].trainSeconds);
        }
        comparison.seeds.push_back(std::move(seed));
    }
    return comparison;
}

} // namespace routescope
