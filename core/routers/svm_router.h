#pragma once
// RouterBench's SVM baseline as a classifier: one linear SVM per model predicting "this model
// answers the query correctly" (score >= `correct`), P = its decision value w . x + b. The
// regularisation C of each model's SVM is chosen on the validation set.
//
// Settings: c (without it: chosen per model from 0.01, 0.1, 1, 10 by validation accuracy, ties to
// the smaller C, or 1 without a validation set), correct (0.5), epochs (200, the solver's passes
// at most), tolerance (0.1), seed (1, the solver's visiting order).

#include "routers/router.h"

#include <optional>

namespace routescope {

class SvmRouter : public Router {
public:
    // Throws std::invalid_argument on unknown or malformed settings.
    explicit SvmRouter(RouterSettings settings = {});

    std::string kind() const override { return "svm"; }
    void fit(const TrainingSet& train, const TrainingSet* validation, const JobControl& job) override;
    // The decision values, queries x models: not probabilities, but ordered like them.
    Eigen::MatrixXd predictQuality(const FeatureMatrix& features) const override;
    void save(BinaryWriter& out) const override;
    void load(BinaryReader& in) override;

    // The C each model's SVM was trained with.
    const std::vector<double>& chosenC() const { return chosenC_; }

private:
    struct Options {
        std::optional<double> c;
        double correct = 0.5;
        int epochs = 200;
        double tolerance = 0.1;
        std::uint64_t seed = 1;
    };
    static Options readOptions(const RouterSettings& settings);

    RouterSettings settings_;
    Options options_;
    Eigen::MatrixXd weights_;      // features x models
    Eigen::RowVectorXd intercepts_; // one per model
    std::vector<double> chosenC_;
};

} // namespace routescope
