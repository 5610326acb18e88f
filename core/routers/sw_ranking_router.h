#pragma once
// RouteLLM's similarity-weighted (SW) ranking router: every training query is a set of battles
// between the models (i beats j when a[n,i] > a[n,j], a tie when equal); for a test query the
// battles are weighted by how similar their training query is, and a Bradley-Terry fit on the
// weighted battles (bradley_terry.h) ranks the models for that query alone.
//
// RouteLLM's weighting: with s_n the cosine similarity of the test query to training query n and
// s_max the largest of them, w_n = 10 * 10^(s_n / s_max) (between 1 and 100 for s_n in
// [-s_max, s_max]). When no training query has a positive similarity all weights are equal.
// P[q,m] = model m's expected win rate against the other models under query q's fit.
//
// Settings: ridge (1e-3: L2 on the ratings, per unit of total weight), seed (unused, accepted as
// every router's). Training only stores the queries; the work is in predictQuality.

#include "routers/router.h"

namespace routescope {

class SwRankingRouter : public Router {
public:
    // Throws std::invalid_argument on unknown or malformed settings.
    explicit SwRankingRouter(RouterSettings settings = {});

    std::string kind() const override { return "sw"; }
    void fit(const TrainingSet& train, const TrainingSet* validation, const JobControl& job) override;
    Eigen::MatrixXd predictQuality(const FeatureMatrix& features) const override;
    void save(BinaryWriter& out) const override;
    void load(BinaryReader& in) override;

    // RouteLLM's weights of the training queries for similarities s to one test query.
    static Eigen::VectorXd similarityWeights(const Eigen::VectorXf& similarities);
    // The battles of one query's scores as a models x models win matrix (ties half to each).
    static Eigen::MatrixXd battles(const Eigen::RowVectorXd& scores);

private:
    struct Options {
        double ridge = 1e-3;
    };
    static Options readOptions(const RouterSettings& settings);
    void prepare(); // the battle table from scores_

    RouterSettings settings_;
    Options options_;
    FeatureMatrix neighbours_;  // training features, rows L2-normalised
    Eigen::MatrixXd scores_;    // training scores a[n,m]
    Eigen::MatrixXf battles_;   // training queries x (models * models), column-major win matrices
};

} // namespace routescope
