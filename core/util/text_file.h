#pragma once
// Writing a whole text file, one way for every export (tables, JSON, LaTeX, report summaries):
// written in full or an error that names the file.

#include <filesystem>
#include <string>

namespace routescope {

// Writes `text` to `path` byte for byte (no newline translation); throws std::runtime_error
// "cannot write PATH" when the file cannot be opened or written.
void writeTextFile(const std::filesystem::path& path, const std::string& text);

} // namespace routescope
