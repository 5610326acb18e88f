#include "store/dataset_writer.h"

#include <sqlite3.h>

#include <stdexcept>

namespace routescope {

DatasetWriter::DatasetWriter(ProjectStore& store, const std::string& name, const std::string& format,
                             const std::string& source)
    : store_(store),
      transaction_(store.database()),
      insertQuery_(store.database().prepare(
          "INSERT INTO queries (dataset_id, position, sample_id, text, task) VALUES (?, ?, ?, ?, ?)")),
      insertOutcome_(store.database().prepare(
          "INSERT INTO outcomes (query_id, model_id, score, cost, input_tokens, output_tokens, latency)"
          " VALUES (?, ?, ?, ?, ?, ?, ?)")),
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
    return index;
}

std::optional<std::int64_t> DatasetWriter::findQuery(const std::string& sampleId) const
{
    if (auto it = queryIndex_.find(sampleId); it != queryIndex_.end())
        return it->second;
    return std::nullopt;
}

void DatasetWriter::addOutcome(std::int64_t queryIndex, int modelIndex, const OutcomeRecord& outcome)
{
    insertOutcome_.bind(1, queryIds_.at(static_cast<std::size_t>(queryIndex)))
        .bind(2, modelIds_.at(static_cast<std::size_t>(modelIndex)))
        .bind(3, outcome.score)
        .bind(4, outcome.cost)
        .bind(5, outcome.inputTokens)
        .bind(6, outcome.outputTokens)
        .bind(7, outcome.latencySeconds);
    try {
        insertOutcome_.run();
    } catch (const sqlite::Error& e) {
        insertOutcome_.reset();
        if ((e.code() & 0xff) == SQLITE_CONSTRAINT)
            throw std::invalid_argument("duplicate (query, model) pair");
        throw;
    }
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
    auto mark = db.prepare(
        "UPDATE queries SET complete = ((SELECT COUNT(*) FROM outcomes o WHERE o.query_id = queries.id"
        " AND o.score IS NOT NULL AND o.cost IS NOT NULL) = ?) WHERE dataset_id = ?");
    mark.bind(1, static_cast<std::int64_t>(modelIds_.size())).bind(2, datasetId_).run();
    auto count = db.prepare("SELECT COUNT(*) FROM queries WHERE dataset_id = ? AND NOT complete");
    count.bind(1, datasetId_);
    count.step();
    const auto incomplete = count.int64(0);
    auto record = db.prepare("UPDATE datasets SET incomplete_rows = ? WHERE id = ?");
    record.bind(1, incomplete).bind(2, datasetId_).run();
    // Built after the bulk load, as the inserts run faster without them.
    db.exec("CREATE INDEX IF NOT EXISTS queries_by_dataset ON queries (dataset_id, position);"
            "CREATE INDEX IF NOT EXISTS models_by_dataset ON models (dataset_id, position);"
            "CREATE INDEX IF NOT EXISTS outcomes_by_model ON outcomes (model_id);");
    transaction_.commit();
    return incomplete;
}

} // namespace routescope
