#include "import/importer.h"

#include "import/import_session.h"
#include "store/dataset_writer.h"

#include <filesystem>
#include <stdexcept>

namespace routescope {

ImportError::ImportError(std::string file, std::int64_t line, std::int64_t column, std::string problem)
    : std::runtime_error(file + ":" + std::to_string(line) + (column ? ":" + std::to_string(column) : "") + ": " + problem),
      file_(std::move(file)), line_(line), column_(column), problem_(std::move(problem))
{
}

std::string formatName(DatasetFormat format)
{
    switch (format) {
    case DatasetFormat::Auto: return "auto";
    case DatasetFormat::RouterBenchWide: return "wide";
    case DatasetFormat::ScoresJson: return "scores-json";
    case DatasetFormat::LongCsv: return "long-csv";
    case DatasetFormat::LongJsonl: return "long-jsonl";
    }
    throw std::invalid_argument("unknown dataset format");
}

DatasetFormat parseFormatName(const std::string& name)
{
    if (name == "auto")
        return DatasetFormat::Auto;
    if (name == "wide" || name == "routerbench")
        return DatasetFormat::RouterBenchWide;
    if (name == "scores-json")
        return DatasetFormat::ScoresJson;
    if (name == "long-csv")
        return DatasetFormat::LongCsv;
    if (name == "long-jsonl")
        return DatasetFormat::LongJsonl;
    throw std::invalid_argument("unknown format '" + name +
                                "' (expected auto, wide, routerbench, scores-json, long-csv or long-jsonl)");
}

std::string formatCount(std::int64_t count)
{
    std::string digits = std::to_string(count < 0 ? -count : count);
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0)
            out += ',';
        out += digits[i];
    }
    return count < 0 ? "-" + out : out;
}

DatasetFormat detectFileFormat(const std::string& path)
{
    TextInput input(path);
    return detectFormat(input);
}

ImportReport importDataset(ProjectStore& store, const std::string& path, const ImportOptions& options,
                           const JobControl& job)
{
    ImportReport report;
    // Opened once and read once, the format told from the first chunk: a pipe loses nothing.
    TextInput input(path);
    report.format = options.format == DatasetFormat::Auto ? detectFormat(input) : options.format;
    const bool standardInput = TextInput::isStandardInput(path);
    const std::string stem = standardInput ? std::string("stdin") : std::filesystem::path(path).stem().string();
    report.datasetName = store.uniqueDatasetName(options.datasetName.empty() ? stem : options.datasetName);

    std::error_code error;
    const auto absolute = std::filesystem::absolute(path, error);
    const std::string source = standardInput ? std::string("standard input") : error ? path : absolute.string();
    DatasetWriter writer(store, report.datasetName, formatName(report.format), source);
    ImportProgress progress(job, input);
    ImportSession session{input, options, writer, progress, report.warnings};
    switch (report.format) {
    case DatasetFormat::RouterBenchWide: importRouterBenchWide(session); break;
    case DatasetFormat::ScoresJson: importScoresJson(session); break;
    case DatasetFormat::LongCsv: importLongCsv(session); break;
    case DatasetFormat::LongJsonl: importLongJsonl(session); break;
    case DatasetFormat::Auto: throw std::logic_error("format not resolved");
    }
    job.throwIfCancelled();
    report.incompleteRows = writer.commit();
    report.datasetId = writer.datasetId();
    report.queries = writer.queryCount() - report.incompleteRows;
    report.models = writer.modelCount();
    if (report.queries == 0)
        report.warnings.push_back("no complete query: every query lacks a score or a cost");
    progress.report();
    return report;
}

} // namespace routescope
