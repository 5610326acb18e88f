// Chooses an importer from the file's extension and its first chunk: its first bytes or CSV header.

#include "import/csv_reader.h"
#include "import/import_session.h"
#include "util/number_text.h"

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

// A long CSV names its model in a column; a wide one has a column per model. Read from the
// head alone: a header longer than the first chunk is a wide one.
DatasetFormat csvFormatFromHeader(const std::string& path, std::string_view head)
{
    TextInput input(path, head);
    CsvReader csv(input);
    bool model = false;
    bool score = false;
    try {
        if (!csv.next())
            return DatasetFormat::RouterBenchWide;
    } catch (const ImportError&) {
        return DatasetFormat::RouterBenchWide; // the importer reports the problem with its place
    }
    for (std::size_t c = 0; c < csv.size(); ++c) {
        model = model || asciiLowercase(csv.text(c)) == "model";
        score = score || asciiLowercase(csv.text(c)) == "score";
    }
    return model && score ? DatasetFormat::LongCsv : DatasetFormat::RouterBenchWide;
}

} // namespace

DatasetFormat detectFormat(TextInput& input)
{
    const std::string& path = input.path();
    const std::string_view head = input.head();
    const auto start = head.find_first_not_of(" \t\r\n");
    if (start == std::string_view::npos) {
        if (head.size() == TextInput::kChunkBytes)
            throw ImportError(path, 1, 0, "the first MiB is only white space");
        throw ImportError(path, 1, 0, "empty file");
    }
    const char first = head[start];
    const std::string extension = lowerExtension(path);
    if (extension == ".jsonl" || extension == ".ndjson")
        return DatasetFormat::LongJsonl;
    if (extension == ".csv")
        return csvFormatFromHeader(path, head);
    if (first == '[')
        return DatasetFormat::ScoresJson;
    if (first == '{')
        return DatasetFormat::LongJsonl;
    if (extension == ".json")
        throw ImportError(path, 1, 0, "a .json file must start with '[' (scores JSON) or '{' (JSON lines)");
    return csvFormatFromHeader(path, head);
}

} // namespace routescope
