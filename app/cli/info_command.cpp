#include "cli/arguments.h"
#include "cli/commands.h"

#include "store/project_store.h"
#include "util/json_writer.h"

#include <cstdio>
#include <filesystem>
#include <iostream>

namespace routescope::cli {

namespace {

void printJson(const std::vector<DatasetSummary>& datasets)
{
    JsonWriter json;
    json.beginObject().key("datasets").beginArray();
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

void printTable(const std::vector<DatasetSummary>& datasets)
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
}

} // namespace

int runInfo(int argc, char** argv)
{
    const Arguments args(argc, argv, 2, {"--json"});
    args.allowOnly({"--db", "--json"});
    const std::string path = args.required("--db");
    if (!std::filesystem::exists(path))
        throw std::runtime_error("no project at " + path);
    // A project of an older RouteScope is upgraded (after a backup) as the workbench would; one
    // that another RouteScope writes is only read.
    ProjectStore store(path, ProjectStore::Access::ReadWriteIfFree);
    if (store.migrationBackup())
        std::cerr << "upgraded " << path << " to this RouteScope's format; the old one is kept as "
                  << *store.migrationBackup() << "\n";
    const auto datasets = store.datasets();
    if (args.flag("--json"))
        printJson(datasets);
    else
        printTable(datasets);
    return 0;
}

} // namespace routescope::cli
