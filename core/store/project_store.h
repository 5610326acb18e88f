#pragma once
// A RouteScope project: one SQLite file holding datasets, features, trained routers and
// evaluation results. Marked by PRAGMA application_id, schema versioned by PRAGMA user_version,
// migrated on a read-write open after a backup copy; a read-only open never writes. One process
// at a time writes a project (see writer_lock.h); others may read it. Other programs' files,
// damaged projects and values out of range are refused (project_file.h, project_check.h).

#include "data/outcome_matrix.h"
#include "store/project_file.h"
#include "store/schema.h"
#include "store/sqlite.h"
#include "store/writer_lock.h"

#include <cstdint>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
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
    std::string source;                // the imported file's path, as given
    std::string importedAt;            // UTC, "YYYY-MM-DD HH:MM:SS"
    std::int64_t queries = 0;          // complete queries
    std::int64_t incompleteRows = 0;   // queries with a missing score or cost
    std::vector<ModelSummary> models;  // in dataset column order
};

// A read-write open of a project that another RouteScope process is writing.
class ProjectInUse : public std::runtime_error {
public:
    ProjectInUse(const std::string& path, long pid);
    long pid() const { return pid_; } // 0 when unknown

private:
    long pid_;
};

class ProjectStore {
public:
    static constexpr int kSchemaVersion = static_cast<int>(schema::kMigrations.size());
    // ReadWriteIfFree opens read-only when another process writes the project (inUseBy() set),
    // when this user may not write the file or its folder, or when the lock file cannot be
    // written (a full disk); readOnlyReason() says which.
    enum class Access { ReadWrite, ReadOnly, ReadWriteIfFree };

    // ReadWrite throws ProjectInUse when another process writes the project. Every open throws
    // ProjectFileError for a file that is not a RouteScope project, a damaged one (a read-write
    // open runs PRAGMA quick_check first, once per process), or one of a newer schema; a
    // read-only open also for an older schema, which needs an upgrade. An existing project of an
    // older schema opened read-write is copied to `<path>.v<old>.bak` before it is migrated.
    explicit ProjectStore(const std::string& path, Access access = Access::ReadWrite)
        : ProjectStore(path, access, schema::kMigrations)
    {
    }
    // The same with another migration list (migrations[v] takes user_version v to v + 1), so
    // tests can stage a schema newer than this build's.
    ProjectStore(const std::string& path, Access access, std::span<const std::string_view> migrations);

    const std::string& path() const { return db_.path(); }
    bool readOnly() const { return access_ == Access::ReadOnly; }
    // Why a project is open read-only, for messages: "you may not write its folder".
    const std::string& readOnlyReason() const { return readOnlyReason_; }
    // The pid of the process writing the project when it was opened read-only for that reason.
    std::optional<long> inUseBy() const { return inUseBy_; }
    // The copy made before migrating this project, if one was made on open.
    const std::optional<std::string>& migrationBackup() const { return migrationBackup_; }

    std::vector<DatasetSummary> datasets();
    std::optional<std::int64_t> findDataset(const std::string& name);
    // `base`, or `base-2`, `base-3`, ... whichever is free.
    std::string uniqueDatasetName(const std::string& base);
    // Removes the dataset with its features and every experiment trained or tested on it.
    void removeDataset(std::int64_t datasetId);
    // Throws std::invalid_argument when `name` is empty or another dataset's; the project is unchanged then.
    void renameDataset(std::int64_t datasetId, const std::string& name);
    // The distinct task names of a dataset's complete queries, in order of first appearance.
    std::vector<std::string> tasks(std::int64_t datasetId);

    // The complete queries of a dataset as matrices (one query per row, in import order).
    // withText=false skips the query text, for speed when only numbers are needed. Values are
    // checked as read: one out of range (a project changed by another program) throws
    // ProjectFileError(Damaged) naming the dataset, query and model.
    OutcomeMatrix loadOutcomes(std::int64_t datasetId, bool withText = true);
    // What loadOutcomes(datasetId, false) leaves out: each complete query's prompt text, in import
    // order; and each one's length in bytes, which SQLite reads without copying the text out.
    std::vector<std::string> loadQueryTexts(std::int64_t datasetId);
    std::vector<double> loadPromptBytes(std::int64_t datasetId);
    // Fills outcomes.inputTokens and outputTokens from the dataset's token counts (NaN where it
    // has none): `outcomes` is loadOutcomes(datasetId), its models in any order. A count out of
    // range throws ProjectFileError(Damaged).
    void loadTokenCounts(std::int64_t datasetId, OutcomeMatrix& outcomes);
    // The models of a dataset with input and output token counts for every complete query.
    std::vector<std::string> modelsWithTokenCounts(std::int64_t datasetId);
    // The imported embedding of each complete query (rows in import order), if every one has one.
    // A blob that is no whole vector of finite floats throws ProjectFileError(Damaged).
    std::optional<Eigen::MatrixXf> loadEmbeddings(std::int64_t datasetId);

    // Writes a consistent copy of the whole project to `path` (which must not exist yet).
    void saveCopy(const std::string& path);

    sqlite::Database& database() { return db_; }

private:
    static Access lockFor(const std::string& path, Access access, std::optional<WriterLock>& lock,
                          std::optional<long>& inUseBy, std::string& readOnlyReason);
    void migrate(std::span<const std::string_view> migrations, const ProjectIdentity& identity);
    [[noreturn]] void damaged(const std::string& problem) const;
    // Per query position of a dataset, whether the query is complete.
    std::vector<char> completeByPosition(std::int64_t datasetId);
    struct ModelTokens {
        std::string name;
        std::vector<double> input, output; // per query position, NaN where missing
    };
    // Each model's token counts of a dataset of `queryCount` queries (loadTokenCounts).
    std::vector<ModelTokens> tokenColumns(std::int64_t datasetId, std::size_t queryCount);

    std::optional<WriterLock> lock_; // held for the store's lifetime when it writes
    std::optional<long> inUseBy_;
    std::string readOnlyReason_;
    Access access_;
    sqlite::Database db_;
    std::optional<std::string> migrationBackup_;
};

} // namespace routescope
