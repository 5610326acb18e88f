#include "import/csv_reader.h"

#include "import/importer.h"

#include <algorithm>
#include <cstring>

namespace routescope {

bool CsvReader::next()
{
    for (;;) {
        count_ = 0;
        if (input_.peek() < 0)
            return false;
        bool more = true;
        while (more) {
            if (count_ == kMaxFields)
                fail(line_, "more than " + std::to_string(kMaxFields) + " cells in one record");
            if (count_ == fields_.size())
                fields_.emplace_back();
            const bool skip = count_ < skipped_.size() && skipped_[count_];
            more = readField(fields_[count_], skip);
            ++count_;
        }
        const bool blank = count_ == 1 && !fields_[0].quoted && fields_[0].bytes == 0;
        if (!blank)
            return true;
    }
}

void CsvReader::append(CsvField& field, bool skip, const char* from, const char* to)
{
    field.bytes += static_cast<std::size_t>(to - from);
    if (skip)
        return;
    if (field.bytes > kMaxCellBytes)
        fail(field.line, "cell larger than the " + std::to_string(kMaxCellBytes >> 20) + " MiB limit");
    field.text.append(from, to);
}

bool CsvReader::readField(CsvField& field, bool skip)
{
    field.text.clear();
    field.bytes = 0;
    field.line = line_;
    field.quoted = input_.peek() == '"';
    if (!field.quoted) {
        for (;;) {
            const char* p = input_.pos();
            const char* end = input_.end();
            while (p != end && *p != ',' && *p != '\n' && *p != '"' && *p != '\r')
                ++p;
            append(field, skip, input_.pos(), p);
            input_.consume(p);
            const int c = input_.peek();
            if (c < 0)
                return false;
            if (c == ',') {
                input_.consume(input_.pos() + 1);
                return true;
            }
            if (c == '\n') {
                input_.consume(input_.pos() + 1);
                ++line_;
                return false;
            }
            if (c == '"')
                fail(line_, "quote inside an unquoted field (quote the whole field and double the quote)");
            if (c != '\r')
                continue; // the window ended mid-field
            // A carriage return ends the record when a line feed follows. A bare one is an old Mac
            // line end or a stray byte: either way the rows would run together, so say so.
            input_.consume(input_.pos() + 1);
            if (input_.peek() != '\n')
                fail(line_, "carriage return without a line feed (old Mac or mixed line ends): save the file "
                            "with LF or CRLF line ends, or quote a field that holds a carriage return");
            input_.consume(input_.pos() + 1);
            ++line_;
            return false;
        }
    }

    input_.consume(input_.pos() + 1); // opening quote
    for (;;) {
        const char* end = input_.end();
        const auto* quote = static_cast<const char*>(std::memchr(input_.pos(), '"', std::size_t(end - input_.pos())));
        const char* p = quote ? quote : end;
        line_ += std::count(input_.pos(), p, '\n'); // counted apart: both scans vectorise
        append(field, skip, input_.pos(), p);
        input_.consume(p);
        const int stop = input_.peek();
        if (stop < 0)
            fail(field.line, "unterminated quoted field (the closing quote is missing)");
        if (stop != '"')
            continue; // the window ended inside the field
        input_.consume(input_.pos() + 1); // a quote: either doubled or closing
        const int c = input_.peek();
        if (c == '"') {
            static const char quote = '"';
            append(field, skip, &quote, &quote + 1);
            input_.consume(input_.pos() + 1);
            continue;
        }
        if (c < 0)
            return false;
        if (c == ',') {
            input_.consume(input_.pos() + 1);
            return true;
        }
        if (c == '\n' || c == '\r') {
            input_.consume(input_.pos() + 1);
            if (c == '\r' && input_.peek() != '\n')
                fail(line_, "unexpected carriage return after a closing quote");
            if (c == '\r')
                input_.consume(input_.pos() + 1);
            ++line_;
            return false;
        }
        fail(line_, "unexpected text after a closing quote (a quote inside a quoted field must be doubled)");
    }
}

void CsvReader::fail(std::int64_t line, const std::string& problem) const
{
    throw ImportError(input_.path(), line, static_cast<std::int64_t>(count_ + 1), problem);
}

} // namespace routescope
