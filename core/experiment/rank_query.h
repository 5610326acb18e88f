#pragma once
// A new query, typed by the user, as a trained experiment run sees it: featurized by the run's
// fitted featurizer, each router's predicted quality of every model, and the cost model's costs.

#include "experiment/experiment.h"

#include <Eigen/Core>

#include <string>

namespace routescope {

struct QueryRanking {
    Eigen::MatrixXd quality;         // one row per router of the run, one column per model
    Eigen::RowVectorXd predictedCost; // per model
};

// Throws std::invalid_argument when the run has no text featurizer (imported embeddings) or no
// trained router objects (predictions only, while training). Reads a reopened run's models from
// its project the first time (loadExperiment), so it may take a while: not on a GUI thread.
QueryRanking rankQuery(const ExperimentRun& run, const std::string& text);

} // namespace routescope
