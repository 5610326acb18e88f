#pragma once
// EquiRouter (method.md section 3): learns a ranking of the models per query with equally good
// models ordered cheaper-first, so the argmax does not collapse onto the dearest model.
//
// Settings (defaults = the authors' RouterBench configuration):
//   tie=none|top|all (top), rank_weight (50), epochs (5), lr (1e-4), batch (128), seed (1),
//   trunk (1024,512,512), embedding (128), head (512),
//   select=auto|validation|none (auto: validation when fit gets a validation set),
//   max_epochs (8): with select=validation, tie settings none and top (or only the tie given)
//   are each trained for max_epochs and the (tie, epoch) with the largest validation
//   cost-threshold frontier area (validation_frontier.h) is kept.
//   threads (2): each batch is split over this many threads (equirouter_parallel_step.h).

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
        nn::TieOrder tie = nn::TieOrder::Top;
        int epochs = 0;
        double validationArea = 0;
    };
    const Selection& selection() const { return selection_; }
    // Mean training loss of each epoch of the kept network's run.
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
