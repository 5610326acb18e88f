#pragma once
// A contrastive router in the spirit of RouterDC (Chen et al. 2024), on fixed query features:
// a query projection and one embedding per model are learned so that a query lands near the
// models that answer it (contrastive_network.h, RouterDC's sample-LLM loss); P = the softmax over
// models of the cosine similarities / temperature, RouterDC's routing distribution.
// RouterDC fine-tunes a text encoder and adds a query-query (cluster) loss; on fixed features
// only the projection is learned and the cluster loss is left out.
//
// Settings (RouterDC's RouterBench configuration where it has one): top_k (4), last_k (4),
// temperature (1), hidden (256), dim (64), epochs (20), lr (1e-3), batch (64), seed (1). With a
// validation set, the epoch whose top-similarity choices score best there is kept (RouterDC's
// criterion).

#include "routers/contrastive_network.h"
#include "routers/minibatches.h"
#include "routers/router.h"

namespace routescope {

class ContrastiveRouter : public Router {
public:
    // Throws std::invalid_argument on unknown or malformed settings.
    explicit ContrastiveRouter(RouterSettings settings = {});

    std::string kind() const override { return "contrastive"; }
    void fit(const TrainingSet& train, const TrainingSet* validation, const JobControl& job) override;
    Eigen::MatrixXd predictQuality(const FeatureMatrix& features) const override;
    void save(BinaryWriter& out) const override;
    void load(BinaryReader& in) override;

    int keptEpoch() const { return keptEpoch_; }

private:
    struct Options {
        int topK = 4;
        int lastK = 4;
        float temperature = 1.0f;
        int hidden = 256;
        int dim = 64;
        MinibatchTraining training{20, 1e-3f, 64, 1};
    };
    static Options readOptions(const RouterSettings& settings);

    RouterSettings settings_;
    Options options_;
    ContrastiveNetwork network_;
    int keptEpoch_ = 0;
};

} // namespace routescope
