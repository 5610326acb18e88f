#include "store/project_store.h"

#include "store/outcome_columns.h"
#include "store/query_listings.h"
#include "store/schema.h"
#include "store/value_limits.h"
#include "util/number_text.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <limits>

#include <unistd.h>

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
    outcome_columns::registerFunctions(db_);
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
    for (auto& s : result) {
        const std::vector<char> complete = completeByPosition(s.id);
        auto models = db_.prepare(
            "SELECT m.name, m.input_price, m.output_price, mo.scores, mo.costs FROM models m"
            " LEFT JOIN model_outcomes mo ON mo.model_id = m.id WHERE m.dataset_id = ? ORDER BY m.position");
        models.bind(1, s.id);
        while (models.step()) {
            ModelSummary m;
            m.name = models.text(0);
            m.inputPrice = models.optionalReal(1);
            m.outputPrice = models.optionalReal(2);
            const auto scores = outcome_columns::decode(models.blob(3), std::size_t(models.blobBytes(3)), complete.size());
            const auto costs = outcome_columns::decode(models.blob(4), std::size_t(models.blobBytes(4)), complete.size());
            if (!scores || !costs)
                damaged("the outcomes of model " + quotedExcerpt(m.name) + " are not one value per query");
            double scoreSum = 0;
            std::int64_t counted = 0;
            for (std::size_t q = 0; q < complete.size(); ++q)
                if (complete[q]) {
                    scoreSum += (*scores)[q];
                    m.totalCost += (*costs)[q];
                    ++counted;
                }
            m.meanScore = counted > 0 ? scoreSum / double(counted) : 0.0;
            s.models.push_back(std::move(m));
        }
    }
    return result;
}

std::vector<char> ProjectStore::completeByPosition(std::int64_t datasetId)
{
    auto list = db_.prepare("SELECT position, complete FROM queries WHERE dataset_id = ? ORDER BY position");
    list.bind(1, datasetId);
    std::vector<char> complete;
    while (list.step()) {
        if (list.int64(0) != std::int64_t(complete.size()))
            damaged("the queries of dataset " + std::to_string(datasetId) + " are not numbered 0, 1, 2, ...");
        complete.push_back(list.int64(1) != 0 ? 1 : 0);
    }
    return complete;
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
    // Queries by position; the complete ones become the matrices' rows.
    std::vector<std::size_t> positions;
    auto queries = db_.prepare(withText ? "SELECT position, complete, sample_id, task, text FROM queries"
                                          " WHERE dataset_id = ? ORDER BY position"
                                        : query_listings::kWithoutText);
    queries.bind(1, datasetId);
    std::size_t queryCount = 0;
    while (queries.step()) {
        if (queries.int64(0) != std::int64_t(queryCount++))
            damaged("the queries of dataset " + std::to_string(datasetId) + " are not numbered 0, 1, 2, ...");
        if (queries.int64(1) == 0)
            continue;
        positions.push_back(queryCount - 1);
        out.queries.push_back({queries.text(2), withText ? queries.text(4) : std::string(), queries.text(3)});
    }

    auto models = db_.prepare(
        "SELECT m.name, m.input_price, m.output_price, mo.scores, mo.costs FROM models m"
        " LEFT JOIN model_outcomes mo ON mo.model_id = m.id WHERE m.dataset_id = ? ORDER BY m.position");
    models.bind(1, datasetId);
    std::vector<std::vector<double>> scores, costs;
    while (models.step()) {
        out.models.push_back({models.text(0), models.optionalReal(1), models.optionalReal(2)});
        const auto& name = out.models.back().name;
        for (int column : {1, 2})
            if (!models.isNull(column) && (!models.isNumber(column) || !inRange(models.real(column), limits::kMaxPrice)))
                damaged("model " + quotedExcerpt(name) + " has a price " + quotedExcerpt(models.text(column)) +
                        " outside [0, 1000000] USD per million tokens");
        auto score = outcome_columns::decode(models.blob(3), std::size_t(models.blobBytes(3)), queryCount);
        auto cost = outcome_columns::decode(models.blob(4), std::size_t(models.blobBytes(4)), queryCount);
        if (!score || !cost)
            damaged("the outcomes of model " + quotedExcerpt(name) + " are not one value per query of dataset " +
                    std::to_string(datasetId));
        scores.push_back(std::move(*score));
        costs.push_back(std::move(*cost));
    }

    const auto n = static_cast<Eigen::Index>(positions.size());
    const auto m = static_cast<Eigen::Index>(out.models.size());
    out.scores.resize(n, m);
    out.costs.resize(n, m);
    for (Eigen::Index j = 0; j < m; ++j) {
        const auto& modelScores = scores[std::size_t(j)];
        const auto& modelCosts = costs[std::size_t(j)];
        for (Eigen::Index i = 0; i < n; ++i) {
            const std::size_t position = positions[std::size_t(i)];
            const double score = modelScores[position], cost = modelCosts[position];
            out.scores(i, j) = score;
            out.costs(i, j) = cost;
            if (!inRange(score, limits::kMaxScore) || !inRange(cost, limits::kMaxCost)) {
                const bool badScore = !inRange(score, limits::kMaxScore);
                const double value = badScore ? score : cost;
                damaged(std::string(badScore ? "score " : "cost ") +
                        (std::isnan(value) ? std::string("(missing)") : quotedExcerpt(numberText(value))) + " of model " +
                        quotedExcerpt(out.models[std::size_t(j)].name) + " for query " +
                        quotedExcerpt(out.queries[std::size_t(i)].sampleId) + " is outside [0, " +
                        (badScore ? "1]" : "1000000] USD") + " in a complete query");
            }
        }
    }
    return out;
}

std::vector<std::string> ProjectStore::loadQueryTexts(std::int64_t datasetId)
{
    auto select = db_.prepare("SELECT text FROM queries WHERE dataset_id = ? AND complete ORDER BY position");
    select.bind(1, datasetId);
    std::vector<std::string> texts;
    while (select.step())
        texts.push_back(select.text(0));
    return texts;
}

std::vector<double> ProjectStore::loadPromptBytes(std::int64_t datasetId)
{
    auto select = db_.prepare(query_listings::kPromptBytes); // from the covering index alone
    select.bind(1, datasetId);
    std::vector<double> bytes;
    while (select.step()) {
        // The type first: reading a value as another type converts it.
        const bool whole = select.isInteger(0);
        const std::int64_t length = whole ? select.int64(0) : -1;
        if (!whole || length < 0 || length > limits::kMaxPromptBytes) {
            auto query = db_.prepare("SELECT sample_id FROM queries WHERE dataset_id = ? AND position = ?");
            query.bind(1, datasetId).bind(2, select.int64(1));
            damaged("the prompt length " + quotedExcerpt(select.text(0)) + " of query " +
                    (query.step() ? quotedExcerpt(query.text(0)) : std::string("(unknown)")) +
                    " is not a whole number of bytes in [0, " + std::to_string(limits::kMaxPromptBytes) + "]");
        }
        bytes.push_back(double(length));
    }
    return bytes;
}

// Each model's token counts, by query position: input and output (NaN where missing).
std::vector<ProjectStore::ModelTokens> ProjectStore::tokenColumns(std::int64_t datasetId, std::size_t queryCount)
{
    auto models = db_.prepare("SELECT m.name, mo.input_tokens, mo.output_tokens FROM models m"
                              " LEFT JOIN model_outcomes mo ON mo.model_id = m.id WHERE m.dataset_id = ? ORDER BY m.position");
    models.bind(1, datasetId);
    std::vector<ModelTokens> result;
    while (models.step()) {
        ModelTokens t{models.text(0), {}, {}};
        for (const auto& [column, into] : {std::pair{1, &t.input}, std::pair{2, &t.output}}) {
            auto values = outcome_columns::decode(models.blob(column), std::size_t(models.blobBytes(column)), queryCount);
            if (!values)
                damaged("the token counts of model " + quotedExcerpt(t.name) + " are not one value per query of dataset " +
                        std::to_string(datasetId));
            *into = std::move(*values);
        }
        result.push_back(std::move(t));
    }
    return result;
}

void ProjectStore::loadTokenCounts(std::int64_t datasetId, OutcomeMatrix& outcomes)
{
    const std::vector<char> complete = completeByPosition(datasetId);
    std::vector<std::size_t> positions; // of the complete queries: the matrices' rows
    for (std::size_t q = 0; q < complete.size(); ++q)
        if (complete[q])
            positions.push_back(q);
    const auto columns = tokenColumns(datasetId, complete.size());
    if (Eigen::Index(positions.size()) != outcomes.queryCount() || columns.size() != outcomes.models.size())
        throw std::invalid_argument("token counts: the outcomes are not those of dataset " + std::to_string(datasetId));

    outcomes.inputTokens.resize(outcomes.queryCount(), outcomes.modelCount());
    outcomes.outputTokens.resize(outcomes.queryCount(), outcomes.modelCount());
    for (Eigen::Index m = 0; m < outcomes.modelCount(); ++m) {
        // By name: the matrices may list the models in another dataset's order (withModelOrder).
        const auto it = std::find_if(columns.begin(), columns.end(),
                                     [&](const ModelTokens& c) { return c.name == outcomes.models[std::size_t(m)].name; });
        if (it == columns.end())
            throw std::invalid_argument("token counts: the outcomes are not those of dataset " + std::to_string(datasetId));
        for (const auto& [values, into] : {std::pair{&it->input, &outcomes.inputTokens}, std::pair{&it->output, &outcomes.outputTokens}})
            for (Eigen::Index i = 0; i < outcomes.queryCount(); ++i) {
                const double v = (*values)[positions[std::size_t(i)]];
                if (!std::isnan(v) && !inRange(v, double(limits::kMaxTokens)))
                    damaged("a token count " + quotedExcerpt(numberText(v)) + " is outside [0, 1000000000]");
                (*into)(i, m) = v;
            }
    }
}

std::vector<std::string> ProjectStore::modelsWithTokenCounts(std::int64_t datasetId)
{
    const std::vector<char> complete = completeByPosition(datasetId);
    std::vector<std::string> names;
    for (const auto& c : tokenColumns(datasetId, complete.size())) {
        bool counted = true;
        for (std::size_t q = 0; counted && q < complete.size(); ++q)
            counted = !complete[q] || (!std::isnan(c.input[q]) && !std::isnan(c.output[q]));
        if (counted)
            names.push_back(c.name);
    }
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
