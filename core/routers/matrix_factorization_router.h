#pragma once
// Matrix-factorisation router (RouteLLM / EmbedLLM style): the quality of model m on query x is
// the bilinear score w^T (v_m * (W x)) + b_m (bilinear_scorer.h), trained with MSE and Adam.
// The per-model bias b_m is our addition: without it each model's base rate must come through x.
//
// Settings: dim (128), epochs (30), lr (1e-3), batch (64), seed (1). With a validation set, the
// epoch with the lowest validation MSE is kept.

#include "routers/bilinear_scorer.h"
#include "routers/minibatches.h"
#include "routers/router.h"

namespace routescope {

class MatrixFactorizationRouter : public Router {
public:
    // Throws std::invalid_argument on unknown or malformed settings.
    explicit MatrixFactorizationRouter(RouterSettings settings = {});

    std::string kind() const override { return "mf"; }
    void fit(const TrainingSet& train, const TrainingSet* validation, const JobControl& job) override;
    Eigen::MatrixXd predictQuality(const FeatureMatrix& features) const override;
    void save(BinaryWriter& out) const override;
    void load(BinaryReader& in) override;

    int keptEpoch() const { return keptEpoch_; }

private:
    struct Options {
        int dim = 128;
        MinibatchTraining training;
    };
    static Options readOptions(const RouterSettings& settings);

    RouterSettings settings_;
    Options options_;
    BilinearScorer scorer_;
    int keptEpoch_ = 0;
};

} // namespace routescope
