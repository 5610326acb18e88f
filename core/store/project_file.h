#pragma once
// What a file given as a project is, before anything is written to it: empty (a new project), a
// RouteScope project this build reads (marked by PRAGMA application_id, or an older unmarked one
// with RouteScope's tables), or something RouteScope refuses: another program's database, a file
// that is no database, a damaged project, or one of a newer RouteScope.

#include "store/sqlite.h"

#include <cstdint>
#include <stdexcept>
#include <string>

namespace routescope {

// A project file RouteScope will not use; what() names the file and says what to do.
class ProjectFileError : public std::runtime_error {
public:
    enum class Reason {
        NotAProject, // another program's file or database
        Damaged,     // fails SQLite's checks, or holds values no RouteScope writes
        Newer,       // written by a newer RouteScope
        Older,       // needs an upgrade, which a read-only open cannot do
    };
    ProjectFileError(Reason reason, const std::string& message) : std::runtime_error(message), reason_(reason) {}
    Reason reason() const { return reason_; }

private:
    Reason reason_;
};

struct ProjectIdentity {
    bool empty = false;            // no tables at all: a new project
    std::int64_t version = 0;      // PRAGMA user_version, the schema version
    bool marked = false;           // application_id is RouteScope's
};

// Reads the header and table names only. Throws ProjectFileError (NotAProject, Damaged, Newer)
// unless the file is empty or a project of schema 1..currentVersion.
ProjectIdentity identifyProject(sqlite::Database& db, std::int64_t currentVersion);

// "P is damaged (...); nothing was written to it. ..." with what to do next.
ProjectFileError damagedProject(const std::string& path, const std::string& problem);

// PRAGMA quick_check: throws ProjectFileError(Damaged) naming the first problem.
void requireIntact(sqlite::Database& db);

// Opens a project read-only, even where SQLite cannot make the -shm file a WAL project needs
// (a folder the user may not write, a full disk): then immutable, if no writer is under way.
sqlite::Database openReadOnly(const std::string& path);

} // namespace routescope
