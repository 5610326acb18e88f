// routescope-cli upgrade: takes a project of an older RouteScope to this build's schema, after a
// backup copy, so that read-only commands (info, check) can read it.

#include "cli/arguments.h"
#include "cli/commands.h"

#include "store/project_store.h"

#include <filesystem>
#include <iostream>

namespace routescope::cli {

int runUpgrade(int argc, char** argv)
{
    const Arguments args(argc, argv, 2);
    args.allowOnly({"--db"});
    if (!args.positionals().empty())
        throw UsageError("upgrade takes no FILE; use --db");
    const std::string path = args.required("--db");
    if (!std::filesystem::exists(path))
        throw std::runtime_error("no project at " + path);
    const ProjectStore store(path); // a read-write open migrates, after a backup
    if (store.migrationBackup())
        std::cout << "upgraded " << path << " to schema " << ProjectStore::kSchemaVersion << "; the old one is kept as "
                  << *store.migrationBackup() << "\n";
    else
        std::cout << path << " is already at schema " << ProjectStore::kSchemaVersion << "\n";
    return 0;
}

} // namespace routescope::cli
