#include "scenario/scenario_dataset.h"

#include "scenario/scenario_runs.h"
#include "store/dataset_writer.h"

#include <cmath>

namespace routescope {

namespace {

std::optional<std::int64_t> count(double tokens)
{
    return std::isnan(tokens) ? std::nullopt : std::optional<std::int64_t>(std::llround(tokens));
}

} // namespace

std::int64_t saveScenarioDataset(ProjectStore& store, std::int64_t datasetId, const Scenario& scenario,
                                 const std::string& name)
{
    OutcomeMatrix data = store.loadOutcomes(datasetId);
    store.loadTokenCounts(datasetId, data);
    const auto embeddings = store.loadEmbeddings(datasetId);
    const OutcomeMatrix under = outcomesUnderScenario(data, scenario);
    std::string source = "dataset " + std::to_string(datasetId);
    for (const auto& d : store.datasets())
        if (d.id == datasetId)
            source = "'" + d.name + "'";
    DatasetWriter writer(store, store.uniqueDatasetName(name), "scenario",
                         source + " under the scenario " + describeScenario(scenario));
    for (const auto& m : under.models)
        writer.addModel(m.name, m.inputPrice, m.outputPrice);
    for (Eigen::Index n = 0; n < under.queryCount(); ++n) {
        const auto& q = under.queries[std::size_t(n)];
        const auto row = writer.addQuery(q.sampleId, q.text, q.task);
        for (Eigen::Index m = 0; m < under.modelCount(); ++m)
            writer.addOutcome(row, int(m),
                              {under.scores(n, m), under.costs(n, m), count(under.inputTokens(n, m)),
                               count(under.outputTokens(n, m)), std::nullopt});
        if (embeddings) {
            const Eigen::RowVectorXf e = embeddings->row(n);
            writer.setEmbedding(row, std::span<const float>(e.data(), std::size_t(e.size())));
        }
    }
    writer.commit();
    return writer.datasetId();
}

} // namespace routescope
