#include "evaluation/budget_policy.h"

#include "util/sorted_distinct.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace routescope {
namespace {

constexpr int kMaxModels = std::numeric_limits<std::int16_t>::max();
// Fixed query chunks make the frontier sums independent of the thread count; handed out
// dynamically, so a core that another process takes does not hold the whole sweep back.
constexpr Eigen::Index kChunks = 64;
constexpr Eigen::Index kPrefetchAhead = 16;

void checkPrediction(const Eigen::MatrixXd& P, const Eigen::MatrixXd& C)
{
    if (P.rows() != C.rows() || P.cols() != C.cols())
        throw std::invalid_argument("predicted quality and cost differ in shape");
    if (P.rows() == 0 || P.cols() == 0)
        throw std::invalid_argument("a budget policy needs at least one query and one model");
    if (P.cols() > kMaxModels)
        throw std::invalid_argument("too many models for a budget sweep: " + std::to_string(P.cols()));
    // |x| max propagating NaN is finite exactly when every entry is; unlike allFinite(), it vectorises.
    const auto finite = [](const Eigen::MatrixXd& m) {
        return std::isfinite(m.cwiseAbs().maxCoeff<Eigen::PropagateNaN>());
    };
    if (!finite(P) || !finite(C))
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
    std::vector<int> best; // hull vertices
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
        }
        // Rank by counting: branch-free, where a sort of random costs mispredicts at every step.
        for (std::size_t j = 0; j < m; ++j) {
            std::size_t rank = 0;
            for (std::size_t i = 0; i < m; ++i)
                rank += static_cast<std::size_t>((c[i] < c[j]) | ((c[i] == c[j]) & (i < j)));
            order[rank] = static_cast<int>(j);
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

// First index in [0, count) at which the monotone predicate turns true (count if never).
// Branch-free halving with a step count fixed by `count`: the loop never mispredicts.
template <typename Predicate>
Eigen::Index firstTrue(Eigen::Index count, Predicate holds)
{
    if (count == 0)
        return 0;
    Eigen::Index base = 0;
    Eigen::Index length = count;
    while (length > 1) {
        const Eigen::Index half = length / 2;
        base = holds(base + half - 1) ? base : base + half;
        length -= half;
    }
    return holds(base) ? base : base + 1;
}

// First index in the ascending values[0, count) holding at least `value` (count if none), by
// halving a fixed number of times: the steps depend on count alone, so they never mispredict.
Eigen::Index firstAtLeast(const double* values, Eigen::Index count, double value)
{
    Eigen::Index base = 0;
    for (Eigen::Index length = count; length > 1; length -= length / 2)
        base = values[base + length / 2 - 1] < value ? base + length / 2 : base;
    return count > 0 && values[base] < value ? base + 1 : base;
}

std::vector<double> thresholdGrid(const Eigen::MatrixXd& C, int maxBudgets)
{
    std::vector<double> distinct = sortedDistinct(C.data(), static_cast<std::size_t>(C.size()));
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

// Where each query's models join a rising threshold sweep. It depends on the cost prediction and
// the grid alone, so routers sharing a cost prediction share it.
struct ThresholdJoins {
    Eigen::Matrix<std::int16_t, Eigen::Dynamic, Eigen::Dynamic> order; // models x queries, cheapest first
    Eigen::Matrix<std::int32_t, Eigen::Dynamic, Eigen::Dynamic> joins; // budget index where order(k, n) joins
    std::vector<std::int16_t> cheapestGroupEnd; // per query: last k sharing the cheapest cost
};

ThresholdJoins thresholdJoins(const Eigen::MatrixXd& C, const std::vector<double>& grid)
{
    ThresholdJoins out;
    out.order.resize(C.cols(), C.rows());
    out.joins.resize(C.cols(), C.rows());
    out.cheapestGroupEnd.resize(static_cast<std::size_t>(C.rows()));
    const auto budgets = static_cast<Eigen::Index>(grid.size());
#pragma omp parallel for schedule(dynamic)
    for (Eigen::Index chunk = 0; chunk < kChunks; ++chunk) {
        QueryScratch q(C.cols());
        for (Eigen::Index n = C.rows() * chunk / kChunks; n < C.rows() * (chunk + 1) / kChunks; ++n) {
            if (n + kPrefetchAhead < C.rows())
                for (Eigen::Index m = 0; m < C.cols(); ++m)
                    __builtin_prefetch(&C(n + kPrefetchAhead, m));
            q.load(C, C, n);
            for (std::size_t k = 0; k < q.order.size(); ++k) {
                const auto row = static_cast<Eigen::Index>(k);
                out.order(row, n) = static_cast<std::int16_t>(q.order[k]);
                // A model joins at the first threshold that reaches its cost.
                out.joins(row, n) = static_cast<std::int32_t>(
                    firstAtLeast(grid.data(), budgets, q.c[static_cast<std::size_t>(q.order[k])]));
            }
            out.cheapestGroupEnd[static_cast<std::size_t>(n)] = static_cast<std::int16_t>(q.cheapestGroupEnd());
        }
    }
    return out;
}

// Every query's hull, computed once for both the lambda grid and the decisions.
struct WillingnessHulls {
    Eigen::Matrix<std::int16_t, Eigen::Dynamic, Eigen::Dynamic> vertices; // models x queries, cheapest first
    std::vector<std::int16_t> size;                                       // vertices used per query
    double smallestSlope = std::numeric_limits<double>::infinity();
    double largestSlope = 0;
};

WillingnessHulls willingnessHulls(const Eigen::MatrixXd& P, const Eigen::MatrixXd& C)
{
    WillingnessHulls hulls;
    hulls.vertices.resize(P.cols(), P.rows());
    hulls.size.resize(static_cast<std::size_t>(P.rows()));
    double smallest = hulls.smallestSlope;
    double largest = hulls.largestSlope;
#pragma omp parallel for schedule(dynamic) reduction(min : smallest) reduction(max : largest)
    for (Eigen::Index chunk = 0; chunk < kChunks; ++chunk) {
        QueryScratch q(P.cols());
        for (Eigen::Index n = P.rows() * chunk / kChunks; n < P.rows() * (chunk + 1) / kChunks; ++n) {
            if (n + kPrefetchAhead < P.rows())
                for (Eigen::Index m = 0; m < P.cols(); ++m) {
                    __builtin_prefetch(&P(n + kPrefetchAhead, m));
                    __builtin_prefetch(&C(n + kPrefetchAhead, m));
                }
            q.load(P, C, n);
            const std::size_t h = q.hull();
            hulls.size[static_cast<std::size_t>(n)] = static_cast<std::int16_t>(h);
            for (std::size_t k = 0; k < h; ++k)
                hulls.vertices(static_cast<Eigen::Index>(k), n) = static_cast<std::int16_t>(q.best[k]);
            if (h >= 2) {
                largest = std::max(largest, q.slope(0));
                smallest = std::min(smallest, q.slope(h - 2));
            }
        }
    }
    hulls.smallestSlope = smallest;
    hulls.largestSlope = largest;
    return hulls;
}

std::vector<double> willingnessGrid(const WillingnessHulls& hulls, int maxBudgets)
{
    if (hulls.largestSlope == 0)
        return {0.0};
    const double hi = std::log(2 * hulls.largestSlope);
    const double lo = std::log(hulls.smallestSlope / 2);
    if (maxBudgets == 1)
        return {std::exp(lo)};
    std::vector<double> grid(static_cast<std::size_t>(maxBudgets));
    for (int i = 0; i < maxBudgets; ++i)
        grid[static_cast<std::size_t>(i)] = std::exp(hi + (lo - hi) * i / (maxBudgets - 1));
    return grid;
}

// Writes one query's decisions as runs of budgets and adds them to its chunk's frontier sums,
// kept as differences so a run costs O(1) however many budgets it spans.
struct RunWriter {
    std::int16_t* choices;
    double* costDiff;
    double* qualityDiff;
    const Eigen::MatrixXd& A;
    const Eigen::MatrixXd& K;
    Eigen::Index query;

    void run(Eigen::Index from, Eigen::Index to, int model) const
    {
        if (from >= to)
            return;
        std::fill(choices + from, choices + to, static_cast<std::int16_t>(model));
        costDiff[from] += K(query, model);
        costDiff[to] -= K(query, model);
        qualityDiff[from] += A(query, model);
        qualityDiff[to] -= A(query, model);
    }

    // The frontier sums change by `sign` x the model's outcome from budget `from` on.
    void add(Eigen::Index from, int model, double sign) const
    {
        costDiff[from] += sign * K(query, model);
        qualityDiff[from] += sign * A(query, model);
    }
};

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
    return policy == BudgetPolicy::CostThreshold ? thresholdGrid(C, maxBudgets)
                                                 : willingnessGrid(willingnessHulls(P, C), maxBudgets);
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

namespace {

// The sweep itself, on budgets already in sweep order. What it needs of (P, C) beyond them comes
// computed once by the caller: the willingness-to-pay hulls, or the cost threshold's joins.
BudgetSweep sweepOnGrid(BudgetPolicy policy, const Eigen::MatrixXd& P, const Eigen::MatrixXd& C,
                        const Eigen::MatrixXd& A, const Eigen::MatrixXd& K, std::vector<double> budgetsToVisit,
                        const WillingnessHulls& hulls, const ThresholdJoins& thresholdJoins)
{
    if (budgetsToVisit.empty())
        throw std::invalid_argument("a sweep needs at least one budget");
    if (A.rows() != P.rows() || A.cols() != P.cols() || K.rows() != P.rows() || K.cols() != P.cols())
        throw std::invalid_argument("true scores and costs differ in shape from the prediction");
    BudgetSweep sweep;
    sweep.policy = policy;
    sweep.budgets = std::move(budgetsToVisit);
    const auto budgets = static_cast<Eigen::Index>(sweep.budgets.size());
    const std::vector<double>& grid = sweep.budgets;
    const Eigen::Index queries = P.rows();
    sweep.choices.resize(budgets, queries);
    Eigen::MatrixXd costDiff = Eigen::MatrixXd::Zero(budgets + 1, kChunks);
    Eigen::MatrixXd qualityDiff = Eigen::MatrixXd::Zero(budgets + 1, kChunks);

    const bool threshold = policy == BudgetPolicy::CostThreshold;
#pragma omp parallel for schedule(dynamic)
    for (Eigen::Index chunk = 0; chunk < kChunks; ++chunk) {
        const auto models = static_cast<std::size_t>(P.cols());
        std::vector<std::int16_t> best(models), choiceWhen(models + 1);
        std::vector<std::int32_t> joinedAt(static_cast<std::size_t>(budgets) + 1);
        for (Eigen::Index n = queries * chunk / kChunks; n < queries * (chunk + 1) / kChunks; ++n) {
            // 33 column streams (44 with C) outrun the hardware prefetcher: fetch a few queries ahead.
            if (n + kPrefetchAhead < queries)
                for (Eigen::Index m = 0; m < P.cols(); ++m)
                    for (const Eigen::MatrixXd* matrix : {&P, &A, &K, threshold ? nullptr : &C})
                        if (matrix)
                            __builtin_prefetch(&(*matrix)(n + kPrefetchAhead, m));
            const RunWriter writer{sweep.choices.col(n).data(), costDiff.col(chunk).data(), qualityDiff.col(chunk).data(),
                                   A, K, n};
            Eigen::Index from = 0;
            if (threshold) {
                // best[k]: the choice when the k + 1 cheapest models are eligible. Visited in cost
                // order (ties by index), a later model beats the winner only by a higher P: the
                // cost and index tie-breaks favour the earlier one.
                const std::int16_t* order = thresholdJoins.order.col(n).data();
                int winner = order[0];
                double winnerP = P(n, winner);
                for (std::size_t k = 0; k < models; ++k) {
                    const double p = P(n, order[k]);
                    const bool beats = p > winnerP;
                    winnerP = beats ? p : winnerP;
                    winner = beats ? order[k] : winner;
                    best[k] = static_cast<std::int16_t>(winner);
                }
                // choiceWhen[k]: the choice while the k cheapest models are eligible; with none,
                // the cheapest group is (the fallback), so k up to that group's end chooses alike.
                const auto cheapestGroup = static_cast<std::size_t>(thresholdJoins.cheapestGroupEnd[static_cast<std::size_t>(n)]);
                for (std::size_t k = 0; k <= models; ++k)
                    choiceWhen[k] = best[std::max(k, cheapestGroup + 1) - 1];
                // Models join as thresholds rise and stay, so the choice at budget b is that of the
                // number of models joined by b.
                const std::int32_t* joins = thresholdJoins.joins.col(n).data();
                std::fill(joinedAt.begin(), joinedAt.end(), 0);
                for (std::size_t k = 0; k < models; ++k)
                    ++joinedAt[static_cast<std::size_t>(joins[k])];
                std::int16_t* column = sweep.choices.col(n).data();
                std::size_t joined = 0;
                for (Eigen::Index b = 0; b < budgets; ++b) {
                    joined += static_cast<std::size_t>(joinedAt[static_cast<std::size_t>(b)]);
                    column[b] = choiceWhen[joined];
                }
                writer.add(0, choiceWhen[0], 1.0);
                for (std::size_t k = 0; k < models; ++k) {
                    writer.add(joins[k], choiceWhen[k + 1], 1.0);
                    writer.add(joins[k], choiceWhen[k], -1.0);
                }
            } else {
                // Lambda falls along the sweep, so the choice only moves to dearer hull vertices.
                const auto h = static_cast<Eigen::Index>(hulls.size[static_cast<std::size_t>(n)]);
                for (Eigen::Index k = 0; k + 1 < h; ++k) {
                    const int here = hulls.vertices(k, n);
                    const int next = hulls.vertices(k + 1, n);
                    const Eigen::Index moves = std::max(from, firstTrue(budgets, [&](Eigen::Index b) {
                        const double lambda = grid[static_cast<std::size_t>(b)];
                        return P(n, next) - lambda * C(n, next) > P(n, here) - lambda * C(n, here);
                    }));
                    writer.run(from, moves, here);
                    from = moves;
                }
                writer.run(from, budgets, hulls.vertices(h - 1, n));
            }
        }
    }

    sweep.frontier.resize(static_cast<std::size_t>(budgets));
    Eigen::VectorXd cost = Eigen::VectorXd::Zero(kChunks);
    Eigen::VectorXd quality = Eigen::VectorXd::Zero(kChunks);
    for (Eigen::Index b = 0; b < budgets; ++b) {
        cost += costDiff.row(b).transpose();
        quality += qualityDiff.row(b).transpose();
        auto& point = sweep.frontier[static_cast<std::size_t>(b)];
        point.budget = grid[static_cast<std::size_t>(b)];
        point.cost = cost.sum() / static_cast<double>(queries);
        point.quality = quality.sum() / static_cast<double>(queries);
    }
    return sweep;
}

} // namespace

namespace {

BudgetSweep only(std::vector<BudgetSweep> sweeps)
{
    return std::move(sweeps.front());
}

// Least spending first: T ascending, lambda descending.
std::vector<double> inSweepOrder(BudgetPolicy policy, std::vector<double> budgets)
{
    if (budgets.empty())
        throw std::invalid_argument("a sweep needs at least one budget");
    if (policy == BudgetPolicy::CostThreshold)
        std::sort(budgets.begin(), budgets.end());
    else
        std::sort(budgets.begin(), budgets.end(), std::greater<>());
    return budgets;
}

// Sweeps of routers sharing one cost prediction on budgets in sweep order; the hulls, or the
// threshold joins (shared by them all), computed once each.
std::vector<BudgetSweep> sweepShared(BudgetPolicy policy, const std::vector<const Eigen::MatrixXd*>& predictedQuality,
                                     const Eigen::MatrixXd& C, const Eigen::MatrixXd& A, const Eigen::MatrixXd& K,
                                     const std::vector<double>& budgets)
{
    std::vector<BudgetSweep> sweeps;
    if (predictedQuality.empty())
        return sweeps;
    sweeps.reserve(predictedQuality.size());
    for (const Eigen::MatrixXd* P : predictedQuality)
        checkPrediction(*P, C);
    if (policy == BudgetPolicy::WillingnessToPay) {
        for (const Eigen::MatrixXd* P : predictedQuality)
            sweeps.push_back(sweepOnGrid(policy, *P, C, A, K, budgets, willingnessHulls(*P, C), {}));
        return sweeps;
    }
    const ThresholdJoins joins = thresholdJoins(C, budgets);
    for (const Eigen::MatrixXd* P : predictedQuality)
        sweeps.push_back(sweepOnGrid(policy, *P, C, A, K, budgets, {}, joins));
    return sweeps;
}

} // namespace

BudgetSweep sweepBudgets(BudgetPolicy policy, const Eigen::MatrixXd& P, const Eigen::MatrixXd& C,
                         const Eigen::MatrixXd& A, const Eigen::MatrixXd& K, int maxBudgets)
{
    checkPrediction(P, C);
    if (maxBudgets < 1)
        throw std::invalid_argument("a sweep needs at least one budget");
    if (policy == BudgetPolicy::CostThreshold)
        return only(sweepShared(policy, {&P}, C, A, K, thresholdGrid(C, maxBudgets)));
    // The hulls give both the grid and the sweep: computed once.
    const WillingnessHulls hulls = willingnessHulls(P, C);
    return sweepOnGrid(policy, P, C, A, K, willingnessGrid(hulls, maxBudgets), hulls, {});
}

BudgetSweep sweepBudgets(BudgetPolicy policy, const Eigen::MatrixXd& P, const Eigen::MatrixXd& C,
                         const Eigen::MatrixXd& A, const Eigen::MatrixXd& K, std::vector<double> budgets)
{
    return only(sweepRouters(policy, {&P}, C, A, K, std::move(budgets)));
}

std::vector<BudgetSweep> sweepRouters(BudgetPolicy policy, const std::vector<const Eigen::MatrixXd*>& predictedQuality,
                                      const Eigen::MatrixXd& C, const Eigen::MatrixXd& A, const Eigen::MatrixXd& K,
                                      int maxBudgets)
{
    if (policy == BudgetPolicy::WillingnessToPay) {
        std::vector<BudgetSweep> sweeps;
        for (const Eigen::MatrixXd* P : predictedQuality)
            sweeps.push_back(sweepBudgets(policy, *P, C, A, K, maxBudgets));
        return sweeps;
    }
    if (predictedQuality.empty())
        return {};
    checkPrediction(*predictedQuality.front(), C);
    if (maxBudgets < 1)
        throw std::invalid_argument("a sweep needs at least one budget");
    return sweepShared(policy, predictedQuality, C, A, K, thresholdGrid(C, maxBudgets));
}

std::vector<BudgetSweep> sweepRouters(BudgetPolicy policy, const std::vector<const Eigen::MatrixXd*>& predictedQuality,
                                      const Eigen::MatrixXd& C, const Eigen::MatrixXd& A, const Eigen::MatrixXd& K,
                                      std::vector<double> budgets)
{
    return sweepShared(policy, predictedQuality, C, A, K, inSweepOrder(policy, std::move(budgets)));
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
