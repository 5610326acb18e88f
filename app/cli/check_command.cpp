// routescope-cli check: the project's health (store/project_check.h), for people and scripts.

#include "cli/arguments.h"
#include "cli/commands.h"

#include "store/project_check.h"
#include "store/project_store.h"

#include <iostream>

namespace routescope::cli {

int runCheck(int argc, char** argv)
{
    const Arguments args(argc, argv, 2, {"--quick"});
    args.allowOnly({"--db", "--quick"});
    if (!args.positionals().empty())
        throw UsageError("check takes no FILE; use --db");
    const std::string path = args.required("--db");
    const ProjectCheck check = checkProject(path, args.flag("--quick") ? CheckDepth::Quick : CheckDepth::Full);
    std::cout << path << ": schema " << check.schemaVersion << " (this build's: " << ProjectStore::kSchemaVersion
              << "), application id " << (check.marked ? "RouteScope's" : "not set") << ", "
              << check.valuesChecked << " stored values checked against their ranges\n";
    for (const auto& note : check.notes)
        std::cout << "note: " << note << "\n";
    for (const auto& problem : check.problems)
        std::cout << "problem: " << problem << "\n";
    std::cout << (check.healthy() ? "ok\n" : "damaged: " + std::to_string(check.problems.size()) + " problem(s)\n");
    return check.healthy() ? 0 : 1;
}

} // namespace routescope::cli
