#pragma once
// What two fuzz targets do with their input, shared with the ordinary suite's replay of their
// regressions (tests/core/test_fuzz_regressions.cpp). A broken promise throws std::logic_error,
// which libFuzzer reports as a crash and a Qt test as a failure.
//   priceTableWithTokens: the first line is the --answer-tokens value, the rest a price table; what
//     imports must read back in range (no cost a project refuses to load).
//   projectFile: the input is a project file; checking, reading and writing it never crash, and a
//     file that passed the full check before an import still passes it after.

#include "fuzz_import.h"

#include "store/project_check.h"
#include "store/value_limits.h"
#include "util/number_text.h"

#include <cstdio>
#include <stdexcept>
#include <string>
#include <string_view>

namespace routescope::fuzz {

inline void priceTableWithTokens(const std::uint8_t* data, std::size_t size, ProjectStore& store)
{
    static const std::string scores = [] {
        const std::string records = R"([{"question": "a question of some length", "scores": {"m1": 1, "m2": 0}},)"
                                    R"( {"question": "b", "scores": {"m2": 0.5, "m1": null}, "responses": {"m2": "an answer"}}])";
        return writeScratch("scores.json", reinterpret_cast<const std::uint8_t*>(records.data()), records.size());
    }();
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto newline = text.find('\n');
    if (newline == std::string_view::npos)
        return;
    // The command line's own acceptance: a whole number in [0, limits::kMaxAnswerTokens].
    const auto tokens = parseWholeNumber(text.substr(0, newline));
    if (!tokens || *tokens < 0 || *tokens > limits::kMaxAnswerTokens)
        return;
    ImportOptions options;
    options.format = DatasetFormat::ScoresJson;
    options.defaultAnswerTokens = *tokens;
    const std::string_view table = text.substr(newline + 1);
    options.pricesPath = writeScratch("prices.json", reinterpret_cast<const std::uint8_t*>(table.data()), table.size());
    std::int64_t datasetId = 0;
    try {
        datasetId = importDataset(store, scores, options).datasetId;
    } catch (const ImportError&) {
        return;
    }
    try {
        store.loadOutcomes(datasetId); // checks every score and cost against its range
    } catch (const ProjectFileError& e) {
        throw std::logic_error(std::string("an import stored a value its project refuses: ") + e.what());
    }
    store.removeDataset(datasetId);
}

inline void projectFile(const std::string& path)
{
    const ProjectCheck before = checkProject(path, CheckDepth::Full);
    try {
        ProjectStore reader(path, ProjectStore::Access::ReadOnly);
        for (const auto& dataset : reader.datasets()) {
            reader.tasks(dataset.id);
            reader.loadOutcomes(dataset.id);
            reader.loadPromptBytes(dataset.id);
            reader.loadEmbeddings(dataset.id);
        }
    } catch (const ProjectFileError&) {
    } catch (const sqlite::Error&) {
    }
    static const std::string records = [] {
        const std::string csv = "sample_id,model,score,cost\nq1,m1,1,0.1\nq1,m2,0,0.2\nq2,m1,0.5,0.1\nq2,m2,1,0.2\n";
        return writeScratch("records.csv", reinterpret_cast<const std::uint8_t*>(csv.data()), csv.size());
    }();
    try {
        ProjectStore writer(path); // refuses files that are not sound projects before writing
        importDataset(writer, records, {});
    } catch (const ProjectFileError&) {
    } catch (const sqlite::Error&) {
    } catch (const ImportError&) {
    }
    if (before.healthy()) {
        const ProjectCheck after = checkProject(path, CheckDepth::Full);
        if (!after.healthy())
            throw std::logic_error("a sound project was damaged by an import: " + after.problems.front());
    }
}

// Writes the input as a project file with no -wal or -shm beside it, and returns its path.
inline std::string projectScratch(const std::uint8_t* data, std::size_t size)
{
    const std::string path = scratchPath("project.routescope");
    for (const char* suffix : {"-wal", "-shm", ".lock"})
        std::remove((path + suffix).c_str());
    return writeScratch("project.routescope", data, size);
}

} // namespace routescope::fuzz
