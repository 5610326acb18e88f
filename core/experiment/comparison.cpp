#include "experiment/comparison.h"

#include "evaluation/seed_summary.h"
#include "evaluation/sequential_sweep.h"
#include "experiment/router_sweeps.h"

#include <algorithm>
#include <optional>

namespace routescope {

namespace {

int mostExpensive(const Eigen::MatrixXd& K)
{
    Eigen::Index best = 0;
    K.colwise().mean().maxCoeff(&best);
    return static_cast<int>(best);
}

std::optional<double> meanOf(const std::vector<std::optional<double>>& values)
{
    return summariseMetric("", values).mean;
}

// One router over all seeds: its evaluation per seed (and train seconds).
struct RouterAcrossSeeds {
    std::string name;
    std::vector<const RouterEvaluation*> evaluations;
    std::vector<double> trainSeconds;
    std::vector<int> mostExpensiveModel;
};

void writeRouter(JsonWriter& json, const RouterAcrossSeeds& r)
{
    auto metric = [&](auto get) {
        std::vector<std::optional<double>> values;
        for (const auto* e : r.evaluations)
            values.push_back(get(*e));
        return meanOf(values);
    };
    std::vector<std::optional<double>> shares, seconds;
    for (std::size_t i = 0; i < r.evaluations.size(); ++i) {
        shares.push_back(topModelShare(*r.evaluations[i], r.mostExpensiveModel[i]));
        if (i < r.trainSeconds.size())
            seconds.push_back(r.trainSeconds[i]);
    }
    json.beginObject().key("name").value(r.name);
    json.key("peak").value(metric([](const RouterEvaluation& e) { return std::optional<double>(e.peak); }));
    json.key("qnc").value(metric([](const RouterEvaluation& e) { return e.qnc; }));
    json.key("qnc_at").beginObject();
    json.key("0.9").value(metric([](const RouterEvaluation& e) { return e.qnc90; }));
    json.key("0.95").value(metric([](const RouterEvaluation& e) { return e.qnc95; }));
    json.endObject();
    json.key("auc").value(metric([](const RouterEvaluation& e) { return std::optional<double>(e.auc); }));
    json.key("aiq").value(metric([](const RouterEvaluation& e) { return std::optional<double>(e.aiq); }));
    json.key("rci").value(metric([](const RouterEvaluation& e) { return std::optional<double>(e.rci); }));
    json.key("feasible_rci").value(metric([](const RouterEvaluation& e) { return std::optional<double>(e.feasibleRci); }));
    json.key("top_model_share").value(meanOf(shares));
    json.key("train_seconds").value(seconds.empty() ? std::optional<double>() : meanOf(seconds));
    // Per-seed spread of every scalar metric.
    std::vector<RouterEvaluation> copies;
    for (const auto* e : r.evaluations)
        copies.push_back(*e);
    json.key("seeds");
    writeJson(json, summariseSeeds(copies));
    // Seed mean of each budget's operating point (every seed sweeps the same number of budgets).
    json.key("frontier").beginArray();
    std::size_t points = r.evaluations.front()->frontier.size();
    for (const auto* e : r.evaluations)
        points = std::min(points, e->frontier.size());
    for (std::size_t b = 0; b < points; ++b) {
        double cost = 0, quality = 0, calls = 0;
        for (const auto* e : r.evaluations) {
            cost += e->frontier[b].cost;
            quality += e->frontier[b].quality;
            calls += b < e->callsPerQuery.size() ? e->callsPerQuery[b] : 1.0;
        }
        const double n = double(r.evaluations.size());
        json.beginObject().key("cost").value(cost / n).key("quality").value(quality / n);
        json.key("calls").value(calls / n).endObject();
    }
    json.endArray();
    json.endObject();
}

} // namespace

double topModelShare(const RouterEvaluation& evaluation, int mostExpensiveModel)
{
    const auto& share = evaluation.selectionShare;
    if (share.rows() == 0 || mostExpensiveModel >= share.cols())
        return 0;
    return share(share.rows() - 1, mostExpensiveModel);
}

Comparison compareRouters(const std::vector<ExperimentRun>& runs, const std::vector<std::string>& modelNames,
                          BudgetPolicy policy, int budgets)
{
    Comparison comparison;
    comparison.policy = policy;
    comparison.modelNames = modelNames;
    if (!runs.empty())
        for (const auto& r : runs.front().routers)
            comparison.routerNames.push_back(r.spec.name);
    for (const auto& run : runs) {
        SeedComparison seed;
        seed.seed = run.seed;
        const auto& A = run.trueScores;
        const auto& K = run.trueCosts;
        const BudgetSweep oracleSweep = sweepBudgets(policy, A, K, A, K, budgets);
        const std::vector<BudgetSweep> sweeps = sweepRun(run, policy, budgets);
        // A cascade can spend more than the dearest model (it pays for every call): the shared
        // interval stays the one of one-call routers, so adding a cascade changes no other AUC.
        std::vector<const BudgetSweep*> all = {&oracleSweep};
        for (const auto& s : sweeps)
            if (!isSequential(s))
                all.push_back(&s);
        seed.reference = makeEvaluationReference(A, K, all);
        seed.singleModels = singleModelPoints(A, K);
        seed.mostExpensiveModel = mostExpensive(K);
        seed.oracle = evaluateRouter("oracle", oracleSweep, A, K, A, K, seed.reference);
        for (std::size_t i = 0; i < run.routers.size(); ++i) {
            seed.routers.push_back(evaluateRouter(run.routers[i].spec.name, sweeps[i],
                                                  run.routers[i].predictedQuality, run.predictedCost, A, K,
                                                  seed.reference));
            seed.trainSeconds.push_back(run.routers[i].trainSeconds);
        }
        comparison.seeds.push_back(std::move(seed));
    }
    return comparison;
}

void writeJson(JsonWriter& json, const Comparison& comparison)
{
    json.beginObject();
    json.key("policy").value(std::string(budgetPolicyName(comparison.policy)));
    json.key("models").beginArray();
    for (const auto& m : comparison.modelNames)
        json.value(m);
    json.endArray();
    json.key("seeds").beginArray();
    for (const auto& s : comparison.seeds)
        json.value(static_cast<long long>(s.seed));
    json.endArray();
    if (comparison.seeds.empty()) {
        json.endObject();
        return;
    }

    // The best single model can differ between seeds' test sets: report the most frequent one's seed means.
    const auto& first = comparison.seeds.front();
    std::vector<int> votes(comparison.modelNames.size(), 0);
    for (const auto& s : comparison.seeds)
        ++votes[static_cast<std::size_t>(s.reference.bestSingle.model)];
    const int best = int(std::max_element(votes.begin(), votes.end()) - votes.begin());
    double quality = 0, cost = 0;
    for (const auto& s : comparison.seeds) {
        quality += s.singleModels[static_cast<std::size_t>(best)].quality;
        cost += s.singleModels[static_cast<std::size_t>(best)].cost;
    }
    const double n = double(comparison.seeds.size());
    json.key("best_single").beginObject()
        .key("model").value(comparison.modelNames[static_cast<std::size_t>(best)])
        .key("quality").value(quality / n)
        .key("cost").value(cost / n)
        .endObject();
    json.key("most_expensive_model").value(comparison.modelNames[static_cast<std::size_t>(first.mostExpensiveModel)]);
    json.key("top_tie_rate").value(first.reference.topTieRate);

    RouterAcrossSeeds oracle{"oracle", {}, {}, {}};
    for (const auto& s : comparison.seeds) {
        oracle.evaluations.push_back(&s.oracle);
        oracle.mostExpensiveModel.push_back(s.mostExpensiveModel);
    }
    json.key("oracle");
    writeRouter(json, oracle);

    json.key("routers").beginArray();
    for (std::size_t r = 0; r < comparison.routerNames.size(); ++r) {
        RouterAcrossSeeds router{comparison.routerNames[r], {}, {}, {}};
        for (const auto& s : comparison.seeds) {
            router.evaluations.push_back(&s.routers[r]);
            router.trainSeconds.push_back(s.trainSeconds[r]);
            router.mostExpensiveModel.push_back(s.mostExpensiveModel);
        }
        writeRouter(json, router);
    }
    json.endArray();
    json.endObject();
}

} // namespace routescope
