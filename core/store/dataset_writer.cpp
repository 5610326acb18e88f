#include "store/dataset_writer.h"

#include "store/outcome_columns.h"

#include <cmath>
#include <limits>
#include <stdexcept>

namespace routescope {

DatasetWriter::DatasetWriter(ProjectStore& store, const std::string& name, const std::string& format,
                             const std::string& source)
    : store_(store),
      transaction_(store.database()),
      insertQuery_(store.database().prepare(
          // complete and prompt_bytes are stated, not left to the columns' DEFAULT, which a damaged
          // file may have changed; prompt_bytes counts the text as stored, as the migration to
          // schema 6 and the project check do.
          "INSERT INTO queries (dataset_id, position, sample_id, text, task, complete, prompt_bytes)"
          " VALUES (?1, ?2, ?3, ?4, ?5, 1, length(CAST(?4 AS BLOB)))")),
      insertEmbedding_(store.database().prepare("INSERT INTO query_embeddings (query_id, vector) VALUES (?, ?)"))
{
    if (store.findDataset(name))
        throw std::invalid_argument("a dataset named '" + name + "' is already in the project");
    auto insert = store.database().prepare("INSERT INTO datasets (name, format, source) VALUES (?, ?, ?)");
    insert.bind(1, name).bind(2, format).bind(3, source).run();
    datasetId_ = store.database().lastInsertId();
}

int DatasetWriter::addModel(const std::string& name, std::optional<double> inputPrice,
                            std::optional<double> outputPrice)
{
    if (auto it = modelIndex_.find(name); it != modelIndex_.end())
        return it->second;
    auto insert = store_.database().prepare(
        "INSERT INTO models (dataset_id, position, name, input_price, output_price) VALUES (?, ?, ?, ?, ?)");
    const int index = static_cast<int>(modelIds_.size());
    insert.bind(1, datasetId_).bind(2, index).bind(3, name).bind(4, inputPrice).bind(5, outputPrice).run();
    modelIds_.push_back(store_.database().lastInsertId());
    modelIndex_.emplace(name, index);
    columns_.emplace_back();
    for (std::size_t q = 0; q < queryIds_.size(); ++q)
        columns_.back().addQuery();
    return index;
}

std::optional<int> DatasetWriter::findModel(const std::string& name) const
{
    if (auto it = modelIndex_.find(name); it != modelIndex_.end())
        return it->second;
    return std::nullopt;
}

std::int64_t DatasetWriter::addQuery(const std::string& sampleId, const std::string& text, const std::string& task)
{
    const auto index = static_cast<std::int64_t>(queryIds_.size());
    if (!queryIndex_.emplace(sampleId, index).second)
        throw std::invalid_argument("duplicate query '" + sampleId + "'");
    insertQuery_.bind(1, datasetId_).bind(2, index).bind(3, sampleId).bind(4, text).bind(5, task);
    insertQuery_.run();
    queryIds_.push_back(store_.database().lastInsertId());
    for (auto& model : columns_)
        model.addQuery();
    return index;
}

std::optional<std::int64_t> DatasetWriter::findQuery(const std::string& sampleId) const
{
    if (auto it = queryIndex_.find(sampleId); it != queryIndex_.end())
        return it->second;
    return std::nullopt;
}

void DatasetWriter::ModelColumns::addQuery()
{
    constexpr double missing = std::numeric_limits<double>::quiet_NaN();
    for (auto* column : {&scores, &costs, &inputTokens, &outputTokens, &latencies})
        column->push_back(missing);
    added.push_back(0);
}

void DatasetWriter::addOutcome(std::int64_t queryIndex, int modelIndex, const OutcomeRecord& outcome)
{
    const auto q = static_cast<std::size_t>(queryIndex);
    if (queryIndex < 0 || q >= queryIds_.size() || modelIndex < 0 || std::size_t(modelIndex) >= columns_.size())
        throw std::out_of_range("no such query or model in the dataset being written");
    ModelColumns& model = columns_[std::size_t(modelIndex)];
    if (model.added[q])
        throw std::invalid_argument("duplicate (query, model) pair");
    model.added[q] = 1;
    constexpr double missing = std::numeric_limits<double>::quiet_NaN();
    model.scores[q] = outcome.score.value_or(missing);
    model.costs[q] = outcome.cost.value_or(missing);
    model.inputTokens[q] = outcome.inputTokens ? double(*outcome.inputTokens) : missing;
    model.outputTokens[q] = outcome.outputTokens ? double(*outcome.outputTokens) : missing;
    model.latencies[q] = outcome.latencySeconds.value_or(missing);
}

void DatasetWriter::setEmbedding(std::int64_t queryIndex, std::span<const float> embedding)
{
    if (embeddingDim_ && *embeddingDim_ != embedding.size())
        throw std::invalid_argument("embedding has " + std::to_string(embedding.size()) +
                                    " dimensions, earlier ones had " + std::to_string(*embeddingDim_));
    embeddingDim_ = embedding.size();
    insertEmbedding_.bind(1, queryIds_.at(static_cast<std::size_t>(queryIndex)))
        .bindBlob(2, embedding.data(), embedding.size_bytes());
    insertEmbedding_.run();
}

std::int64_t DatasetWriter::commit()
{
    auto& db = store_.database();
    // A query is complete when every model gave it a score and a cost.
    std::int64_t incomplete = 0;
    auto markIncomplete = db.prepare("UPDATE queries SET complete = 0 WHERE id = ?");
    for (std::size_t q = 0; q < queryIds_.size(); ++q) {
        bool complete = true;
        for (const auto& model : columns_)
            complete = complete && !std::isnan(model.scores[q]) && !std::isnan(model.costs[q]);
        if (!complete) {
            ++incomplete;
            markIncomplete.bind(1, queryIds_[q]).run();
        }
    }
    auto record = db.prepare("UPDATE datasets SET incomplete_rows = ? WHERE id = ?");
    record.bind(1, incomplete).bind(2, datasetId_).run();
    auto insert = db.prepare("INSERT INTO model_outcomes (model_id, scores, costs, input_tokens, output_tokens, latencies)"
                             " VALUES (?, ?, ?, ?, ?, ?)");
    for (std::size_t m = 0; m < columns_.size(); ++m) {
        const ModelColumns& model = columns_[m];
        insert.bind(1, modelIds_[m]);
        int index = 2;
        for (const auto* column : {&model.scores, &model.costs, &model.inputTokens, &model.outputTokens, &model.latencies}) {
            const std::string blob = outcome_columns::encode(*column);
            if (blob.empty())
                insert.bindNull(index++);
            else
                insert.bindBlob(index++, blob.data(), blob.size());
        }
        insert.run();
    }
    // Built after the bulk load, as the inserts run faster without it (queries_by_dataset: schema.h).
    db.exec("CREATE INDEX IF NOT EXISTS models_by_dataset ON models (dataset_id, position);");
    transaction_.commit();
    return incomplete;
}

} // namespace routescope
