#pragma once
// The training and test queries of an experiment on a project's datasets, loaded one way for the
// command line and the workbench: outcomes and imported embeddings, the test dataset's models in
// the training dataset's order (two files of one benchmark may list them in different orders).
// Training reads the prompts' text only to make text features, which usually come from the
// project's feature cache, so the outcomes may be loaded without it (issue 15 item 2).

#include "experiment/experiment.h"
#include "store/project_store.h"

#include <Eigen/Core>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace routescope {

struct ExperimentInputs {
    std::int64_t trainDatasetId = 0;
    std::optional<std::int64_t> testDatasetId; // empty: the test queries are split off the training dataset
    std::shared_ptr<const OutcomeMatrix> train;
    std::optional<Eigen::MatrixXf> trainEmbeddings;
    std::shared_ptr<const OutcomeMatrix> test; // null when split off the training dataset
    std::optional<Eigen::MatrixXf> testEmbeddings;
    // Set when loaded without the text: each query's prompt length in bytes (ExperimentData::promptBytes).
    std::optional<std::vector<double>> trainPromptBytes, testPromptBytes;

    // The training dataset's models, the order of every matrix of the experiment.
    std::vector<std::string> modelNames() const;
    // What the runs' test rows index into: the test dataset, or the training dataset when split.
    std::shared_ptr<const OutcomeMatrix> testOutcomes() const { return test ? test : train; }
    // For runExperiment; `project` (may be null) holds the datasets and their feature cache.
    // Loaded without the text, the experiment needs the project to read it from when it must.
    ExperimentData trainData(ProjectStore* project) const;
    ExperimentData testData(ProjectStore* project) const;
};

// withText=false: the outcomes without the prompts' text, which runExperiment then reads from the
// project only on a feature cache miss; give trainData and testData that project.
ExperimentInputs loadExperimentInputs(ProjectStore& store, std::int64_t trainDatasetId,
                                      std::optional<std::int64_t> testDatasetId, bool withText);

// `test` with its models in the order of `trainModels` (unchanged when already so).
OutcomeMatrix inTrainingModelOrder(OutcomeMatrix test, const std::vector<std::string>& trainModels);

} // namespace routescope
