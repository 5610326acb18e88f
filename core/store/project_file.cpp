#include "store/project_file.h"

#include "store/schema.h"

#include <sqlite3.h>

#include <algorithm>
#include <filesystem>
#include <vector>

namespace routescope {

namespace {

std::int64_t pragmaNumber(sqlite::Database& db, const char* pragma)
{
    auto read = db.prepare(std::string("PRAGMA ") + pragma);
    read.step();
    return read.int64(0);
}

std::string hex(std::int64_t value)
{
    char text[16];
    std::snprintf(text, sizeof text, "0x%08llX", static_cast<unsigned long long>(value) & 0xFFFFFFFFull);
    return text;
}

std::string notAProject(const std::string& path, const std::string& why)
{
    return path + " is not a RouteScope project: " + why +
           "; nothing was written to it. Give a new file name (a project is made there) or an existing project";
}

} // namespace

ProjectFileError damagedProject(const std::string& path, const std::string& problem)
{
    return ProjectFileError(ProjectFileError::Reason::Damaged,
                            path + " is damaged (" + problem + "); nothing was written to it. Keep a copy, run "
                                   "`routescope-cli check --db " + path + "` to see every problem, and restore the "
                                   "project from a backup");
}

ProjectIdentity identifyProject(sqlite::Database& db, std::int64_t currentVersion)
{
    const std::string& path = db.path();
    ProjectIdentity identity;
    std::int64_t applicationId = 0;
    std::vector<std::string> tables;
    try {
        applicationId = pragmaNumber(db, "application_id");
        identity.version = pragmaNumber(db, "user_version");
        auto list = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
        while (list.step())
            tables.push_back(list.text(0));
    } catch (const sqlite::Error& e) {
        if ((e.code() & 0xFF) == SQLITE_NOTADB)
            throw ProjectFileError(ProjectFileError::Reason::NotAProject, notAProject(path, "it is not an SQLite database"));
        if ((e.code() & 0xFF) == SQLITE_CORRUPT)
            throw damagedProject(path, e.what());
        throw;
    }
    identity.marked = applicationId == schema::kApplicationId;
    const auto hasTable = [&](std::string_view name) { return std::find(tables.begin(), tables.end(), name) != tables.end(); };
    const bool hasCoreTables = std::all_of(schema::kCoreTables.begin(), schema::kCoreTables.end(), hasTable) &&
                               hasTable(schema::outcomeTable(identity.version));
    if (!identity.marked && applicationId != 0)
        throw ProjectFileError(ProjectFileError::Reason::NotAProject,
                               notAProject(path, "it is another program's SQLite database (application id " +
                                                     hex(applicationId) + ")"));
    if (tables.empty() && identity.version == 0) {
        identity.empty = true;
        return identity;
    }
    if (!identity.marked && !(hasCoreTables && identity.version >= 1 && identity.version <= currentVersion)) {
        std::string names;
        for (std::size_t i = 0; i < tables.size() && i < 5; ++i)
            names += (i ? ", " : "") + tables[i];
        if (tables.size() > 5)
            names += ", ...";
        throw ProjectFileError(ProjectFileError::Reason::NotAProject,
                               notAProject(path, "it is another program's SQLite database (tables: " +
                                                     (names.empty() ? std::string("none") : names) + ", user_version " +
                                                     std::to_string(identity.version) + ")"));
    }
    if (identity.version > currentVersion)
        throw ProjectFileError(ProjectFileError::Reason::Newer,
                               path + ": project was written by a newer RouteScope (schema " +
                                   std::to_string(identity.version) + ", this build reads up to " +
                                   std::to_string(currentVersion) + "); open it with that RouteScope");
    if (identity.version < 1 || !hasCoreTables)
        throw damagedProject(path, "schema version " + std::to_string(identity.version) + " with " +
                                       (hasCoreTables ? "" : "missing ") + "project tables");
    return identity;
}

void requireIntact(sqlite::Database& db)
{
    std::string problem;
    try {
        auto check = db.prepare("PRAGMA quick_check(1)");
        if (check.step())
            problem = check.text(0);
    } catch (const sqlite::Error& e) {
        problem = e.what();
    }
    if (problem == "ok")
        return;
    // SQLite heads its report with the schema name: the first real problem is enough here.
    const std::string heading = "*** in database main ***\n";
    if (problem.rfind(heading, 0) == 0)
        problem.erase(0, heading.size());
    throw damagedProject(db.path(), "quick_check: " + problem.substr(0, problem.find('\n')));
}

sqlite::Database openReadOnly(const std::string& path)
{
    sqlite::Database db(path, sqlite::Database::Mode::ReadOnly);
    try {
        auto probe = db.prepare("SELECT COUNT(*) FROM sqlite_master");
        probe.step();
        return db;
    } catch (const sqlite::Error& e) {
        const int code = e.code() & 0xFF;
        if (code == SQLITE_NOTADB || code == SQLITE_CORRUPT)
            return db; // identifyProject() says what the file is
        if (code != SQLITE_CANTOPEN && code != SQLITE_READONLY && code != SQLITE_IOERR && code != SQLITE_FULL)
            throw;
        // A WAL project needs a -shm file beside it. Without a write-ahead log to replay, the
        // database file alone is the whole project and can be read as it is.
        std::error_code error;
        const auto wal = std::filesystem::file_size(path + "-wal", error);
        if (!error && wal > 0)
            throw sqlite::Error(std::string(e.what()) + " (its write-ahead log " + path +
                                    "-wal is not empty and cannot be read here)",
                                e.code());
    }
    return sqlite::Database(path, sqlite::Database::Mode::Immutable);
}

} // namespace routescope
