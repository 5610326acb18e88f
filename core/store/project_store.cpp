#include "store/project_store.h"

#include "store/schema.h"

#include <cstring>
#include <filesystem>

#include <unistd.h>
#include <unordered_map>

namespace routescope {

ProjectInUse::ProjectInUse(const std::string& path, long pid)
    : std::runtime_error("project " + path + " is open in another RouteScope" +
                         (pid > 0 ? " (pid " + std::to_string(pid) + ")" : std::string()) +
                         "; close it there, or open the project read-only"),
      pid_(pid)
{
}

ProjectStore::Access ProjectStore::lockFor(const std::string& path, Access access, std::optional<WriterLock>& lock,
                                           std::optional<long>& inUseBy)
{
    // An in-memory or temporary database has no file another process could open.
    if (access == Access::ReadOnly || path.empty() || path == ":memory:")
        return access == Access::ReadOnly ? access : Access::ReadWrite;
    long holder = 0;
    if (access == Access::ReadWriteIfFree && std::filesystem::exists(path)) {
        // A project the user may read but not write (a read-only folder or file) is read.
        std::error_code error;
        const auto folder = std::filesystem::absolute(path, error).parent_path();
        if (::access(path.c_str(), W_OK) != 0 || ::access(folder.c_str(), W_OK) != 0)
            return Access::ReadOnly;
    }
    lock = WriterLock::acquire(path, holder);
    if (lock)
        return Access::ReadWrite;
    if (access == Access::ReadWrite)
        throw ProjectInUse(path, holder);
    inUseBy = holder;
    return Access::ReadOnly;
}

ProjectStore::ProjectStore(const std::string& path, Access access, std::span<const std::string_view> migrations)
    : access_(lockFor(path, access, lock_, inUseBy_)),
      db_(path, access_ == Access::ReadOnly ? sqlite::Database::Mode::ReadOnly : sqlite::Database::Mode::ReadWrite)
{
    db_.exec("PRAGMA foreign_keys = ON");
    const int current = static_cast<int>(migrations.size());
    if (access_ == Access::ReadWrite) {
        db_.exec("PRAGMA journal_mode = WAL");
        // WAL with synchronous=NORMAL keeps every committed transaction after a process crash.
        db_.exec("PRAGMA synchronous = NORMAL");
        migrate(migrations);
    } else {
        auto version = db_.prepare("PRAGMA user_version");
        version.step();
        if (version.int64(0) != current)
            throw sqlite::Error(path + ": project schema version " + std::to_string(version.int64(0)) +
                                    " cannot be read by this RouteScope (schema " + std::to_string(current) +
                                    ") in read-only mode",
                                0);
    }
}

void ProjectStore::migrate(std::span<const std::string_view> migrations)
{
    const auto version = [this] {
        auto read = db_.prepare("PRAGMA user_version");
        read.step();
        return read.int64(0);
    }();
    const auto current = static_cast<std::int64_t>(migrations.size());
    if (version > current)
        throw sqlite::Error(db_.path() + ": project was written by a newer RouteScope (schema " +
                                std::to_string(version) + ", this build reads up to " + std::to_string(current) + ")",
                            0);
    // Version 0 is a new, empty file; an older project keeps a copy of itself as it was.
    if (version >= 1 && version < current) {
        const std::string backup = db_.path() + ".v" + std::to_string(version) + ".bak";
        std::error_code ignored;
        std::filesystem::remove(backup, ignored); // VACUUM INTO refuses an existing file
        auto copy = db_.prepare("VACUUM INTO ?");
        copy.bind(1, backup).run();
        migrationBackup_ = backup;
    }
    // All steps in one transaction: a failed step leaves the project at the version it had.
    sqlite::Transaction transaction(db_);
    for (auto v = version; v < current; ++v) {
        db_.exec(migrations[static_cast<std::size_t>(v)]);
        db_.exec("PRAGMA user_version = " + std::to_string(v + 1));
    }
    transaction.commit();
}

std::vector<DatasetSummary> ProjectStore::datasets()
{
    std::vector<DatasetSummary> result;
    auto list = db_.prepare(
        "SELECT d.id, d.name, d.format, d.source, d.incomplete_rows,"
        " (SELECT COUNT(*) FROM queries q WHERE q.dataset_id = d.id AND q.complete)"
        " FROM datasets d ORDER BY d.id");
    while (list.step()) {
        DatasetSummary s;
        s.id = list.int64(0);
        s.name = list.text(1);
        s.format = list.text(2);
        s.source = list.text(3);
        s.incompleteRows = list.int64(4);
        s.queries = list.int64(5);
        result.push_back(std::move(s));
    }
    auto models = db_.prepare(
        "SELECT m.name, m.input_price, m.output_price,"
        " (SELECT AVG(o.score) FROM outcomes o JOIN queries q ON q.id = o.query_id"
        "   WHERE o.model_id = m.id AND q.complete),"
        " (SELECT TOTAL(o.cost) FROM outcomes o JOIN queries q ON q.id = o.query_id"
        "   WHERE o.model_id = m.id AND q.complete)"
        " FROM models m WHERE m.dataset_id = ? ORDER BY m.position");
    for (auto& s : result) {
        models.bind(1, s.id);
        while (models.step()) {
            ModelSummary m;
            m.name = models.text(0);
            m.inputPrice = models.optionalReal(1);
            m.outputPrice = models.optionalReal(2);
            m.meanScore = models.optionalReal(3).value_or(0.0);
            m.totalCost = models.real(4);
            s.models.push_back(std::move(m));
        }
        models.reset();
    }
    return result;
}

std::optional<std::int64_t> ProjectStore::findDataset(const std::string& name)
{
    auto find = db_.prepare("SELECT id FROM datasets WHERE name = ?");
    find.bind(1, name);
    if (find.step())
        return find.int64(0);
    return std::nullopt;
}

std::string ProjectStore::uniqueDatasetName(const std::string& base)
{
    std::string name = base.empty() ? std::string("dataset") : base;
    for (int i = 2; findDataset(name); ++i)
        name = (base.empty() ? std::string("dataset") : base) + "-" + std::to_string(i);
    return name;
}

void ProjectStore::removeDataset(std::int64_t datasetId)
{
    sqlite::Transaction transaction(db_);
    auto remove = db_.prepare("DELETE FROM datasets WHERE id = ?");
    remove.bind(1, datasetId).run();
    transaction.commit();
}

std::vector<std::string> ProjectStore::tasks(std::int64_t datasetId)
{
    auto list = db_.prepare("SELECT task FROM queries WHERE dataset_id = ? AND complete GROUP BY task ORDER BY MIN(position)");
    list.bind(1, datasetId);
    std::vector<std::string> result;
    while (list.step())
        result.push_back(list.text(0));
    return result;
}

OutcomeMatrix ProjectStore::loadOutcomes(std::int64_t datasetId, bool withText)
{
    OutcomeMatrix out;
    std::unordered_map<std::int64_t, Eigen::Index> modelColumn;
    auto models = db_.prepare(
        "SELECT id, name, input_price, output_price FROM models WHERE dataset_id = ? ORDER BY position");
    models.bind(1, datasetId);
    while (models.step()) {
        modelColumn[models.int64(0)] = static_cast<Eigen::Index>(out.models.size());
        out.models.push_back({models.text(1), models.optionalReal(2), models.optionalReal(3)});
    }

    std::unordered_map<std::int64_t, Eigen::Index> queryRow;
    auto queries = db_.prepare(withText ? "SELECT id, sample_id, task, text FROM queries"
                                          " WHERE dataset_id = ? AND complete ORDER BY position"
                                        : "SELECT id, sample_id, task FROM queries"
                                          " WHERE dataset_id = ? AND complete ORDER BY position");
    queries.bind(1, datasetId);
    while (queries.step()) {
        queryRow[queries.int64(0)] = static_cast<Eigen::Index>(out.queries.size());
        out.queries.push_back({queries.text(1), withText ? queries.text(3) : std::string(), queries.text(2)});
    }

    const auto n = static_cast<Eigen::Index>(out.queries.size());
    const auto m = static_cast<Eigen::Index>(out.models.size());
    out.scores.setConstant(n, m, std::numeric_limits<double>::quiet_NaN());
    out.costs.setConstant(n, m, std::numeric_limits<double>::quiet_NaN());
    auto outcomes = db_.prepare(
        "SELECT o.query_id, o.model_id, o.score, o.cost FROM outcomes o"
        " JOIN queries q ON q.id = o.query_id WHERE q.dataset_id = ? AND q.complete");
    outcomes.bind(1, datasetId);
    while (outcomes.step()) {
        const auto row = queryRow.at(outcomes.int64(0));
        const auto col = modelColumn.at(outcomes.int64(1));
        out.scores(row, col) = outcomes.real(2);
        out.costs(row, col) = outcomes.real(3);
    }
    return out;
}

std::optional<Eigen::MatrixXf> ProjectStore::loadEmbeddings(std::int64_t datasetId)
{
    auto read = db_.prepare(
        "SELECT e.vector FROM queries q LEFT JOIN query_embeddings e ON e.query_id = q.id"
        " WHERE q.dataset_id = ? AND q.complete ORDER BY q.position");
    read.bind(1, datasetId);
    std::vector<std::vector<float>> rows;
    while (read.step()) {
        if (read.isNull(0))
            return std::nullopt; // embeddings are all or nothing
        std::vector<float> row(static_cast<std::size_t>(read.blobBytes(0)) / sizeof(float));
        std::memcpy(row.data(), read.blob(0), row.size() * sizeof(float));
        if (!rows.empty() && row.size() != rows.front().size())
            return std::nullopt;
        rows.push_back(std::move(row));
    }
    if (rows.empty() || rows.front().empty())
        return std::nullopt;
    Eigen::MatrixXf out(static_cast<Eigen::Index>(rows.size()), static_cast<Eigen::Index>(rows.front().size()));
    for (Eigen::Index i = 0; i < out.rows(); ++i)
        out.row(i) = Eigen::Map<const Eigen::RowVectorXf>(rows[static_cast<std::size_t>(i)].data(), out.cols());
    return out;
}

} // namespace routescope
