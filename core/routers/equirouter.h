#pragma once
// EquiRouter (method.md section 3): learns a ranking of the models per query with equally good
// models ordered cheaper-first, so the argmax does not collapse onto the dearest model.
//
// Settings (network and optimiser defaults = the authors' RouterBench configuration, the rest
// chosen on validation splits as the README's EquiRouter section shows):
//   tie=none|top|all (top): which equal-score pairs the ranking loss orders cheaper-first;
//   tie_norm=separate|pooled (separate): label and tie pairs averaged apart, or in one mean;
//   tie_weight: the tie pairs' weight against the label pairs' (default: chosen on validation
//     from 0, 0.01, 0.03, 0.1, 0.3; without validation 0.03; with tie_norm=pooled 1);
//   rank_weight (50), lr (1e-4), batch (128), seed (1), trunk (1024,512,512), embedding (128),
//   head (512), threads (default: what the experiment gives it, util/thread_budget.h): at most this
//     many threads run the parts of each batch (equirouter_parallel_step.h); never changes the result;
//   steps: optimiser steps; without it max(min_steps, epochs x batches per pass over the data),
//     min_steps (200), epochs (5; 8 when selecting), so small datasets train as long as large ones;
//   select=auto|validation|none (auto: validation when fit gets a validation set): one run per
//     tie weight, checked on the validation set 20 times per run; the (tie weight, step) with the
//     largest validation cost-threshold frontier area (validation_frontier.h) is kept; a run
//     stops early after `patience` (5) checks without a larger area (0: never);
//   decide=argmax|margin (argmax): margin ranks by the scores and takes the cheapest model within
//     `margin` of the best one (as MarginRouter does); margin is chosen on validation from
//     0, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 1, 2 unless given (without validation 0.05), with
//     `tolerance` (0.01) of validation quality to give up.

#include "nn/losses.h"
#include "routers/equirouter_network.h"
#include "routers/router.h"

namespace routescope {

class EquiRouter : public Router {
public:
    // Throws std::invalid_argument on unknown or malformed settings.
    explicit EquiRouter(RouterSettings settings = {});

    std::string kind() const override { return "equirouter"; }
    bool predictsScores() const override { return true; }
    void fit(const TrainingSet& train, const TrainingSet* validation, const JobControl& job) override;
    Eigen::MatrixXd predictQuality(const FeatureMatrix& features) const override;
    void save(BinaryWriter& out) const override;
    void load(BinaryReader& in) override;

    // What the kept network was trained with; validationArea is NaN when nothing was selected.
    struct Selection {
        nn::RankingLoss loss;
        long steps = 0;
        double margin = 0; // 0: argmax of the scores
        double validationArea = 0;
    };
    const Selection& selection() const { return selection_; }
    // Mean training loss of each pass over the training data of the kept network's run, up to the
    // kept step (the last pass may be partial).
    const std::vector<double>& epochLosses() const { return epochLosses_; }

private:
    struct Options;
    Options options(bool haveValidation) const;

    RouterSettings settings_;
    EquiRouterNetwork network_;
    Selection selection_;
    std::vector<double> epochLosses_;
};

} // namespace routescope
