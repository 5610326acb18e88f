#include "cli/arguments.h"
#include "cli/commands.h"

#include "features/feature_cache.h"
#include "store/project_store.h"
#include "util/json_writer.h"

#include <cstdio>
#include <filesystem>
#include <iostream>

namespace routescope::cli {

namespace {

void printJson(const std::vector<DatasetSummary>& datasets, const FeatureCacheSize& cache)
{
    JsonWriter json;
    json.beginObject();
    json.key("feature_cache")
        .beginObject()
        .key("fits").value(static_cast<long long>(cache.fits))
        .key("bytes").value(static_cast<long long>(cache.bytes))
        .endObject();
    json.key("datasets").beginArray();
    for (const auto& d : datasets) {
        json.beginObject()
            .key("name").value(d.name)
            .key("format").value(d.format)
            .key("queries").value(static_cast<long long>(d.queries))
            .key("incomplete_rows").value(static_cast<long long>(d.incompleteRows))
            .key("models").beginArray();
        for (const auto& m : d.models)
            json.beginObject()
                .key("name").value(m.name)
                .key("mean_score").value(m.meanScore)
                .key("total_cost").value(m.totalCost)
                .endObject();
        json.endArray().endObject();
    }
    json.endArray().endObject();
    std::cout << json.str() << "\n";
}

void printTable(const std::vector<DatasetSummary>& datasets, const FeatureCacheSize& cache)
{
    if (datasets.empty())
        std::cout << "no datasets\n";
    for (const auto& d : datasets) {
        std::cout << d.name << " (" << d.format << "): " << d.queries << " queries, " << d.models.size()
                  << " models, " << d.incompleteRows << " incomplete rows\n";
        for (const auto& m : d.models) {
            char line[256];
            std::snprintf(line, sizeof line, "  %-40s mean score %.4f  total cost $%.4f\n", m.name.c_str(),
                          m.meanScore, m.totalCost);
            std::cout << line;
        }
    }
    char line[160];
    std::snprintf(line, sizeof line, "feature cache: %lld fit(s), %.1f MB (routescope-cli clear-cache frees it)\n",
                  static_cast<long long>(cache.fits), double(cache.bytes) / 1e6);
    std::cout << line;
}

} // namespace

int runInfo(int argc, char** argv)
{
    const Arguments args(argc, argv, 2, {"--json"});
    args.allowOnly({"--db", "--json"});
    const std::string path = args.required("--db");
    if (!std::filesystem::exists(path))
        throw std::runtime_error("no project at " + path);
    // Only reads: a project of an older RouteScope is refused with the command that upgrades it.
    ProjectStore store(path, ProjectStore::Access::ReadOnly);
    const auto datasets = store.datasets();
    const FeatureCacheSize cache = featureCacheSize(store);
    if (args.flag("--json"))
        printJson(datasets, cache);
    else
        printTable(datasets, cache);
    return 0;
}

} // namespace routescope::cli
