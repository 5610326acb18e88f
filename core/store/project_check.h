#pragma once
// The health check of a project file, shared by `routescope-cli check` and the workbench when it
// opens a project: SQLite's integrity check, the schema version, the application id, links
// between rows, and every stored number against its range (value_limits.h). Never writes.

#include <cstdint>
#include <string>
#include <vector>

namespace routescope {

struct ProjectCheck {
    std::string path;
    std::int64_t schemaVersion = 0;
    bool marked = false;               // PRAGMA application_id is RouteScope's
    std::int64_t valuesChecked = 0;    // stored numbers compared with their ranges
    std::vector<std::string> problems; // one line each; empty when the project is healthy
    std::vector<std::string> notes;    // facts worth telling that are no problem (an older schema)
    bool healthy() const { return problems.empty(); }
};

// Quick runs PRAGMA quick_check, which skips comparing indexes with their tables; Full runs
// PRAGMA integrity_check. Both check every value.
enum class CheckDepth { Quick, Full };

ProjectCheck checkProject(const std::string& path, CheckDepth depth = CheckDepth::Full);

} // namespace routescope
