#pragma once
// A streaming RFC 4180 record reader: quoted fields may hold commas, "" and line breaks;
// each field remembers the physical line it starts on, so errors can point at it.

#include "import/text_input.h"

#include <cstdint>
#include <string>
#include <vector>

namespace routescope {

struct CsvField {
    std::string text;        // empty when the column is skipped
    std::size_t bytes = 0;   // length of the field's value, kept even for skipped columns
    std::int64_t line = 0;   // 1-based physical line where the field starts
    bool quoted = false;
};

class CsvReader {
public:
    // Memory stays bounded on hostile input (say, a 1 GB line): a kept cell may hold at most
    // kMaxCellBytes and a record at most kMaxFields cells; beyond that the read fails.
    static constexpr std::size_t kMaxCellBytes = 16 << 20;
    static constexpr std::size_t kMaxFields = 100000;

    explicit CsvReader(TextInput& input) : input_(input) {}

    // Reads the next record, skipping blank lines. False at end of file. Throws ImportError
    // for broken quoting or a limit passed; the column of such errors is the 1-based field number.
    bool next();

    std::size_t size() const { return count_; }
    const CsvField& field(std::size_t index) const { return fields_[index]; }
    const std::string& text(std::size_t index) const { return fields_[index].text; }
    std::int64_t recordLine() const { return count_ ? fields_[0].line : line_; }
    // The physical line the reader has reached.
    std::int64_t line() const { return line_; }

    // Columns whose text is not needed (e.g. model responses): only their length is kept.
    void setSkipped(std::vector<bool> skipped) { skipped_ = std::move(skipped); }

private:
    // Reads one field starting at the current position; returns false when the record ends after it.
    bool readField(CsvField& field, bool skip);
    void append(CsvField& field, bool skip, const char* from, const char* to);
    [[noreturn]] void fail(std::int64_t line, const std::string& problem) const;

    TextInput& input_;
    std::vector<CsvField> fields_; // reused between records to keep their buffers
    std::size_t count_ = 0;
    std::vector<bool> skipped_;
    std::int64_t line_ = 1;
};

} // namespace routescope
