#pragma once
// Regression plus margin: take the cheapest model whose predicted quality is within a margin of
// the best. Budget policies consume (P, C), so the margin is expressed in P: per query, every
// model within `margin` of the row maximum gets P = that maximum. The policies' cheaper-first tie
// break then picks the cheapest of them; models outside the margin keep their own P.

#include "routers/router.h"

#include <optional>

namespace routescope {

class MarginRouter : public Router {
public:
    // Settings: base ("ridge" default, or "knn"; the other settings are passed to it), margin
    // (default 0.05; without it and with a validation set it is chosen there, see fit), tolerance
    // (default 0.01, the validation quality the margin may give up).
    explicit MarginRouter(const RouterSettings& settings);
    MarginRouter(const RouterSettings& settings, std::unique_ptr<Router> base);

    std::string kind() const override { return "margin"; }
    // Without a given margin and with validation data, picks from a grid the margin of lowest
    // validation cost whose validation quality stays within `tolerance` of margin 0, choosing
    // per query the top transformed P with ties to the model of lowest mean training cost.
    void fit(const TrainingSet& train, const TrainingSet* validation, const JobControl& job) override;
    Eigen::MatrixXd predictQuality(const FeatureMatrix& features) const override;
    void save(BinaryWriter& out) const override;
    void load(BinaryReader& in) override;

    double margin() const { return margin_; }
    const Router& base() const { return *base_; }

    // Models within `margin` of each row's maximum get the maximum.
    static Eigen::MatrixXd withinMarginOfBest(const Eigen::MatrixXd& quality, double margin);
    // The margin of lowest validation cost, from `grid` (default: the margins fit's grid), whose
    // validation quality stays within `tolerance` of margin 0's; decisions are the top transformed
    // P, ties to the lower model cost.
    static double chooseMargin(const Eigen::MatrixXd& predicted, const Eigen::RowVectorXd& modelCost,
                               const TrainingSet& validation, double tolerance, const std::vector<double>& grid = {});

private:
    struct Options {
        std::string base = "ridge";
        std::optional<double> margin; // empty: chosen on validation (or the default)
        double tolerance = 0.01;
    };
    static Options readOptions(const RouterSettings& settings);

    Options options_;
    std::unique_ptr<Router> base_;
    double margin_;
};

} // namespace routescope
