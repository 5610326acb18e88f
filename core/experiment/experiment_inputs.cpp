#include "experiment/experiment_inputs.h"

namespace routescope {

std::vector<std::string> ExperimentInputs::modelNames() const
{
    return train ? routescope::modelNames(*train) : std::vector<std::string>{};
}

ExperimentData ExperimentInputs::trainData(ProjectStore* project) const
{
    return {train.get(), trainEmbeddings ? &*trainEmbeddings : nullptr, project, trainDatasetId,
            trainPromptBytes ? &*trainPromptBytes : nullptr};
}

ExperimentData ExperimentInputs::testData(ProjectStore* project) const
{
    if (!test)
        return {};
    return {test.get(), testEmbeddings ? &*testEmbeddings : nullptr, project, testDatasetId.value_or(0),
            testPromptBytes ? &*testPromptBytes : nullptr};
}

OutcomeMatrix inTrainingModelOrder(OutcomeMatrix test, const std::vector<std::string>& trainModels)
{
    if (trainModels.empty() || modelNames(test) == trainModels)
        return test;
    return withModelOrder(test, trainModels);
}

ExperimentInputs loadExperimentInputs(ProjectStore& store, std::int64_t trainDatasetId,
                                      std::optional<std::int64_t> testDatasetId, bool withText)
{
    ExperimentInputs inputs;
    inputs.trainDatasetId = trainDatasetId;
    inputs.testDatasetId = testDatasetId;
    inputs.train = std::make_shared<const OutcomeMatrix>(store.loadOutcomes(trainDatasetId, withText));
    inputs.trainEmbeddings = store.loadEmbeddings(trainDatasetId);
    if (!withText)
        inputs.trainPromptBytes = store.loadPromptBytes(trainDatasetId);
    if (testDatasetId) {
        inputs.test = std::make_shared<const OutcomeMatrix>(
            inTrainingModelOrder(store.loadOutcomes(*testDatasetId, withText), modelNames(*inputs.train)));
        inputs.testEmbeddings = store.loadEmbeddings(*testDatasetId);
        if (!withText)
            inputs.testPromptBytes = store.loadPromptBytes(*testDatasetId);
    }
    return inputs;
}

} // namespace routescope
