#pragma once
// A RouteScope project: one SQLite file holding datasets, features, trained routers and
// evaluation results. Schema versioned by PRAGMA user_version, migrated on open.

#include "data/outcome_matrix.h"
#include "store/sqlite.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace routescope {

struct ModelSummary {
    std::string name;
    double meanScore = 0;  // over the complete queries
    double totalCost = 0;  // USD, over the complete queries
    std::optional<double> inputPrice;
    std::optional<double> outputPrice;
};

struct DatasetSummary {
    std::int64_t id = 0;
    std::string name;
    std::string format;
    std::string source;
    std::int64_t queries = 0;          // complete queries
    std::int64_t incompleteRows = 0;   // queries with a missing score or cost
    std::vector<ModelSummary> models;  // in dataset column order
};

class ProjectStore {
public:
    static constexpr int kSchemaVersion = 1;
    enum class Access { ReadWrite, ReadOnly };

    explicit ProjectStore(const std::string& path, Access access = Access::ReadWrite);

    const std::string& path() const { return db_.path(); }
    bool readOnly() const { return access_ == Access::ReadOnly; }

    std::vector<DatasetSummary> datasets();
    std::optional<std::int64_t> findDataset(const std::string& name);
    // `base`, or `base-2`, `base-3`, ... whichever is free.
    std::string uniqueDatasetName(const std::string& base);
    void removeDataset(std::int64_t datasetId);
    // The distinct task names of a dataset's complete queries, in order of first appearance.
    std::vector<std::string> tasks(std::int64_t datasetId);

    // The complete queries of a dataset as matrices (one query per row, in import order).
    // withText=false skips the query text, for speed when only numbers are needed.
    OutcomeMatrix loadOutcomes(std::int64_t datasetId, bool withText = true);

    sqlite::Database& database() { return db_; }

private:
    void migrate();

    sqlite::Database db_;
    Access access_;
};

} // namespace routescope
