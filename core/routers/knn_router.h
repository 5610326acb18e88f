#pragma once
// k nearest neighbours: the predicted quality of a model on a query is its mean score on the k
// training queries most similar to it by cosine.

#include "routers/router.h"

namespace routescope {

class KnnRouter : public Router {
public:
    // Settings: k (default 40).
    explicit KnnRouter(const RouterSettings& settings = {});

    std::string kind() const override { return "knn"; }
    void fit(const TrainingSet& train, const TrainingSet* validation, const JobControl& job) override;
    Eigen::MatrixXd predictQuality(const FeatureMatrix& features) const override;
    void save(BinaryWriter& out) const override;
    void load(BinaryReader& in) override;

    int k() const { return options_.k; }

private:
    struct Options {
        int k = 40;
    };
    static Options readOptions(const RouterSettings& settings);

    Options options_;
    FeatureMatrix neighbours_; // training features, rows L2-normalised
    Eigen::MatrixXd scores_;   // training scores a[n,m]
};

} // namespace routescope
