#pragma once
// One fuzz input imported as a file of one format into a project kept for the whole run.
// ImportError is the expected way to refuse bad input; anything else (another exception, a
// sanitizer report, a crash) is a bug the fuzzer stops on.

#include "import/importer.h"
#include "store/project_store.h"

#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

namespace routescope::fuzz {

inline std::string scratchPath(const std::string& name)
{
    return (std::filesystem::temp_directory_path() / ("routescope-fuzz-" + std::to_string(::getpid()) + "-" + name)).string();
}

inline std::string writeScratch(const std::string& name, const std::uint8_t* data, std::size_t size)
{
    const std::string path = scratchPath(name);
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    return path;
}

inline ProjectStore& fuzzProject()
{
    static ProjectStore store(":memory:");
    return store;
}

// Imports `path`; a dataset that imports is removed again so the project stays small.
inline void importOnce(const std::string& path, const ImportOptions& options)
{
    auto& store = fuzzProject();
    try {
        const auto report = importDataset(store, path, options);
        store.removeDataset(report.datasetId);
    } catch (const ImportError&) {
    }
}

} // namespace routescope::fuzz
