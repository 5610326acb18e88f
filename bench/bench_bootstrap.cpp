// Times the comparison summary's paired bootstrap at RouterBench scale: 10 routers x 1000
// resamples x 100 budgets on 36,497 test queries x 11 models, one seed, random predictions (each
// query's choice changes at a few budgets, as with real routers), 0/1 scores, one shared cost
// prediction. The per-seed evaluations (compareRouters) are timed apart; the target is for
// summariseComparison with its bootstrap (docs/performance.md).
// Usage: bench_bootstrap [routers] [queries] [resamples] [models]

#include "cpu_time.h"
#include "experiment/comparison.h"
#include "random_inputs.h"
#include "report/comparison_summary.h"

#include <omp.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

using namespace routescope;
using routescope::bench::processCpuMs;
using routescope::bench::randomMatrix;

namespace {

double secondsSince(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

} // namespace

int main(int argc, char** argv)
{
    const int routers = argc > 1 ? std::atoi(argv[1]) : 10;
    const Eigen::Index queries = argc > 2 ? std::atol(argv[2]) : 36497;
    const int resamples = argc > 3 ? std::atoi(argv[3]) : 1000;
    const Eigen::Index models = argc > 4 ? std::atol(argv[4]) : 11;
    Random random(11);

    std::vector<std::string> modelNames;
    for (Eigen::Index m = 0; m < models; ++m)
        modelNames.push_back("model" + std::to_string(m));
    // Model m costs about (m + 1) times the cheapest and is right more often, as on RouterBench.
    std::vector<ExperimentRun> runs(1);
    ExperimentRun& run = runs.front();
    run.trueCosts = randomMatrix(queries, models, random, 1e-4);
    run.trueScores = randomMatrix(queries, models, random, 1.0);
    for (Eigen::Index m = 0; m < models; ++m) {
        run.trueCosts.col(m).array() += 1e-4 * double(m + 1);
        run.trueScores.col(m) = (run.trueScores.col(m).array() < 0.45 + 0.04 * double(m)).cast<double>().matrix();
    }
    run.predictedCost = run.trueCosts + randomMatrix(queries, models, random, 2e-5);
    for (int r = 0; r < routers; ++r) {
        const std::string name = "router" + std::to_string(r);
        run.routers.push_back({{name, "ridge", {}}, {},
                               0.5 * run.trueScores + randomMatrix(queries, models, random, 1.0), 0.0});
    }
    for (Eigen::Index n = 0; n < queries; ++n)
        run.testRows.push_back(n);

    std::printf("%d routers x %d resamples x 100 budgets, %ld test queries x %ld models, %d threads\n", routers,
                resamples, long(queries), long(models), omp_get_max_threads());
    auto start = std::chrono::steady_clock::now();
    const Comparison comparison = compareRouters(runs, modelNames, BudgetPolicy::CostThreshold, 100);
    std::printf("per-seed evaluations (sweeps and metrics, not part of the target): %.2f s\n", secondsSince(start));

    SummaryOptions options;
    options.bootstrap.resamples = resamples;
    double best = 1e300, bestCpu = 1e300;
    double checksum = 0;
    for (int repeat = 0; repeat < 3; ++repeat) {
        start = std::chrono::steady_clock::now();
        const double cpu = processCpuMs() / 1e3;
        const ComparisonSummary summary = summariseComparison(runs, comparison, options);
        best = std::min(best, secondsSince(start));
        bestCpu = std::min(bestCpu, processCpuMs() / 1e3 - cpu);
        checksum += summary.rows.front().auc.ci95->lo + summary.versus.front().auc.p.value_or(0);
    }
    options.bootstrap.resamples = 0;
    start = std::chrono::steady_clock::now();
    summariseComparison(runs, comparison, options);
    const double pointOnly = secondsSince(start);
    std::printf("summary with %d bootstrap resamples: %.2f s (best of 3; %.2f CPU seconds); without bootstrap: %.3f s\n",
                resamples, best, bestCpu, pointOnly);
    std::printf("checksum %.6f\n", checksum);
    return 0;
}
