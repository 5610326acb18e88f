// How long a reopened project takes to show a saved experiment's plots: what the workbench's
// loadSaved job does before it posts the result (read the test outcomes and the saved predictions,
// compare every router, summarise without the bootstrap, which follows in the background, and the
// first seed's budget explorer). The trained models are read on first use: the first typed query
// afterwards (the query inspector's) is timed apart, as what the reopen no longer pays up front.
// bench/reopen_bench.sh makes a RouterBench-sized project for it.
//   build/bin/bench_reopen --db PROJECT --experiment LABEL [--runs 3]

#include "experiment/budget_explorer.h"
#include "experiment/comparison.h"
#include "experiment/experiment_store.h"
#include "experiment/rank_query.h"
#include "report/comparison_summary.h"
#include "store/project_store.h"
#include "build_info.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <cstring>
#include <string>
#include <vector>

using namespace routescope;

namespace {

double secondsSince(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

} // namespace

int main(int argc, char** argv)
{
    std::string db, label;
    int runs = 3;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--db"))
            db = argv[i + 1];
        else if (!std::strcmp(argv[i], "--experiment"))
            label = argv[i + 1];
        else if (!std::strcmp(argv[i], "--runs"))
            runs = std::max(1, std::atoi(argv[i + 1]));
    }
    if (db.empty() || label.empty()) {
        std::fprintf(stderr, "usage: bench_reopen --db PROJECT --experiment LABEL [--runs 3]\n");
        return 2;
    }
    std::printf("build: %s\n", routescopeBuildInfo().c_str());
    std::vector<double> outcomes, load, compare, summary, explore, total, cpu, firstQuery;
    std::size_t seeds = 0, routers = 0, queries = 0;
    std::uint64_t firstSeed = 0;
    for (int r = 0; r < runs; ++r) {
        const auto start = std::chrono::steady_clock::now();
        const std::clock_t cpuStart = std::clock(); // every thread's CPU time: what the load does not inflate
        ProjectStore store(db, ProjectStore::Access::ReadOnly);
        std::optional<SavedExperiment> saved;
        for (auto& e : listExperiments(store))
            if (e.label == label)
                saved = e;
        if (!saved) {
            std::fprintf(stderr, "no experiment '%s' in %s\n", label.c_str(), db.c_str());
            return 2;
        }
        const OutcomeMatrix test = loadTestOutcomes(store, *saved);
        outcomes.push_back(secondsSince(start));
        const std::vector<ExperimentRun> experiment = loadExperiment(store, label, test);
        load.push_back(secondsSince(start));
        auto step = std::chrono::steady_clock::now();
        const Comparison comparison = compareRouters(experiment, modelNames(test), BudgetPolicy::CostThreshold);
        compare.push_back(secondsSince(step));
        step = std::chrono::steady_clock::now();
        SummaryOptions options;
        options.bootstrap.resamples = 0; // the intervals follow in the background
        const ComparisonSummary s = summariseComparison(experiment, comparison, options);
        summary.push_back(secondsSince(step));
        step = std::chrono::steady_clock::now();
        const BudgetExplorer explorer = exploreBudgets(experiment.front(), BudgetPolicy::CostThreshold);
        explore.push_back(secondsSince(step));
        total.push_back(secondsSince(start));
        cpu.push_back(double(std::clock() - cpuStart) / CLOCKS_PER_SEC);
        step = std::chrono::steady_clock::now();
        const QueryRanking ranking = rankQuery(experiment.front(), "Translate into French: the cat sleeps on the warm roof.");
        firstQuery.push_back(secondsSince(step));
        if (ranking.quality.rows() != Eigen::Index(experiment.front().routers.size()))
            return 1;
        if (s.rows.empty() || explorer.budgets.empty())
            return 1;
        seeds = experiment.size();
        firstSeed = experiment.front().seed;
        routers = experiment.front().routers.size();
        queries = experiment.front().testRows.size();
    }
    std::printf("%zu seeds x %zu routers, %zu test queries per seed\n", seeds, routers, queries);
    std::printf("reopen to plots: total %.3f s, %.3f CPU s (load %.3f: outcomes %.3f, compare %.3f, summary %.3f, explorer %.3f); "
                "median of %d\n",
                median(total), median(cpu), median(load), median(outcomes), median(compare), median(summary), median(explore), runs);
    std::printf("then the first typed query, reading seed %llu's featurizer, cost model and router models: %.3f s\n",
                static_cast<unsigned long long>(firstSeed), median(firstQuery));
    return 0;
}
