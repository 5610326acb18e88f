#include "evaluation/budget_policy.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace routescope {
namespace {

constexpr int kMaxModels = std::numeric_limits<std::int16_t>::max();
// Fixed query chunks make the frontier sums independent of the thread count.
constexpr Eigen::Index kChunks = 64;

void checkPrediction(const Eigen::MatrixXd& P, const Eigen::MatrixXd& C)
{
    if (P.rows() != C.rows() || P.cols() != C.cols())
        throw std::invalid_argument("predicted quality and cost differ in shape");
    if (P.rows() == 0 || P.cols() == 0)
        throw std::invalid_argument("a budget policy needs at least one query and one model");
    if (P.cols() > kMaxModels)
        throw std::invalid_argument("too many models for a budget sweep: " + std::to_string(P.cols()));
    if (!P.allFinite() || !C.allFinite())
        throw std::invalid_argument("predicted quality or cost is not finite");
}

// "Better" under the cost threshold: higher P, then lower C, then lower index.
bool beatsByQuality(double p, double c, Eigen::Index m, double bestP, double bestC, Eigen::Index best)
{
    if (p != bestP)
        return p > bestP;
    if (c != bestC)
        return c < bestC;
    return m < best;
}

// Per-query scratch for up to `models` models.
struct QueryScratch {
    std::vector<int> order;
    std::vector<int> best; // threshold: best model among order[0..k]; wtp: hull vertices
    std::vector<double> p, c;
    explicit QueryScratch(Eigen::Index models)
        : order(static_cast<std::size_t>(models)), best(static_cast<std::size_t>(models)),
          p(static_cast<std::size_t>(models)), c(static_cast<std::size_t>(models))
    {
    }

    void load(const Eigen::MatrixXd& P, const Eigen::MatrixXd& C, Eigen::Index n)
    {
        const auto m = order.size();
        for (std::size_t j = 0; j < m; ++j) {
            p[j] = P(n, static_cast<Eigen::Index>(j));
            c[j] = C(n, static_cast<Eigen::Index>(j));
            order[j] = static_cast<int>(j);
        }
        // Insertion sort: few models, and stable, so equal costs keep index order.
        for (std::size_t i = 1; i < m; ++i) {
            const int item = order[i];
            std::size_t j = i;
            while (j > 0 && c[static_cast<std::size_t>(order[j - 1])] > c[static_cast<std::size_t>(item)]) {
                order[j] = order[j - 1];
                --j;
            }
            order[j] = item;
        }
    }

    // best[k] = the threshold choice when order[0..k] are eligible.
    void prefixBest()
    {
        int winner = order[0];
        for (std::size_t k = 0; k < order.size(); ++k) {
            const auto j = static_cast<std::size_t>(order[k]);
            const auto w = static_cast<std::size_t>(winner);
            if (beatsByQuality(p[j], c[j], order[k], p[w], c[w], winner))
                winner = order[k];
            best[k] = winner;
        }
    }

    // Index into order of the last model sharing the cheapest cost: the no-eligible fallback.
    std::size_t cheapestGroupEnd() const
    {
        std::size_t k = 0;
        while (k + 1 < order.size() && c[static_cast<std::size_t>(order[k + 1])] == c[static_cast<std::size_t>(order[0])])
            ++k;
        return k;
    }

    // Upper-left hull of (C, P) into best[0..h): the only models argmax P - lambda C can pick,
    // cheapest first, P strictly rising and edge slopes strictly falling. Returns h.
    std::size_t hull()
    {
        std::size_t h = 0;
        for (const int m : order) {
            const auto j = static_cast<std::size_t>(m);
            if (h > 0) {
                const auto last = static_cast<std::size_t>(best[h - 1]);
                // Same cost: the earlier (lower index) model wins unless this one has higher P.
                if (c[j] == c[last]) {
                    if (p[j] > p[last])
                        --h;
                    else
                        continue;
                } else if (p[j] <= p[last]) {
                    continue; // dearer and no better: never chosen
                }
            }
            while (h >= 2) {
                const auto a = static_cast<std::size_t>(best[h - 2]);
                const auto b = static_cast<std::size_t>(best[h - 1]);
                // b on or below the chord a-j: a or j wins at every lambda (ties go to the cheaper a).
                if ((p[b] - p[a]) * (c[j] - c[a]) <= (p[j] - p[a]) * (c[b] - c[a]))
                    --h;
                else
                    break;
            }
            best[h++] = m;
        }
        return h;
    }

    double slope(std::size_t k) const
    {
        const auto a = static_cast<std::size_t>(best[k]);
        const auto b = static_cast<std::size_t>(best[k + 1]);
        return (p[b] - p[a]) / (c[b] - c[a]);
    }
};

std::vector<double> thresholdGrid(const Eigen::MatrixXd& C, int maxBudgets)
{
    std::vector<double> distinct(C.data(), C.data() + C.size());
    std::sort(distinct.begin(), distinct.end());
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    const auto count = std::min<std::size_t>(distinct.size(), static_cast<std::size_t>(maxBudgets));
    if (count == distinct.size())
        return distinct;
    std::vector<double> grid(count);
    if (count == 1) {
        grid[0] = distinct.back();
        return grid;
    }
    const double last = static_cast<double>(distinct.size() - 1);
    for (std::size_t i = 0; i < count; ++i) {
        const double position = last * static_cast<double>(i) / static_cast<double>(count - 1);
        const auto lo = static_cast<std::size_t>(position);
        const double frac = position - static_cast<double>(lo);
        grid[i] = frac == 0.0 ? distinct[lo] : distinct[lo] + frac * (distinct[lo + 1] - distinct[lo]);
    }
    return grid;
}

std::vector<double> willingnessGrid(const Eigen::MatrixXd& P, const Eigen::MatrixXd& C, int maxBudgets)
{
    QueryScratch q(P.cols());
    double smallest = std::numeric_limits<double>::infinity();
    double largest = 0;
    for (Eigen::Index n = 0; n < P.rows(); ++n) {
        q.load(P, C, n);
        const std::size_t h = q.hull();
        if (h < 2)
            continue;
        largest = std::max(largest, q.slope(0));
        smallest = std::min(smallest, q.slope(h - 2));
    }
    if (largest == 0)
        return {0.0};
    const double hi = std::log(2 * largest);
    const double lo = std::log(smallest / 2);
    if (maxBudgets == 1)
        return {std::exp(lo)};
    std::vector<double> grid(static_cast<std::size_t>(maxBudgets));
    for (int i = 0; i < maxBudgets; ++i)
        grid[static_cast<std::size_t>(i)] = std::exp(hi + (lo - hi) * i / (maxBudgets - 1));
    return grid;
}

} // namespace

std::string_view budgetPolicyName(BudgetPolicy policy)
{
    return policy == BudgetPolicy::CostThreshold ? "threshold" : "wtp";
}

std::optional<BudgetPolicy> parseBudgetPolicy(std::string_view name)
{
    if (name == "threshold")
        return BudgetPolicy::CostThreshold;
    if (name == "wtp")
        return BudgetPolicy::WillingnessToPay;
    return std::nullopt;
}

std::vector<double> budgetGrid(BudgetPolicy policy, const Eigen::MatrixXd& P, const Eigen::MatrixXd& C,
                               int maxBudgets)
{
    checkPrediction(P, C);
    if (maxBudgets < 1)
        throw std::invalid_argument("a sweep needs at least one budget");
    return policy == BudgetPolicy::CostThreshold ? thresholdGrid(C, maxBudgets) : willingnessGrid(P, C, maxBudgets);
}

Eigen::VectorXi chooseModels(BudgetPolicy policy, const Eigen::MatrixXd& P, const Eigen::MatrixXd& C, double budget)
{
    checkPrediction(P, C);
    Eigen::VectorXi choice(P.rows());
    for (Eigen::Index n = 0; n < P.rows(); ++n) {
        Eigen::Index best = -1;
        if (policy == BudgetPolicy::CostThreshold) {
            // With nothing eligible, the query's cheapest cost becomes the threshold.
            const double limit = std::max(budget, C.row(n).minCoeff());
            for (Eigen::Index m = 0; m < P.cols(); ++m) {
                if (C(n, m) > limit)
                    continue;
                if (best < 0 || beatsByQuality(P(n, m), C(n, m), m, P(n, best), C(n, best), best))
                    best = m;
            }
        } else {
            double bestValue = 0;
            for (Eigen::Index m = 0; m < P.cols(); ++m) {
                const double value = P(n, m) - budget * C(n, m);
                if (best < 0 || value > bestValue || (value == bestValue && C(n, m) < C(n, best))) {
                    best = m;
                    bestValue = value;
                }
            }
        }
        choice(n) = static_cast<int>(best);
    }
    return choice;
}

BudgetSweep sweepBudgets(BudgetPolicy policy, const Eigen::MatrixXd& P, const Eigen::MatrixXd& C,
                         const Eigen::MatrixXd& A, const Eigen::MatrixXd& K, int maxBudgets)
{
    if (A.rows() != P.rows() || A.cols() != P.cols() || K.rows() != P.rows() || K.cols() != P.cols())
        throw std::invalid_argument("true scores and costs differ in shape from the prediction");
    BudgetSweep sweep;
    sweep.policy = policy;
    sweep.budgets = budgetGrid(policy, P, C, maxBudgets);
    const auto budgets = static_cast<Eigen::Index>(sweep.budgets.size());
    const Eigen::Index queries = P.rows();
    sweep.choices.resize(budgets, queries);
    Eigen::MatrixXd costSum = Eigen::MatrixXd::Zero(budgets, kChunks);
    Eigen::MatrixXd qualitySum = Eigen::MatrixXd::Zero(budgets, kChunks);

#pragma omp parallel for schedule(static)
    for (Eigen::Index chunk = 0; chunk < kChunks; ++chunk) {
        QueryScratch q(P.cols());
        for (Eigen::Index n = queries * chunk / kChunks; n < queries * (chunk + 1) / kChunks; ++n) {
            q.load(P, C, n);
            std::int16_t* out = sweep.choices.col(n).data();
            if (policy == BudgetPolicy::CostThreshold) {
                q.prefixBest();
                const std::size_t fallback = q.cheapestGroupEnd();
                std::size_t eligible = 0; // order[0..eligible) have C <= T
                for (Eigen::Index b = 0; b < budgets; ++b) {
                    const double limit = sweep.budgets[static_cast<std::size_t>(b)];
                    while (eligible < q.order.size() && q.c[static_cast<std::size_t>(q.order[eligible])] <= limit)
                        ++eligible;
                    out[b] = static_cast<std::int16_t>(q.best[eligible == 0 ? fallback : eligible - 1]);
                }
            } else {
                const std::size_t h = q.hull();
                std::size_t k = 0;
                for (Eigen::Index b = 0; b < budgets; ++b) {
                    const double lambda = sweep.budgets[static_cast<std::size_t>(b)];
                    // Lambda falls along the sweep, so the choice only moves to dearer hull vertices.
                    while (k + 1 < h) {
                        const auto here = static_cast<std::size_t>(q.best[k]);
                        const auto next = static_cast<std::size_t>(q.best[k + 1]);
                        if (q.p[next] - lambda * q.c[next] > q.p[here] - lambda * q.c[here])
                            ++k;
                        else
                            break;
                    }
                    out[b] = static_cast<std::int16_t>(q.best[k]);
                }
            }
            for (Eigen::Index b = 0; b < budgets; ++b) {
                costSum(b, chunk) += K(n, out[b]);
                qualitySum(b, chunk) += A(n, out[b]);
            }
        }
    }

    sweep.frontier.resize(static_cast<std::size_t>(budgets));
    for (Eigen::Index b = 0; b < budgets; ++b) {
        auto& point = sweep.frontier[static_cast<std::size_t>(b)];
        point.budget = sweep.budgets[static_cast<std::size_t>(b)];
        point.cost = costSum.row(b).sum() / static_cast<double>(queries);
        point.quality = qualitySum.row(b).sum() / static_cast<double>(queries);
    }
    return sweep;
}

Eigen::Array<bool, Eigen::Dynamic, Eigen::Dynamic> allowedModels(BudgetPolicy policy, const Eigen::MatrixXd& C,
                                                                 double budget,
                                                                 const Eigen::Ref<const Eigen::VectorXi>& choices)
{
    if (choices.size() != C.rows())
        throw std::invalid_argument("one choice per query is needed");
    Eigen::Array<bool, Eigen::Dynamic, Eigen::Dynamic> allowed(C.rows(), C.cols());
    for (Eigen::Index n = 0; n < C.rows(); ++n) {
        const double limit = policy == BudgetPolicy::CostThreshold ? std::max(budget, C.row(n).minCoeff())
                                                                    : C(n, choices(n));
        allowed.row(n) = C.row(n).array() <= limit;
    }
    return allowed;
}

} // namespace routescope
