// Training time of the default EquiRouter network on RouterBench-sized random data:
// 30,000 queries x 384 features x 11 models, 5 epochs, batch 128, tie=top.
// Usage: bench_equirouter_training [queries] [epochs] [threads]

#include "util/random.h"
#include "routers/equirouter.h"

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
    const Eigen::Index queries = argc > 1 ? std::atol(argv[1]) : 30000;
    const int epochs = argc > 2 ? std::atoi(argv[2]) : 5;
    const std::string threads = argc > 3 ? argv[3] : "2";
    const Eigen::Index features = 384, models = 11;

    // Queries with a latent difficulty read off the features; models of rising strength and price,
    // so correct answers tie often at the top as in RouterBench.
    Random random(2024);
    FeatureMatrix x(queries, features);
    for (Eigen::Index j = 0; j < features; ++j)
        for (Eigen::Index i = 0; i < queries; ++i)
            x(i, j) = float(random.normal());
    x.rowwise().normalize();
    Eigen::MatrixXd scores(queries, models), costs(queries, models);
    for (Eigen::Index n = 0; n < queries; ++n) {
        const double difficulty = 8.0 * double(x(n, 0) + x(n, 1));
        for (Eigen::Index m = 0; m < models; ++m) {
            const double strength = -1.0 + 0.3 * double(m);
            const double chance = 1.0 / (1.0 + std::exp(-(strength - difficulty)));
            scores(n, m) = random.uniform() < chance ? 1.0 : 0.0;
            costs(n, m) = 1e-5 * std::pow(1.6, double(m)) * (0.9 + 0.2 * random.uniform());
        }
    }

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
