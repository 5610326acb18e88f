#pragma once
// Dataset import: every format streams its input, reports progress, can be cancelled and writes
// through one DatasetWriter transaction, so a failed or cancelled import changes nothing.

#include "store/project_store.h"
#include "util/job_control.h"

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace routescope {

enum class DatasetFormat {
    Auto,            // detected from the file's extension and first bytes
    RouterBenchWide, // one row per query, one score and one `model|total_cost` column per model
    ScoresJson,      // [{"question": ..., "scores": {model: score}}] plus a price table
    LongCsv,         // one row per (query, model): query id, model, score, cost
    LongJsonl,       // the same as one JSON object per line
};

std::string formatName(DatasetFormat format);
// Accepts "auto", "wide", "routerbench", "scores-json", "long-csv", "long-jsonl"; throws std::invalid_argument.
DatasetFormat parseFormatName(const std::string& name);

// A problem in an input file. what() reads "FILE:LINE:COLUMN: PROBLEM" (column omitted when 0).
class ImportError : public std::runtime_error {
public:
    ImportError(std::string file, std::int64_t line, std::int64_t column, std::string problem);
    const std::string& file() const { return file_; }
    std::int64_t line() const { return line_; }
    std::int64_t column() const { return column_; }
    const std::string& problem() const { return problem_; }

private:
    std::string file_;
    std::int64_t line_;
    std::int64_t column_;
    std::string problem_;
};

struct ImportOptions {
    DatasetFormat format = DatasetFormat::Auto;
    std::string datasetName;  // empty: the file name without extension, made unique
    std::string pricesPath;   // price table JSON, needed by ScoresJson
    std::int64_t defaultAnswerTokens = 200; // tokens of an answer when the data has none, in [0, limits::kMaxAnswerTokens]
};

struct ImportReport {
    std::int64_t datasetId = 0;
    std::string datasetName;
    DatasetFormat format = DatasetFormat::Auto;
    std::int64_t queries = 0;        // complete queries
    std::int64_t incompleteRows = 0; // queries with an empty score or cost, kept but not used
    int models = 0;
    std::vector<std::string> warnings;
};

// The format importDataset detects for the file `path` (not standard input: it reads the head).
// Throws ImportError when the file cannot be read or is empty.
DatasetFormat detectFileFormat(const std::string& path);

// Imports one file as a new dataset. Throws ImportError for bad input, Cancelled on cancel;
// in both cases the project is left exactly as it was.
ImportReport importDataset(ProjectStore& store, const std::string& path, const ImportOptions& options,
                           const JobControl& job = {});

} // namespace routescope
