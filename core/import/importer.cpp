#include "import/importer.h"

// Placeholder until the importers land (issue 2): keeps the skeleton linking.
namespace routescope {

ImportError::ImportError(std::string file, std::int64_t line, std::int64_t column, std::string problem)
    : std::runtime_error(file + ":" + std::to_string(line) + (column ? ":" + std::to_string(column) : "") + ": " + problem),
      file_(std::move(file)), line_(line), column_(column), problem_(std::move(problem))
{
}

std::string formatName(DatasetFormat) { return "auto"; }
DatasetFormat parseFormatName(const std::string&) { return DatasetFormat::Auto; }

ImportReport importDataset(ProjectStore&, const std::string& path, const ImportOptions&, const JobControl&)
{
    throw ImportError(path, 0, 0, "importers not built yet");
}

} // namespace routescope
