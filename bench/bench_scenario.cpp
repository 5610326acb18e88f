// How long the workbench takes to follow a Scenario panel edit at RouterBench size: a saved
// experiment re-evaluated under a what-if scenario, as ExperimentJobs::evaluateScenario does it
// (applyScenario, the comparison, its summary without the bootstrap, one seed's budget explorer,
// the test outcomes under the scenario). Default: 36,497 queries split 70/30 per seed, 3 seeds,
// 9 routers predicting P and a cascade, 11 models. Prints each step's time, median of 5 edits.
//   build/bin/bench_scenario [queries] [seeds] [routers]

#include "routerbench_sized_data.h"

#include "experiment/budget_explorer.h"
#include "experiment/comparison.h"
#include "report/comparison_summary.h"
#include "routers/cascade_router.h"
#include "scenario/scenario_runs.h"
#include "build_info.h"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstdlib>

using namespace routescope;

namespace {

double secondsSince(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

} // namespace

int main(int argc, char** argv)
{
    std::printf("build: %s\n", routescopeBuildInfo().c_str());
    const Eigen::Index queries = argc > 1 ? std::atol(argv[1]) : 36497;
    const int seeds = argc > 2 ? std::atoi(argv[2]) : 3;
    const int routers = argc > 3 ? std::atoi(argv[3]) : 10;
    const auto data = bench::routerBenchSizedData(queries);
    OutcomeMatrix outcomes;
    for (int m = 0; m < 11; ++m)
        outcomes.models.push_back({"model-" + std::to_string(m), std::nullopt, std::nullopt});
    outcomes.queries.resize(std::size_t(queries), {"q", std::string(200, 'x'), "task"});
    outcomes.scores = data.scores;
    outcomes.costs = data.costs;
    const std::vector<std::string> names = modelNames(outcomes);

    // Each seed tests on 30 % of the queries; routers are noisy copies of the truth (named as kNN
    // variants, so the summary treats them as regression routers), one a cascade.
    std::vector<ExperimentRun> runs;
    for (int s = 0; s < seeds; ++s) {
        Random random(std::uint64_t(s) + 7);
        ExperimentRun run;
        run.seed = std::uint64_t(s);
        for (Eigen::Index n = 0; n < queries; ++n)
            (random.uniform() < 0.3 ? run.testRows : run.trainRows).push_back(n);
        run.trueScores = data.scores(run.testRows, Eigen::all);
        run.trueCosts = data.costs(run.testRows, Eigen::all);
        run.predictedCost = run.trueCosts * 1.1;
        for (int r = 0; r < routers; ++r) {
            TrainedRouter t{{"knn-" + std::to_string(r), "knn", {}}, {}, run.trueScores, 0};
            for (Eigen::Index i = 0; i < t.predictedQuality.size(); ++i)
                t.predictedQuality(i) += 0.3 * (r + 1) * (random.uniform() - 0.5);
            if (r == routers - 1) {
                auto cascade = std::make_unique<CascadeRouter>();
                const Eigen::MatrixXd trainScores = data.scores(run.trainRows, Eigen::all);
                const Eigen::MatrixXd trainCosts = data.costs(run.trainRows, Eigen::all);
                const FeatureMatrix none(Eigen::Index(run.trainRows.size()), 1);
                cascade->fit({none, trainScores, trainCosts}, nullptr, {});
                t.spec = {"cascade", "cascade", {}};
                t.router = std::unique_ptr<const Router>(std::move(cascade));
            }
            run.routers.push_back(std::move(t));
        }
        runs.push_back(std::move(run));
    }
    std::printf("%lld queries, %d seeds of %zu test queries, %d routers, 11 models\n", static_cast<long long>(queries),
                seeds, runs.front().testRows.size(), routers);

    Scenario cheap, dropped;
    cheap.factors["model-10"] = 0.1;
    dropped.factors["model-10"] = 0.1;
    dropped.dropped = {"model-9"};
    for (const auto* scenario : {&cheap, &dropped}) {
        std::vector<double> apply, compare, summary, explore, test, total, cpu;
        for (int repeat = 0; repeat < 5; ++repeat) {
            const auto start = std::chrono::steady_clock::now();
            const std::clock_t cpuStart = std::clock(); // every thread's CPU time: what the load does not inflate
            auto step = start;
            const ScenarioRuns under = applyScenario(runs, names, *scenario);
            apply.push_back(secondsSince(step));
            step = std::chrono::steady_clock::now();
            const Comparison comparison = compareRouters(under.runs, under.modelNames, BudgetPolicy::CostThreshold);
            compare.push_back(secondsSince(step));
            step = std::chrono::steady_clock::now();
            SummaryOptions options;
            options.bootstrap.resamples = 0; // the intervals follow in the background
            const ComparisonSummary s = summariseComparison(under.runs, comparison, options);
            summary.push_back(secondsSince(step));
            step = std::chrono::steady_clock::now();
            const BudgetExplorer explorer = exploreBudgets(under.runs.front(), BudgetPolicy::CostThreshold);
            explore.push_back(secondsSince(step));
            step = std::chrono::steady_clock::now();
            const OutcomeMatrix repriced = outcomesUnderScenario(outcomes, *scenario);
            test.push_back(secondsSince(step));
            total.push_back(secondsSince(start));
            cpu.push_back(double(std::clock() - cpuStart) / CLOCKS_PER_SEC);
            if (s.rows.empty() || explorer.budgets.empty() || repriced.modelCount() == 0)
                return 1;
        }
        auto median = [](std::vector<double> v) {
            std::sort(v.begin(), v.end());
            return v[v.size() / 2];
        };
        std::printf("%-38s total %.3f s, %.3f CPU s (apply %.3f, compare %.3f, summary %.3f, explorer %.3f, test data %.3f)\n",
                    describeScenario(*scenario).c_str(), median(total), median(cpu), median(apply), median(compare),
                    median(summary), median(explore), median(test));
    }
    return 0;
}
