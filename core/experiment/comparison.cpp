#include "experiment/comparison.h"

#include "evaluation/sequential_sweep.h"
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

    // First each seed's sweeps, shared interval and RCI verdicts; then each router's evaluation
    // (the oracle's and the run's) as a unit of its own. Every unit writes its own slot, so the
    // figures do not depend on how many threads ran them.
    struct SeedWork {
        BudgetSweep oracleSweep;
        std::vector<BudgetSweep> sweeps;
        std::optional<CollapseVerdicts> oracleVerdicts, verdicts;
    };
    std::vector<SeedWork> work(runs.size());
    comparison.seeds.resize(runs.size());
    runUnits(runs.size(), workers, [&](std::size_t i, int unitThreads) {
        const ScopedOpenMpThreads scoped(unitThreads);
        const auto& run = runs[i];
        const auto& A = run.trueScores;
        const auto& K = run.trueCosts;
        SeedWork& w = work[i];
        SeedComparison& seed = comparison.seeds[i];
        seed.seed = run.seed;
        w.oracleSweep = sweepBudgets(policy, A, K, A, K, budgets);
        w.sweeps = sweepRun(run, policy, budgets);
        // A cascade can spend more than the dearest model (it pays for every call): the shared
        // interval stays the one of one-call routers, so adding a cascade changes no other AUC.
        std::vector<const BudgetSweep*> all = {&w.oracleSweep};
        for (const auto& s : w.sweeps)
            if (!isSequential(s))
                all.push_back(&s);
        seed.reference = makeEvaluationReference(A, K, all, comparison.bestModel);
        seed.singleModels = std::move(singles[i]);
        seed.mostExpensiveModel = comparison.mostExpensiveModel;
        w.oracleVerdicts.emplace(A, K, &K);
        // Every router of the run was swept on its one cost prediction: RCI's verdicts are shared.
        w.verdicts.emplace(A, K, &run.predictedCost);
        seed.routers.resize(run.routers.size());
        for (const auto& r : run.routers)
            seed.trainSeconds.push_back(r.trainSeconds);
    });
    std::vector<std::pair<std::size_t, std::size_t>> units; // (seed, router + 1), 0 the oracle
    for (std::size_t i = 0; i < runs.size(); ++i)
        for (std::size_t r = 0; r <= runs[i].routers.size(); ++r)
            units.emplace_back(i, r);
    runUnits(units.size(), workers, [&](std::size_t unit, int unitThreads) {
        const ScopedOpenMpThreads scoped(unitThreads);
        const auto [i, r] = units[unit];
        SeedComparison& seed = comparison.seeds[i];
        if (r == 0) {
            const auto& A = runs[i].trueScores;
            seed.oracle = evaluateRouter("oracle", work[i].oracleSweep, A, *work[i].oracleVerdicts, seed.reference);
            return;
        }
        const TrainedRouter& router = runs[i].routers[r - 1];
        seed.routers[r - 1] = evaluateRouter(router.spec.name, work[i].sweeps[r - 1], router.predictedQuality,
                                             *work[i].verdicts, seed.reference);
    });
    return comparison;
}

} // namespace routescope
