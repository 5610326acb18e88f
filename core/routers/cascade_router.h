#pragma once
// RouterBench's cascading router: call the models one after another, cheapest first (or in an
// order the user gives), until a judge accepts an answer; the answer returned is the last one
// called, the cost is the sum over the models called. The judge is simulated: it accepts an
// answer whose true score reaches its quality threshold, but errs (accepts a bad answer or
// rejects a good one) with probability `error`, drawn once per query and model from the seed.
// A cascade decides on the answers, not on P: the experiment sweeps it with calls(A) at its own
// budgets (evaluation/sequential_sweep.h).
//
// Settings:
//   order: model names joined by '+', the cascade's calling order (default: all models by mean
//     training cost, cheapest first; equal costs by model order);
//   error (0): the judge's error rate, RouterBench sweeps 0, 0.1 and 0.2;
//   budget=depth|threshold (depth): the knob swept. depth: at most 1, 2, ... models are called,
//     with the judge's threshold fixed; threshold: the judge's threshold runs over the training
//     scores at the quantiles 0, 0.05, ..., 1 and above the highest score, with the depth fixed;
//   threshold: the fixed threshold with budget=depth (default RouterBench's: the 0.95 quantile
//     of the cascade models' training scores);
//   max_depth: the fixed depth with budget=threshold (default: every model of the order);
//   seed (1): the judge's errors.
// P (predictQuality) is each model's mean training score for every query: a cascade has no
// per-query prediction before it calls a model.

#include "routers/router.h"

#include <cstdint>
#include <memory>
#include <optional>

namespace routescope {

class CascadeRouter : public Router {
public:
    // Throws std::invalid_argument on unknown or malformed settings.
    explicit CascadeRouter(RouterSettings settings = {});

    std::string kind() const override { return "cascade"; }
    // Orders the models (by name needs train.modelNames) and reads the training scores' quantiles.
    void fit(const TrainingSet& train, const TrainingSet* validation, const JobControl& job) override;
    Eigen::MatrixXd predictQuality(const FeatureMatrix& features) const override;
    void save(BinaryWriter& out) const override;
    void load(BinaryReader& in) override;

    // What the cascade does on queries with true scores A (queries x models), at each budget.
    struct Calls {
        std::vector<int> order;      // models in calling order
        std::vector<double> budgets; // depths 1, 2, ... or thresholds, least spending first
        // budgets x queries: how many models of the order were called; the last one's answer is returned.
        Eigen::Matrix<std::int16_t, Eigen::Dynamic, Eigen::Dynamic> calls;
    };
    Calls calls(const Eigen::MatrixXd& trueScores) const;

    const std::vector<int>& order() const { return order_; }

    // The trained cascade with only the models `kept` (old column indices; column i of the result
    // is kept[i]), as a what-if scenario's pool leaves it: the calling order learned from the
    // training prices stays, less the models left out, and so do the judge's thresholds. Throws
    // std::invalid_argument when no model of the order is kept.
    std::unique_ptr<CascadeRouter> inPool(const std::vector<int>& kept) const;

private:
    enum class Knob { Depth, Threshold };
    struct Options {
        std::vector<std::string> order; // names; empty: by cost
        double error = 0;
        Knob knob = Knob::Depth;
        std::optional<double> threshold;
        std::optional<int> maxDepth;
        std::uint64_t seed = 1;
    };
    static Options readOptions(const RouterSettings& settings);

    RouterSettings settings_;
    Options options_;
    std::vector<int> order_;
    Eigen::RowVectorXd meanScores_;  // per model, on the training queries
    std::vector<double> thresholds_; // the judge's thresholds, ascending (one with budget=depth)
};

} // namespace routescope
