#include "experiment/comparison.h"

#include "experiment/router_sweeps.h"
#include "util/thread_budget.h"
#include "util/work_queue.h"

#include <optional>
#include <utility>

namespace routescope {

double topModelShare(const RouterEvaluation& evaluation, int mostExpensiveModel)
{
    const auto& share = evaluation.selectionShare;
    if (share.rows() == 0 || mostExpensiveModel >= share.cols())
        return 0;
    return share(share.rows() - 1, mostExpensiveModel);
}

Comparison compareRouters(const std::vector<ExperimentRun>& runs, const std::vector<std::string>& modelNames,
                          BudgetPolicy policy, int budgets, int threads)
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
    const int workers = threads > 0 ? threads : threadsHere();

    // First what each seed's routers share: RCI's verdicts (the oracle's on the true cost, the
    // routers' on the run's cost prediction, which every router of the run was swept on) and the
    // sweeper (the threshold grid and joins of that prediction).
    struct SeedWork {
        std::optional<CollapseVerdicts> oracleVerdicts, verdicts;
        std::optional<RunSweeper> sweeper;
    };
    std::vector<SeedWork> work(runs.size());
    comparison.seeds.resize(runs.size());
    runUnits(runs.size(), workers, [&](std::size_t i, int unitThreads) {
        const ScopedOpenMpThreads scoped(unitThreads);
        const auto& run = runs[i];
        SeedWork& w = work[i];
        w.oracleVerdicts.emplace(run.trueScores, run.trueCosts, &run.trueCosts);
        w.verdicts.emplace(run.trueScores, run.trueCosts, &run.predictedCost);
        w.sweeper.emplace(run, policy, budgets);
        SeedComparison& seed = comparison.seeds[i];
        seed.seed = run.seed;
        seed.singleModels = std::move(singles[i]);
        seed.mostExpensiveModel = comparison.mostExpensiveModel;
        seed.routers.resize(run.routers.size());
        for (const auto& r : run.routers)
            seed.trainSeconds.push_back(r.trainSeconds);
    });
    // Then each (seed, router), the oracle as router 0, is a unit: its sweep and what needs the
    // sweep's choices. The choices (7.3 MB a router at RouterBench size) are dropped at the unit's
    // end, so the next unit's come from memory in use rather than fresh pages.
    std::vector<std::pair<std::size_t, std::size_t>> units; // (seed, router + 1), 0 the oracle
    for (std::size_t i = 0; i < runs.size(); ++i)
        for (std::size_t r = 0; r <= runs[i].routers.size(); ++r)
            units.emplace_back(i, r);
    runUnits(units.size(), workers, [&](std::size_t unit, int unitThreads) {
        const ScopedOpenMpThreads scoped(unitThreads);
        const auto [i, r] = units[unit];
        const auto& run = runs[i];
        SeedComparison& seed = comparison.seeds[i];
        if (r == 0) {
            const auto& A = run.trueScores;
            const auto& K = run.trueCosts;
            seed.oracle = evaluateChoices("oracle", sweepBudgets(policy, A, K, A, K, budgets), *work[i].oracleVerdicts);
            return;
        }
        seed.routers[r - 1] = evaluateChoices(run.routers[r - 1].spec.name, work[i].sweeper->sweep(r - 1),
                                              *work[i].verdicts);
    });
    // Last, each seed's reference from every frontier, and every evaluation's metrics against it.
    runUnits(runs.size(), workers, [&](std::size_t i, int unitThreads) {
        const ScopedOpenMpThreads scoped(unitThreads);
        // The verdicts and the sweeper's joins have served.
        work[i].oracleVerdicts.reset();
        work[i].verdicts.reset();
        work[i].sweeper.reset();
        const auto& run = runs[i];
        SeedComparison& seed = comparison.seeds[i];
        // A cascade can spend more than the dearest model (it pays for every call): the shared
        // interval stays the one of one-call routers, so adding a cascade changes no other AUC.
        std::vector<const std::vector<FrontierPoint>*> frontiers = {&seed.oracle.frontier};
        for (std::size_t r = 0; r < run.routers.size(); ++r)
            if (predictsQuality(run.routers[r]))
                frontiers.push_back(&seed.routers[r].frontier);
        seed.reference = makeEvaluationReference(run.trueScores, run.trueCosts, frontiers, comparison.bestModel);
        evaluateAgainst(seed.oracle, run.trueScores, seed.reference);
        for (std::size_t r = 0; r < run.routers.size(); ++r)
            evaluateAgainst(seed.routers[r], run.routers[r].predictedQuality, seed.reference);
    });
    return comparison;
}

} // namespace routescope
