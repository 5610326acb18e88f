// Training time of the default EquiRouter network on RouterBench-sized random data:
// 30,000 queries x 384 features x 11 models, 5 epochs, batch 128, tie=top.
// Usage: bench_equirouter_training [queries] [epochs] [threads]

#include "routerbench_sized_data.h"
#include "routers/equirouter.h"
#include "build_info.h"

#include <Eigen/Core>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

using namespace routescope;

int main(int argc, char** argv)
{
    std::printf("build: %s\n", routescopeBuildInfo().c_str()); // which build these numbers measure
    const Eigen::Index queries = argc > 1 ? std::atol(argv[1]) : 30000;
    const int epochs = argc > 2 ? std::atoi(argv[2]) : 5;
    const std::string threads = argc > 3 ? argv[3] : "2";
    const Eigen::Index features = 384, models = 11;
    const bench::RouterBenchSizedData data = bench::routerBenchSizedData(queries);
    const FeatureMatrix& x = data.features;
    const Eigen::MatrixXd& scores = data.scores;
    const Eigen::MatrixXd& costs = data.costs;

    // tie_norm=pooled and min_steps=0: the loss and length the PyTorch reference trains with.
    EquiRouter router({{"tie", "top"},
                       {"tie_norm", "pooled"},
                       {"min_steps", "0"},
                       {"epochs", std::to_string(epochs)},
                       {"batch", "128"},
                       {"select", "none"},
                       {"threads", threads}});
    using Clock = std::chrono::steady_clock;
    const auto start = Clock::now();
    std::vector<double> epochEnds;
    JobControl job;
    job.progress = [&](double fraction, const std::string&) {
        if (fraction * epochs >= double(epochEnds.size() + 1) - 1e-9)
            epochEnds.push_back(std::chrono::duration<double>(Clock::now() - start).count());
    };
    router.fit({x, scores, costs}, nullptr, job);
    const double total = std::chrono::duration<double>(Clock::now() - start).count();

    std::printf("EquiRouter training: %ld queries x %ld features x %ld models, %d epochs, batch 128, tie=top, "
                "%s threads\n",
                long(queries), long(features), long(models), epochs, threads.c_str());
    std::printf("command:");
    for (int i = 0; i < argc; ++i)
        std::printf(" %s", argv[i]);
    std::printf("\n");
    double previous = 0;
    for (std::size_t e = 0; e < epochEnds.size(); ++e) {
        std::printf("  epoch %zu: %.2f s, mean loss %.4f\n", e + 1, epochEnds[e] - previous,
                    router.epochLosses()[e]);
        previous = epochEnds[e];
    }
    std::printf("total %.2f s (%.2f s per epoch)\n", total, total / epochs);
    return 0;
}
