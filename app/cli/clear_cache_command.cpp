#include "cli/arguments.h"
#include "cli/commands.h"

#include "features/feature_cache.h"
#include "store/project_store.h"

#include <cstdio>
#include <filesystem>
#include <iostream>

namespace routescope::cli {

int runClearCache(int argc, char** argv)
{
    const Arguments args(argc, argv, 2);
    args.allowOnly({"--db"});
    const std::string path = args.required("--db");
    if (!std::filesystem::exists(path))
        throw std::runtime_error("no project at " + path);
    ProjectStore store(path); // needs to write: refused while another RouteScope writes it
    const FeatureCacheSize before = featureCacheSize(store);
    clearFeatureCache(store);
    char line[160];
    std::snprintf(line, sizeof line, "cleared %lld cached feature fit(s), %.1f MB, from %s\n",
                  static_cast<long long>(before.fits), double(before.bytes) / 1e6, path.c_str());
    std::cout << line;
    return 0;
}

} // namespace routescope::cli
