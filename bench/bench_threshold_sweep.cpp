// Times budget sweeps at RouterBench scale: 10 routers x 36,497 queries x 11 models x 100
// budgets, every predicted cost distinct (the hardest case for the threshold grid).
// Usage: bench_threshold_sweep [routers] [queries] [models]

#include "evaluation/budget_policy.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <vector>

using namespace routescope;

namespace {

Eigen::MatrixXd randomMatrix(Eigen::Index rows, Eigen::Index cols, std::mt19937_64& rng, double scale)
{
    Eigen::MatrixXd m(rows, cols);
    for (Eigen::Index j = 0; j < cols; ++j)
        for (Eigen::Index i = 0; i < rows; ++i)
            m(i, j) = scale * static_cast<double>(rng() >> 11) * 0x1.0p-53;
    return m;
}

double timeSweeps(BudgetPolicy policy, const std::vector<Eigen::MatrixXd>& P, const std::vector<Eigen::MatrixXd>& C,
                  const Eigen::MatrixXd& A, const Eigen::MatrixXd& K, double& checksum)
{
    const auto start = std::chrono::steady_clock::now();
    for (std::size_t r = 0; r < P.size(); ++r) {
        const BudgetSweep sweep = sweepBudgets(policy, P[r], C[r], A, K, 100);
        checksum += sweep.frontier.back().quality + sweep.choices(0, 0);
    }
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

} // namespace

int main(int argc, char** argv)
{
    const int routers = argc > 1 ? std::atoi(argv[1]) : 10;
    const Eigen::Index queries = argc > 2 ? std::atol(argv[2]) : 36497;
    const Eigen::Index models = argc > 3 ? std::atol(argv[3]) : 11;
    std::mt19937_64 rng(7);
    const Eigen::MatrixXd A = randomMatrix(queries, models, rng, 1.0).array().round().matrix();
    const Eigen::MatrixXd K = randomMatrix(queries, models, rng, 0.01);
    std::vector<Eigen::MatrixXd> P, C;
    for (int r = 0; r < routers; ++r) {
        P.push_back(randomMatrix(queries, models, rng, 1.0));
        C.push_back(randomMatrix(queries, models, rng, 0.01));
    }
    double checksum = 0;
    timeSweeps(BudgetPolicy::CostThreshold, P, C, A, K, checksum); // warm-up
    for (const auto policy : {BudgetPolicy::CostThreshold, BudgetPolicy::WillingnessToPay}) {
        double best = 1e300;
        for (int repeat = 0; repeat < 5; ++repeat)
            best = std::min(best, timeSweeps(policy, P, C, A, K, checksum));
        std::printf("%-9s %d routers x %ld queries x %ld models x 100 budgets: %.1f ms (best of 5)\n",
                    std::string(budgetPolicyName(policy)).c_str(), routers, static_cast<long>(queries),
                    static_cast<long>(models), best);
    }
    std::printf("checksum %.6f\n", checksum);
    return 0;
}
