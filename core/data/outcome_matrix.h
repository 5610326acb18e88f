#pragma once
// The routing data of one dataset in memory. Layout convention, used everywhere in RouteScope:
// rows = queries, columns = models.

#include <Eigen/Core>

#include <optional>
#include <string>
#include <vector>

namespace routescope {

struct ModelInfo {
    std::string name;
    std::optional<double> inputPrice;  // USD per 1M input tokens
    std::optional<double> outputPrice; // USD per 1M output tokens
};

struct QueryInfo {
    std::string sampleId;
    std::string text;
    std::string task; // task or eval name, e.g. "arc-challenge"
};

struct OutcomeMatrix {
    std::vector<ModelInfo> models;
    std::vector<QueryInfo> queries;
    Eigen::MatrixXd scores; // a[n,m], quality of model m on query n
    Eigen::MatrixXd costs;  // c[n,m], USD spent by model m on query n
    // Tokens billed per query and model, NaN where the dataset has no count; empty unless loaded
    // (ProjectStore::loadTokenCounts): what prices a query anew under other prices per token.
    Eigen::MatrixXd inputTokens, outputTokens;

    Eigen::Index queryCount() const { return scores.rows(); }
    Eigen::Index modelCount() const { return scores.cols(); }
};

// The same queries with the models (their infos and the columns of scores, costs and tokens) in the
// order of `names`: two files of one benchmark may list the same models in different orders.
// Throws std::invalid_argument naming a model that one side has and the other has not (`data`
// is the test side, `names` the training side).
OutcomeMatrix withModelOrder(const OutcomeMatrix& data, const std::vector<std::string>& names);

// The models' names, in column order.
std::vector<std::string> modelNames(const OutcomeMatrix& data);

} // namespace routescope
