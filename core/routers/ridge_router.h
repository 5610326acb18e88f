#pragma once
// Ridge regression, one regressor per model: P[:,m] = X w_m + b_m. All models share the Gram
// matrix of the centred features, so the fit is one LDLT solve with M right-hand sides.

#include "routers/router.h"

#include <optional>

namespace routescope {

class RidgeRouter : public Router {
public:
    // Settings: lambda (L2 penalty, intercept unpenalised). Without it, lambda is chosen on the
    // validation set from a log grid when one is given, else 1.0.
    explicit RidgeRouter(const RouterSettings& settings = {});

    std::string kind() const override { return "ridge"; }
    void fit(const TrainingSet& train, const TrainingSet* validation, const JobControl& job) override;
    Eigen::MatrixXd predictQuality(const FeatureMatrix& features) const override;
    void save(BinaryWriter& out) const override;
    void load(BinaryReader& in) override;

    double lambda() const { return lambda_; }
    const Eigen::MatrixXd& weights() const { return weights_; }   // features x models
    const Eigen::RowVectorXd& intercepts() const { return intercepts_; }

private:
    struct Options {
        std::optional<double> lambda; // empty: chosen on validation, else 1
    };
    static Options readOptions(const RouterSettings& settings);

    Options options_;
    double lambda_; // the one fitted with
    Eigen::MatrixXd weights_;
    Eigen::RowVectorXd intercepts_;
};

} // namespace routescope
