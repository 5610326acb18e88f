// Chooses an importer from the file's extension and its first bytes or CSV header.

#include "import/csv_reader.h"
#include "import/import_session.h"

#include <algorithm>
#include <filesystem>
#include <string>

namespace routescope {

namespace {

std::string lowerExtension(const std::string& path)
{
    std::string extension = std::filesystem::path(path).extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return extension;
}

// A long CSV names its model in a column; a wide one has a column per model.
DatasetFormat csvFormatFromHeader(const std::string& path)
{
    TextInput input(path);
    CsvReader csv(input);
    if (!csv.next())
        throw ImportError(path, 1, 0, "empty file");
    bool model = false;
    bool score = false;
    for (std::size_t c = 0; c < csv.size(); ++c) {
        model = model || csv.text(c) == "model";
        score = score || csv.text(c) == "score";
    }
    return model && score ? DatasetFormat::LongCsv : DatasetFormat::RouterBenchWide;
}

} // namespace

DatasetFormat detectFormat(const std::string& path)
{
    int first = -1;
    {
        TextInput input(path);
        for (first = input.peek(); first == ' ' || first == '\t' || first == '\r' || first == '\n'; first = input.peek())
            input.consume(input.pos() + 1);
    }
    if (first < 0)
        throw ImportError(path, 1, 0, "empty file");
    const std::string extension = lowerExtension(path);
    if (extension == ".jsonl" || extension == ".ndjson")
        return DatasetFormat::LongJsonl;
    if (extension == ".csv")
        return csvFormatFromHeader(path);
    if (first == '[')
        return DatasetFormat::ScoresJson;
    if (first == '{')
        return DatasetFormat::LongJsonl;
    if (extension == ".json")
        throw ImportError(path, 1, 0, "a .json file must start with '[' (scores JSON) or '{' (JSON lines)");
    return csvFormatFromHeader(path);
}

} // namespace routescope
