// Times budget sweeps at RouterBench scale: 10 routers x 36,497 queries x 11 models x 100
// budgets with random predictions, every predicted cost distinct (the hardest case for the
// threshold grid). As in an experiment, the routers share one cost prediction (sweepRouters);
// a different cost prediction per router (one sweepBudgets call each) is timed as the worst case.
// Usage: bench_threshold_sweep [routers] [queries] [models]

#include "evaluation/budget_policy.h"
#include "build_info.h"
#include "random_inputs.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <vector>

using namespace routescope;
using routescope::bench::randomMatrix;

namespace {

// Best of 5 timed runs after one warm-up, in milliseconds.
double bestOf5(const std::function<double()>& sweepAll, double& checksum)
{
    checksum += sweepAll();
    double best = 1e300;
    for (int repeat = 0; repeat < 5; ++repeat) {
        const auto start = std::chrono::steady_clock::now();
        checksum += sweepAll();
        best = std::min(best, std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    }
    return best;
}

} // namespace

int main(int argc, char** argv)
{
    std::printf("build: %s\n", routescopeBuildInfo().c_str()); // which build these numbers measure
    const int routers = argc > 1 ? std::atoi(argv[1]) : 10;
    const Eigen::Index queries = argc > 2 ? std::atol(argv[2]) : 36497;
    const Eigen::Index models = argc > 3 ? std::atol(argv[3]) : 11;
    Random random(7);
    const Eigen::MatrixXd A = randomMatrix(queries, models, random, 1.0).array().round().matrix();
    const Eigen::MatrixXd K = randomMatrix(queries, models, random, 0.01);
    std::vector<Eigen::MatrixXd> P, C;
    for (int r = 0; r < routers; ++r) {
        P.push_back(randomMatrix(queries, models, random, 1.0));
        C.push_back(randomMatrix(queries, models, random, 0.01));
    }
    std::vector<const Eigen::MatrixXd*> predictedQuality;
    for (const auto& p : P)
        predictedQuality.push_back(&p);

    double checksum = 0;
    const std::string size = std::to_string(routers) + " routers x " + std::to_string(queries) + " queries x " +
                             std::to_string(models) + " models x 100 budgets";
    for (const auto policy : {BudgetPolicy::CostThreshold, BudgetPolicy::WillingnessToPay}) {
        const double shared = bestOf5(
            [&] {
                const auto sweeps = sweepRouters(policy, predictedQuality, C.front(), A, K, 100);
                return sweeps.back().frontier.back().quality + sweeps.front().choices(0, 0);
            },
            checksum);
        std::printf("%-9s %s, one shared cost prediction: %.1f ms (best of 5)\n",
                    std::string(budgetPolicyName(policy)).c_str(), size.c_str(), shared);
    }
    const double distinct = bestOf5(
        [&] {
            double sum = 0;
            for (std::size_t r = 0; r < P.size(); ++r)
                sum += sweepBudgets(BudgetPolicy::CostThreshold, P[r], C[r], A, K, 100).frontier.back().quality;
            return sum;
        },
        checksum);
    std::printf("threshold %s, a cost prediction per router (worst case): %.1f ms (best of 5)\n", size.c_str(),
                distinct);
    std::printf("checksum %.6f\n", checksum);
    return 0;
}
