#include "store/project_store.h"

#include "store/schema.h"
#include "store/value_limits.h"
#include "util/number_text.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <limits>

#include <unistd.h>
#include <unordered_map>

namespace routescope {

namespace {

bool inRange(double value, double limit) { return std::isfinite(value) && value >= 0 && value <= limit; }

} // namespace

ProjectInUse::ProjectInUse(const std::string& path, long pid)
    : std::runtime_error("project " + path + " is open in another RouteScope" +
                         (pid > 0 ? " (pid " + std::to_string(pid) + ")" : std::string()) +
                         "; close it there, or open the project read-only"),
      pid_(pid)
{
}

ProjectStore::Access ProjectStore::lockFor(const std::string& path, Access access, std::optional<WriterLock>& lock,
                                           std::optional<long>& inUseBy, std::string& readOnlyReason)
{
    if (access == Access::ReadOnly) {
        readOnlyReason = "opened read-only";
        return access;
    }
    // An in-memory or temporary database has no file another process could open.
    if (path.empty() || path == ":memory:")
        return Access::ReadWrite;
    long holder = 0;
    if (access == Access::ReadWriteIfFree && std::filesystem::exists(path)) {
        // A project the user may read but not write (a read-only folder or file) is read.
        std::error_code error;
        const auto folder = std::filesystem::absolute(path, error).parent_path();
        if (::access(path.c_str(), W_OK) != 0) {
            readOnlyReason = "you may not write " + path;
            return Access::ReadOnly;
        }
        if (::access(folder.c_str(), W_OK) != 0) {
            readOnlyReason = "you may not write its folder " + folder.string();
            return Access::ReadOnly;
        }
    }
    try {
        lock = WriterLock::acquire(path, holder);
    } catch (const std::runtime_error& e) {
        if (access == Access::ReadWrite)
            throw;
        readOnlyReason = e.what(); // say, a full disk: reading needs no lock
        return Access::ReadOnly;
    }
    if (lock)
        return Access::ReadWrite;
    if (access == Access::ReadWrite)
        throw ProjectInUse(path, holder);
    inUseBy = holder;
    readOnlyReason = "it is open in another RouteScope" + (holder > 0 ? " (pid " + std::to_string(holder) + ")" : std::string());
    return Access::ReadOnly;
}

ProjectStore::ProjectStore(const std::string& path, Access access, std::span<const std::string_view> migrations)
    : access_(lockFor(path, access, lock_, inUseBy_, readOnlyReason_)),
      db_(access_ == Access::ReadOnly ? openReadOnly(path) : sqlite::Database(path, sqlite::Database::Mode::ReadWrite))
{
    db_.exec("PRAGMA foreign_keys = ON");
    const auto current = static_cast<std::int64_t>(migrations.size());
    // Nothing is written before the file is known for an empty file or a project of ours.
    const ProjectIdentity identity = identifyProject(db_, current);
    if (access_ == Access::ReadOnly) {
        if (identity.empty)
            throw ProjectFileError(ProjectFileError::Reason::NotAProject,
                                   path + " is an empty file, not a RouteScope project yet (" + readOnlyReason_ + ")");
        if (identity.version < current)
            throw ProjectFileError(ProjectFileError::Reason::Older,
                                   path + " was written by an older RouteScope (schema " + std::to_string(identity.version) +
                                       ", this build's is " + std::to_string(current) +
                                       ") and needs an upgrade, which a read-only open does not do: run "
                                       "`routescope-cli upgrade --db " + path +
                                       "` (it keeps a backup), or open it in the workbench");
        return;
    }
    // A damaged project is refused before the first write, once per process and project.
    if (lock_ && !lock_->projectChecked()) {
        if (!identity.empty)
            requireIntact(db_);
        lock_->setProjectChecked();
    }
    db_.exec("PRAGMA journal_mode = WAL");
    // WAL with synchronous=NORMAL keeps every committed transaction after a process crash.
    db_.exec("PRAGMA synchronous = NORMAL");
    migrate(migrations, identity);
}

void ProjectStore::migrate(std::span<const std::string_view> migrations, const ProjectIdentity& identity)
{
    const auto version = identity.version;
    const auto current = static_cast<std::int64_t>(migrations.size());
    if (version == current && identity.marked)
        return;
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
    db_.exec("PRAGMA application_id = " + std::to_string(schema::kApplicationId));
    transaction.commit();
}

void ProjectStore::damaged(const std::string& problem) const
{
    throw ProjectFileError(ProjectFileError::Reason::Damaged,
                           path() + ": " + problem + "; the project was changed outside RouteScope or is damaged. "
                                                     "`routescope-cli check --db " + path() + "` lists every such value");
}

std::vector<DatasetSummary> ProjectStore::datasets()
{
    std::vector<DatasetSummary> result;
    auto list = db_.prepare(
        "SELECT d.id, d.name, d.format, d.source, d.incomplete_rows,"
        " (SELECT COUNT(*) FROM queries q WHERE q.dataset_id = d.id AND q.complete), d.imported_at"
        " FROM datasets d ORDER BY d.id");
    while (list.step()) {
        DatasetSummary s;
        s.id = list.int64(0);
        s.name = list.text(1);
        s.format = list.text(2);
        s.source = list.text(3);
        s.incompleteRows = list.int64(4);
        s.queries = list.int64(5);
        s.importedAt = list.text(6);
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

void ProjectStore::renameDataset(std::int64_t datasetId, const std::string& name)
{
    if (name.empty())
        throw std::invalid_argument("a dataset needs a name");
    sqlite::Transaction transaction(db_);
    if (const auto other = findDataset(name); other && *other != datasetId)
        throw std::invalid_argument("the project already has a dataset named '" + name + "'");
    auto rename = db_.prepare("UPDATE datasets SET name = ? WHERE id = ?");
    rename.bind(1, name).bind(2, datasetId).run();
    transaction.commit();
}

void ProjectStore::saveCopy(const std::string& path)
{
    if (std::filesystem::exists(path))
        throw std::invalid_argument(path + " already exists");
    auto copy = db_.prepare("VACUUM INTO ?");
    copy.bind(1, path).run();
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
        for (int column : {2, 3})
            if (!models.isNull(column) && (!models.isNumber(column) || !inRange(models.real(column), limits::kMaxPrice)))
                damaged("model " + quotedExcerpt(out.models.back().name) + " has a price " + quotedExcerpt(models.text(column)) +
                        " outside [0, 1000000] USD per million tokens");
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
        const auto row = queryRow.find(outcomes.int64(0));
        const auto col = modelColumn.find(outcomes.int64(1));
        if (row == queryRow.end() || col == modelColumn.end())
            damaged("an outcome of a query in another dataset refers to a model of dataset " + std::to_string(datasetId));
        auto value = [&](int column, double limit, const char* what) {
            const auto& query = out.queries[static_cast<std::size_t>(row->second)].sampleId;
            const auto& model = out.models[static_cast<std::size_t>(col->second)].name;
            if (outcomes.isNull(column) || !outcomes.isNumber(column) || !inRange(outcomes.real(column), limit))
                damaged(std::string(what) + " " + (outcomes.isNull(column) ? std::string("(missing)") : quotedExcerpt(outcomes.text(column))) +
                        " of model " + quotedExcerpt(model) + " for query " + quotedExcerpt(query) + " is outside [0, " +
                        (limit == limits::kMaxScore ? "1]" : "1000000] USD") + " in a complete query");
            return outcomes.real(column);
        };
        out.scores(row->second, col->second) = value(2, limits::kMaxScore, "score");
        out.costs(row->second, col->second) = value(3, limits::kMaxCost, "cost");
    }
    // A complete query has an outcome for every model.
    if (out.scores.hasNaN())
        damaged("a query marked complete lacks the outcome of a model");
    return out;
}

void ProjectStore::loadTokenCounts(std::int64_t datasetId, OutcomeMatrix& outcomes)
{
    std::unordered_map<std::string, Eigen::Index> columnOf;
    for (std::size_t m = 0; m < outcomes.models.size(); ++m)
        columnOf[outcomes.models[m].name] = Eigen::Index(m);
    std::unordered_map<std::int64_t, Eigen::Index> modelColumn;
    auto models = db_.prepare("SELECT id, name FROM models WHERE dataset_id = ?");
    models.bind(1, datasetId);
    while (models.step())
        if (const auto it = columnOf.find(models.text(1)); it != columnOf.end())
            modelColumn[models.int64(0)] = it->second;
    std::unordered_map<std::int64_t, Eigen::Index> queryRow;
    auto queries = db_.prepare("SELECT id FROM queries WHERE dataset_id = ? AND complete ORDER BY position");
    queries.bind(1, datasetId);
    while (queries.step())
        queryRow[queries.int64(0)] = Eigen::Index(queryRow.size());
    if (Eigen::Index(queryRow.size()) != outcomes.queryCount() || modelColumn.size() != outcomes.models.size())
        throw std::invalid_argument("token counts: the outcomes are not those of dataset " + std::to_string(datasetId));

    const double unknown = std::numeric_limits<double>::quiet_NaN();
    outcomes.inputTokens.setConstant(outcomes.queryCount(), outcomes.modelCount(), unknown);
    outcomes.outputTokens.setConstant(outcomes.queryCount(), outcomes.modelCount(), unknown);
    auto tokens = db_.prepare(
        "SELECT o.query_id, o.model_id, o.input_tokens, o.output_tokens FROM outcomes o"
        " JOIN queries q ON q.id = o.query_id WHERE q.dataset_id = ? AND q.complete");
    tokens.bind(1, datasetId);
    while (tokens.step()) {
        const auto row = queryRow.find(tokens.int64(0));
        const auto col = modelColumn.find(tokens.int64(1));
        if (row == queryRow.end() || col == modelColumn.end())
            damaged("an outcome of a query in another dataset refers to a model of dataset " + std::to_string(datasetId));
        for (const auto& [column, into] : {std::pair{2, &outcomes.inputTokens}, std::pair{3, &outcomes.outputTokens}}) {
            if (tokens.isNull(column))
                continue;
            if (!tokens.isNumber(column) || !inRange(tokens.real(column), double(limits::kMaxTokens)))
                damaged("a token count " + quotedExcerpt(tokens.text(column)) + " is outside [0, 1000000000]");
            (*into)(row->second, col->second) = tokens.real(column);
        }
    }
}

std::vector<std::string> ProjectStore::modelsWithTokenCounts(std::int64_t datasetId)
{
    auto counted = db_.prepare(
        "SELECT m.name FROM models m LEFT JOIN (SELECT o.model_id AS id,"
        "   SUM(o.input_tokens IS NULL OR o.output_tokens IS NULL) AS missing FROM outcomes o"
        "   JOIN queries q ON q.id = o.query_id WHERE q.dataset_id = ?1 AND q.complete GROUP BY o.model_id) t"
        " ON t.id = m.id WHERE m.dataset_id = ?1 AND COALESCE(t.missing, 0) = 0 ORDER BY m.position");
    counted.bind(1, datasetId);
    std::vector<std::string> names;
    while (counted.step())
        names.push_back(counted.text(0));
    return names;
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
        if (read.blobBytes(0) % static_cast<int>(sizeof(float)) != 0)
            damaged("an embedding of " + std::to_string(read.blobBytes(0)) + " bytes is no whole vector of floats");
        std::vector<float> row(static_cast<std::size_t>(read.blobBytes(0)) / sizeof(float));
        std::memcpy(row.data(), read.blob(0), row.size() * sizeof(float));
        if (!std::all_of(row.begin(), row.end(), [](float x) { return std::isfinite(x); }))
            damaged("an embedding holds a value that is not a finite number");
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
