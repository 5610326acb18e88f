#pragma once
// RouterBench's MLP baseline: one regressor per model, x -> Linear(d, hidden) ReLU -> Linear(hidden, 1),
// trained with MSE and Adam. The per-model networks share mini-batches, so their first layers are
// one wide product; they stay independent networks (Adam is element-wise).
//
// Settings: hidden (100), epochs (30), lr (1e-3), batch (64), seed (1). With a validation set,
// each model keeps the epoch with its lowest validation MSE (early stopping).

#include "routers/minibatches.h"
#include "routers/mlp_bank.h"
#include "routers/router.h"

namespace routescope {

class MlpRouter : public Router {
public:
    // Throws std::invalid_argument on unknown or malformed settings.
    explicit MlpRouter(RouterSettings settings = {});

    std::string kind() const override { return "mlp"; }
    void fit(const TrainingSet& train, const TrainingSet* validation, const JobControl& job) override;
    Eigen::MatrixXd predictQuality(const FeatureMatrix& features) const override;
    void save(BinaryWriter& out) const override;
    void load(BinaryReader& in) override;

    // Epoch kept per model (the last epoch without a validation set).
    const std::vector<int>& keptEpochs() const { return keptEpochs_; }

private:
    struct Options {
        int hidden = 100;
        MinibatchTraining training;
    };
    static Options readOptions(const RouterSettings& settings);

    RouterSettings settings_;
    Options options_;
    MlpBank bank_;
    std::vector<int> keptEpochs_;
};

} // namespace routescope
