#include "store/project_check.h"

#include "store/project_file.h"
#include "store/outcome_columns.h"
#include "store/project_store.h"
#include "store/schema.h"
#include "store/value_limits.h"
#include "util/number_text.h"

#include <algorithm>
#include <array>
#include <limits>
#include <optional>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string_view>

namespace routescope {

namespace {

constexpr int kExamples = 3; // examples named per kind of problem

std::int64_t count(sqlite::Database& db, const std::string& sql)
{
    auto statement = db.prepare(sql);
    statement.step();
    return statement.int64(0);
}

// Counts the rows of `from` where `bad` holds, and names a few by `example` (a text expression
// over `from` and `joins`). The joins serve the examples only, so the count reads one table.
void countViolations(sqlite::Database& db, ProjectCheck& check, const std::string& what, const std::string& from,
                     const std::string& bad, const std::string& example, const std::string& joins = "")
{
    const auto n = count(db, "SELECT COUNT(*) FROM " + from + " WHERE " + bad);
    if (n == 0)
        return;
    std::string examples;
    auto list = db.prepare("SELECT " + example + " FROM " + from + joins + " WHERE " + bad + " LIMIT " +
                           std::to_string(kExamples));
    while (list.step())
        examples += (examples.empty() ? "" : "; ") + list.text(0);
    check.problems.push_back(std::to_string(n) + " " + what + ", e.g. " + examples);
}

// A numeric column inside [0, limit], or NULL where allowed.
std::string outside(const std::string& column, double limit, bool nullAllowed)
{
    const std::string number = "typeof(" + column + ") IN ('integer', 'real')";
    const std::string bad = "NOT (" + number + " AND " + column + " >= 0 AND " + column + " <= " + std::to_string(limit) + ")";
    return nullAllowed ? "(" + column + " IS NOT NULL AND " + bad + ")" : bad;
}

// Schema 1 to 4: a row per query and model.
void checkOutcomeRows(sqlite::Database& db, ProjectCheck& check)
{
    check.valuesChecked += 5 * count(db, "SELECT COUNT(*) FROM outcomes");
    const std::string joins = " JOIN queries q ON q.id = o.query_id JOIN models m ON m.id = o.model_id"
                              " JOIN datasets d ON d.id = q.dataset_id";
    const std::string where = "'dataset ' || quote(substr(d.name, 1, 40)) || ', query ' || quote(substr(q.sample_id, 1, 40)) ||"
                              " ', model ' || quote(substr(m.name, 1, 40)) || ': '";
    countViolations(db, check, "scores outside [0, 1]", "outcomes o", outside("o.score", limits::kMaxScore, true),
                    where + " || quote(o.score)", joins);
    countViolations(db, check, "costs outside [0, 1000000] USD", "outcomes o", outside("o.cost", limits::kMaxCost, true),
                    where + " || quote(o.cost)", joins);
    countViolations(db, check, "token counts outside [0, 1000000000]", "outcomes o",
                    outside("o.input_tokens", double(limits::kMaxTokens), true) + " OR " +
                        outside("o.output_tokens", double(limits::kMaxTokens), true),
                    where + " || quote(o.input_tokens) || ' / ' || quote(o.output_tokens)", joins);
    countViolations(db, check, "latencies outside [0, 1000000] s", "outcomes o", outside("o.latency", limits::kMaxLatency, true),
                    where + " || quote(o.latency)", joins);
    countViolations(db, check, "outcomes joining a query and a model of different datasets", "outcomes o" + joins,
                    "m.dataset_id != q.dataset_id", where + " || 'model of dataset ' || m.dataset_id");
    countViolations(db, check, "queries marked complete without a score and a cost from every model", "queries q",
                    "q.complete AND (SELECT COUNT(*) FROM outcomes o WHERE o.query_id = q.id AND o.score IS NOT NULL"
                    " AND o.cost IS NOT NULL) != (SELECT COUNT(*) FROM models m WHERE m.dataset_id = q.dataset_id)",
                    "'dataset ' || quote(substr(d.name, 1, 40)) || ', query ' || quote(substr(q.sample_id, 1, 40))",
                    " JOIN datasets d ON d.id = q.dataset_id");
}

// Schema 5: a row of column blobs per model (outcome_columns.h), each blob read once and every
// value checked against its range, as rows are checked in older schemas.
class OutcomeColumnCheck {
public:
    explicit OutcomeColumnCheck(ProjectCheck& check) : check_(check) {}

    void dataset(sqlite::Database& db, std::int64_t id, const std::string& name)
    {
        std::vector<std::string> sampleIds;
        std::vector<char> complete;
        auto queries = db.prepare("SELECT sample_id, complete FROM queries WHERE dataset_id = ? ORDER BY position");
        queries.bind(1, id);
        while (queries.step()) {
            sampleIds.push_back(queries.text(0));
            complete.push_back(queries.int64(1) != 0);
        }
        std::vector<char> lacking(complete.size(), 0); // complete queries without a score or cost
        auto models = db.prepare("SELECT m.name, mo.scores, mo.costs, mo.input_tokens, mo.output_tokens, mo.latencies"
                                 " FROM models m LEFT JOIN model_outcomes mo ON mo.model_id = m.id WHERE m.dataset_id = ?");
        models.bind(1, id);
        while (models.step()) {
            const std::string model = ", model " + quotedExcerpt(models.text(0), 40);
            for (const Measure& measure : kMeasures) {
                std::optional<std::vector<double>> values;
                if (models.isNull(measure.column) || models.blobBytes(measure.column) > 0)
                    values = outcome_columns::decode(models.isNull(measure.column) ? nullptr : models.blob(measure.column),
                                                     std::size_t(models.blobBytes(measure.column)), complete.size());
                if (!values) {
                    note(Kind::Size, "dataset " + quotedExcerpt(name, 40) + model + ": " + measure.name + " " + std::to_string(models.blobBytes(measure.column)) +
                                         " bytes for " + std::to_string(complete.size()) + " queries");
                    values = std::vector<double>(complete.size(), std::numeric_limits<double>::quiet_NaN());
                }
                for (std::size_t q = 0; q < values->size(); ++q) {
                    const double value = (*values)[q];
                    if (std::isnan(value)) {
                        if (measure.requiredWhenComplete && complete[q])
                            lacking[q] = 1;
                        continue;
                    }
                    ++check_.valuesChecked;
                    if (!(value >= 0 && value <= measure.limit))
                        note(measure.kind, "dataset " + quotedExcerpt(name, 40) + ", query " + quotedExcerpt(sampleIds[q], 40) + model +
                                              ": " + numberText(value));
                }
            }
        }
        for (std::size_t q = 0; q < lacking.size(); ++q)
            if (lacking[q])
                note(Kind::Incomplete, "dataset " + quotedExcerpt(name, 40) + ", query " + quotedExcerpt(sampleIds[q], 40));
    }

    void report()
    {
        static const char* what[] = {"scores outside [0, 1]", "costs outside [0, 1000000] USD",
                                     "token counts outside [0, 1000000000]", "latencies outside [0, 1000000] s",
                                     "outcome columns that are not one number per query",
                                     "queries marked complete without a score and a cost from every model"};
        for (std::size_t k = 0; k < counts_.size(); ++k)
            if (counts_[k] > 0)
                check_.problems.push_back(std::to_string(counts_[k]) + " " + what[k] + ", e.g. " + examples_[k]);
    }

private:
    enum class Kind { Score, Cost, Tokens, Latency, Size, Incomplete };
    struct Measure {
        int column;
        const char* name;
        double limit;
        Kind kind;
        bool requiredWhenComplete;
    };
    static constexpr Measure kMeasures[] = {{1, "scores", limits::kMaxScore, Kind::Score, true},
                                            {2, "costs", limits::kMaxCost, Kind::Cost, true},
                                            {3, "input tokens", double(limits::kMaxTokens), Kind::Tokens, false},
                                            {4, "output tokens", double(limits::kMaxTokens), Kind::Tokens, false},
                                            {5, "latencies", limits::kMaxLatency, Kind::Latency, false}};

    void note(Kind kind, const std::string& example)
    {
        const auto k = std::size_t(kind);
        if (++counts_[k] <= kExamples)
            examples_[k] += (examples_[k].empty() ? "" : "; ") + example;
    }

    ProjectCheck& check_;
    std::array<std::int64_t, 6> counts_{};
    std::array<std::string, 6> examples_;
};

void checkOutcomeColumns(sqlite::Database& db, ProjectCheck& check)
{
    OutcomeColumnCheck columns(check);
    auto datasets = db.prepare("SELECT id, name FROM datasets ORDER BY id");
    while (datasets.step())
        columns.dataset(db, datasets.int64(0), datasets.text(1));
    columns.report();
}

// What every schema shares: prices, complete flags, row counts.
void checkDatasets(sqlite::Database& db, ProjectCheck& check)
{
    check.valuesChecked += 2 * count(db, "SELECT COUNT(*) FROM models") + count(db, "SELECT COUNT(*) FROM queries") +
                           count(db, "SELECT COUNT(*) FROM datasets");
    countViolations(db, check, "prices outside [0, 1000000] USD per million tokens", "models m",
                    outside("m.input_price", limits::kMaxPrice, true) + " OR " + outside("m.output_price", limits::kMaxPrice, true),
                    "'dataset ' || quote(substr(d.name, 1, 40)) || ', model ' || quote(substr(m.name, 1, 40)) || ': ' ||"
                    " quote(m.input_price) || ' / ' || quote(m.output_price)",
                    " JOIN datasets d ON d.id = m.dataset_id");
    countViolations(db, check, "queries whose complete flag is neither 0 nor 1", "queries q", "q.complete NOT IN (0, 1)",
                    "quote(substr(q.sample_id, 1, 40)) || ': ' || quote(q.complete)");
    countViolations(db, check, "datasets with a negative or non-numeric incomplete row count", "datasets d",
                    outside("d.incomplete_rows", 9e18, false), "quote(substr(d.name, 1, 40))");
}

// Each query's stored prompt length (read by training in place of the text) is its text's size in bytes.
void checkPromptBytes(sqlite::Database& db, ProjectCheck& check)
{
    check.valuesChecked += count(db, "SELECT COUNT(*) FROM queries");
    countViolations(db, check, "queries whose stored prompt length is not their prompt's length in bytes", "queries q",
                    "q.prompt_bytes IS NOT length(CAST(q.text AS BLOB))",
                    "quote(substr(q.sample_id, 1, 40)) || ': ' || quote(q.prompt_bytes) || ' for ' ||"
                    " length(CAST(q.text AS BLOB)) || ' bytes'");
}

// Each blob of `sql` (columns: label, blob, expected float count or NULL for any) must hold whole
// finite floats.
void checkFloatBlobs(sqlite::Database& db, ProjectCheck& check, const std::string& what, const std::string& sql)
{
    std::int64_t bad = 0;
    std::string examples;
    auto read = db.prepare(sql);
    while (read.step()) {
        const auto bytes = static_cast<std::size_t>(read.blobBytes(1));
        const float* begin = static_cast<const float*>(read.blob(1));
        std::string problem;
        if (bytes % sizeof(float) != 0)
            problem = std::to_string(bytes) + " bytes, no whole number of floats";
        else if (!read.isNull(2) && read.int64(2) != static_cast<std::int64_t>(bytes / sizeof(float)))
            problem = std::to_string(bytes / sizeof(float)) + " values where rows x columns is " + std::to_string(read.int64(2));
        else
            for (std::size_t i = 0; i < bytes / sizeof(float); ++i) {
                float value;
                std::memcpy(&value, reinterpret_cast<const char*>(begin) + i * sizeof(float), sizeof value);
                ++check.valuesChecked;
                if (!std::isfinite(value)) {
                    problem = "a value that is not finite";
                    break;
                }
            }
        if (!problem.empty() && ++bad <= kExamples)
            examples += (examples.empty() ? "" : "; ") + read.text(0) + ": " + problem;
    }
    if (bad > 0)
        check.problems.push_back(std::to_string(bad) + " " + what + ", e.g. " + examples);
}

// What-if scenarios: a factor above 0, both prices or neither, within a dataset's price range.
void checkScenarios(sqlite::Database& db, ProjectCheck& check)
{
    check.valuesChecked += 4 * count(db, "SELECT COUNT(*) FROM scenario_models");
    const std::string factor = "typeof(s.price_factor) IN ('integer', 'real') AND s.price_factor > 0 AND s.price_factor <= 1e6";
    countViolations(db, check, "scenario models with a price factor, prices or pool flag out of range", "scenario_models s",
                    "(s.price_factor IS NOT NULL AND NOT (" + factor + ")) OR " + outside("s.input_price", limits::kMaxPrice, true) +
                        " OR " + outside("s.output_price", limits::kMaxPrice, true) +
                        " OR ((s.input_price IS NULL) != (s.output_price IS NULL))"
                        " OR (s.price_factor IS NOT NULL AND s.input_price IS NOT NULL) OR s.in_pool NOT IN (0, 1)",
                    "'scenario ' || s.scenario_id || ', model ' || quote(substr(s.model, 1, 40)) || ': ' ||"
                    " quote(s.price_factor) || ' / ' || quote(s.input_price) || ' / ' || quote(s.output_price)");
}

void checkSqlite(sqlite::Database& db, ProjectCheck& check, CheckDepth depth)
{
    constexpr std::size_t kShown = 10;
    auto integrity = db.prepare(depth == CheckDepth::Full ? "PRAGMA integrity_check(100)" : "PRAGMA quick_check(100)");
    std::size_t found = 0;
    while (integrity.step()) {
        // A row may hold several lines, headed by the schema name.
        std::string lines = integrity.text(0);
        for (std::size_t start = 0; start < lines.size();) {
            const auto end = std::min(lines.find('\n', start), lines.size());
            const std::string line = lines.substr(start, end - start);
            start = end + 1;
            if (line == "ok" || line == "*** in database main ***")
                continue;
            if (++found <= kShown)
                check.problems.push_back("integrity: " + line);
        }
    }
    if (found > kShown)
        check.problems.push_back("integrity: " + std::to_string(found - kShown) + " more problems (SQLite stops listing at 100)");
    auto links = db.prepare("PRAGMA foreign_key_check");
    std::int64_t broken = 0;
    std::string table;
    while (links.step()) {
        ++broken;
        table = links.text(0);
    }
    if (broken > 0)
        check.problems.push_back(std::to_string(broken) + " rows refer to rows that are gone, e.g. in table " + table);
}

} // namespace

ProjectCheck checkProject(const std::string& path, CheckDepth depth)
{
    ProjectCheck check;
    check.path = path;
    if (!std::filesystem::exists(path)) {
        check.problems.push_back("no file at " + path);
        return check;
    }
    try {
        sqlite::Database db = openReadOnly(path);
        const auto current = static_cast<std::int64_t>(schema::kMigrations.size());
        ProjectIdentity identity;
        try {
            identity = identifyProject(db, current);
        } catch (const ProjectFileError& e) {
            check.problems.push_back(e.what());
            if (e.reason() != ProjectFileError::Reason::Damaged)
                return check; // not ours, or newer: its tables are not ours to judge
        }
        check.schemaVersion = identity.version;
        check.marked = identity.marked;
        if (identity.empty) {
            check.problems.push_back(path + " is an empty file, not a project yet");
            return check;
        }
        if (!identity.marked)
            check.notes.push_back("no RouteScope application id: a project of an older RouteScope, marked on its next write");
        if (identity.version >= 1 && identity.version < current)
            check.notes.push_back("schema " + std::to_string(identity.version) + " of " + std::to_string(current) +
                                  ": `routescope-cli upgrade --db " + path + "` upgrades it (keeping a backup)");
        checkSqlite(db, check, depth);
        checkDatasets(db, check);
        // Reads every prompt: left to the full check, as opening a project should stay quick.
        if (identity.version >= schema::kPromptBytesVersion && depth == CheckDepth::Full)
            checkPromptBytes(db, check);
        if (identity.version >= schema::kOutcomeColumnsVersion)
            checkOutcomeColumns(db, check);
        else
            checkOutcomeRows(db, check);
        checkFloatBlobs(db, check, "embeddings that are not vectors of finite floats",
                        "SELECT 'query ' || quote(substr(q.sample_id, 1, 40)), e.vector, NULL FROM query_embeddings e"
                        " JOIN queries q ON q.id = e.query_id");
        if (identity.version >= 2)
            checkFloatBlobs(db, check, "cached feature sets that are not rows x columns finite floats",
                            "SELECT 'feature set of dataset ' || dataset_id, data, rows * cols FROM feature_sets");
        check.valuesChecked += count(db, "SELECT COUNT(*) FROM routers");
        countViolations(db, check, "trained routers with a training time that is not a number >= 0", "routers r",
                        outside("r.train_seconds", 1e9, false), "quote(substr(r.name, 1, 40))");
        if (identity.version >= schema::kScenariosVersion)
            checkScenarios(db, check);
    } catch (const std::exception& e) {
        // Damage deep in a table shows when it is read.
        check.problems.push_back(e.what());
    }
    return check;
}

} // namespace routescope
