#pragma once
// Writes one new dataset into a project inside a single transaction. Nothing is visible
// until commit(); destroying the writer without commit() leaves the project exactly as before.
// Outcomes are gathered in memory and written at commit as one row of column blobs per model
// (store/outcome_columns.h).

#include "store/project_store.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

namespace routescope {

struct OutcomeRecord {
    std::optional<double> score; // empty cell: the query is incomplete
    std::optional<double> cost;  // USD
    std::optional<std::int64_t> inputTokens;
    std::optional<std::int64_t> outputTokens;
    std::optional<double> latencySeconds;
};

class DatasetWriter {
public:
    DatasetWriter(ProjectStore& store, const std::string& name, const std::string& format,
                  const std::string& source);

    // Returns the model's column index; adding a known name returns its existing index.
    int addModel(const std::string& name, std::optional<double> inputPrice = {},
                 std::optional<double> outputPrice = {});
    std::optional<int> findModel(const std::string& name) const;
    int modelCount() const { return static_cast<int>(modelIds_.size()); }

    // Returns the query's row index. Throws std::invalid_argument for a sample id already added.
    std::int64_t addQuery(const std::string& sampleId, const std::string& text, const std::string& task);
    std::optional<std::int64_t> findQuery(const std::string& sampleId) const;
    std::int64_t queryCount() const { return static_cast<std::int64_t>(queryIds_.size()); }

    // Throws std::invalid_argument for a (query, model) pair already added.
    void addOutcome(std::int64_t queryIndex, int modelIndex, const OutcomeRecord& outcome);
    void setEmbedding(std::int64_t queryIndex, std::span<const float> embedding);

    // Marks queries with a missing outcome, score or cost as incomplete, builds the indexes and
    // commits. Returns the number of incomplete queries.
    std::int64_t commit();

    std::int64_t datasetId() const { return datasetId_; }

private:
    // One model's outcomes so far, a value per query added (NaN: missing).
    struct ModelColumns {
        std::vector<double> scores, costs, inputTokens, outputTokens, latencies;
        std::vector<char> added; // whether the (query, model) pair was given
        void addQuery();
    };

    ProjectStore& store_;
    sqlite::Transaction transaction_;
    std::int64_t datasetId_ = 0;
    std::unordered_map<std::string, int> modelIndex_;
    std::vector<std::int64_t> modelIds_;
    std::unordered_map<std::string, std::int64_t> queryIndex_;
    std::vector<std::int64_t> queryIds_;
    std::optional<std::size_t> embeddingDim_;
    sqlite::Statement insertQuery_;
    std::vector<ModelColumns> columns_; // per model
    sqlite::Statement insertEmbedding_;
};

} // namespace routescope
