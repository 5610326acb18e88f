#include "data/outcome_matrix.h"

#include <algorithm>
#include <stdexcept>

namespace routescope {

OutcomeMatrix withModelOrder(const OutcomeMatrix& data, const std::vector<std::string>& names)
{
    std::vector<std::string> onlyHere, onlyThere;
    std::vector<Eigen::Index> columns;
    for (const auto& name : names) {
        const auto it = std::find_if(data.models.begin(), data.models.end(), [&](const ModelInfo& m) { return m.name == name; });
        if (it == data.models.end())
            onlyThere.push_back(name);
        else
            columns.push_back(it - data.models.begin());
    }
    for (const auto& model : data.models)
        if (std::find(names.begin(), names.end(), model.name) == names.end())
            onlyHere.push_back(model.name);
    if (!onlyHere.empty() || !onlyThere.empty()) {
        std::string message = "the training and test data list different models";
        if (!onlyThere.empty())
            message += ": '" + onlyThere.front() + "' only in the training data";
        if (!onlyHere.empty())
            message += std::string(onlyThere.empty() ? ": '" : ", '") + onlyHere.front() + "' only in the test data";
        throw std::invalid_argument(message);
    }
    OutcomeMatrix ordered;
    ordered.queries = data.queries;
    for (const Eigen::Index c : columns)
        ordered.models.push_back(data.models[std::size_t(c)]);
    ordered.scores = data.scores(Eigen::all, columns);
    ordered.costs = data.costs(Eigen::all, columns);
    if (data.inputTokens.size() > 0) {
        ordered.inputTokens = data.inputTokens(Eigen::all, columns);
        ordered.outputTokens = data.outputTokens(Eigen::all, columns);
    }
    return ordered;
}

std::vector<std::string> modelNames(const OutcomeMatrix& data)
{
    std::vector<std::string> names;
    names.reserve(data.models.size());
    for (const auto& m : data.models)
        names.push_back(m.name);
    return names;
}

} // namespace routescope
