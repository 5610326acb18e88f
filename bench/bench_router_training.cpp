// Training and prediction time of one router on RouterBench-sized random data
// (routerbench_sized_data.h): 30,000 training queries of which the last tenth is the validation
// set (as an experiment holds out 10 %), then prediction on 6,497 test queries; a cascade also
// makes its calls on the test queries' scores at every budget. One run, wall-clock seconds.
// Usage: bench_router_training SPEC [training queries] [test queries]
//   SPEC: a router as compare takes it, e.g. svm, mlp:epochs=30, cascade:error=0.1

#include "routerbench_sized_data.h"

#include "experiment/experiment.h"
#include "routers/cascade_router.h"
#include "routers/router_factory.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>

using namespace routescope;

int main(int argc, char** argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_router_training SPEC [training queries] [test queries]\n");
        return 2;
    }
    try {
        const RouterSpec spec = parseRouterSpec(argv[1]);
        const Eigen::Index trainQueries = argc > 2 ? std::atol(argv[2]) : 30000;
        const Eigen::Index testQueries = argc > 3 ? std::atol(argv[3]) : 6497;
        const Eigen::Index validationQueries = trainQueries / 10, fitQueries = trainQueries - validationQueries;
        const bench::RouterBenchSizedData data = bench::routerBenchSizedData(trainQueries + testQueries);
        const std::vector<std::string> names = {"m0", "m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9", "m10"};
        auto rows = [&](Eigen::Index from, Eigen::Index count) {
            return std::tuple(FeatureMatrix(data.features.middleRows(from, count)),
                              Eigen::MatrixXd(data.scores.middleRows(from, count)),
                              Eigen::MatrixXd(data.costs.middleRows(from, count)));
        };
        const auto [x, a, c] = rows(0, fitQueries);
        const auto [xv, av, cv] = rows(fitQueries, validationQueries);
        const auto [xt, at, ct] = rows(trainQueries, testQueries);
        const TrainingSet train{x, a, c, &names}, validation{xv, av, cv, &names};

        auto router = makeRouter(spec.kind, spec.settings);
        using Clock = std::chrono::steady_clock;
        auto seconds = [](Clock::time_point since) { return std::chrono::duration<double>(Clock::now() - since).count(); };
        auto start = Clock::now();
        router->fit(train, validationQueries > 0 ? &validation : nullptr, {});
        const double fit = seconds(start);
        start = Clock::now();
        const Eigen::MatrixXd p = router->predictQuality(xt);
        const double predict = seconds(start);
        double calls = 0;
        if (const auto* cascade = dynamic_cast<const CascadeRouter*>(router.get())) {
            start = Clock::now();
            cascade->calls(at);
            calls = seconds(start);
        }
        std::printf("%s: fit %.2f s on %ld queries (+%ld validation), predict %.3f s on %ld queries%s (%ld features, "
                    "%ld models)\n",
                    spec.name.c_str(), fit, long(fitQueries), long(validationQueries), predict, long(testQueries),
                    calls > 0 ? (", calls " + std::to_string(calls) + " s").c_str() : "", long(x.cols()),
                    long(p.cols()));
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_router_training: %s\n", e.what());
        return 1;
    }
}
