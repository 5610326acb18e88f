#pragma once
// Cell text as RouterBench's pandas-written CSV holds it: Python reprs inside RFC 4180 fields.

#include <string>
#include <string_view>

namespace routescope {

// Python's repr of a str: single quotes unless the text holds ' and no ", escapes \\ \n \r \t,
// the quote and other control bytes; UTF-8 passes through as Python keeps printable text.
std::string pythonStringRepr(std::string_view text);

// Python's repr of a one-element list of str, as RouterBench stores prompts and responses.
std::string pythonListRepr(std::string_view text);

// Python's repr of a float: shortest round-trip digits, fixed notation for exponents -4..15.
std::string pythonFloatRepr(double value);

// RFC 4180: quoted, with doubled quotes, when the text holds a comma, quote, CR or LF.
std::string csvField(std::string_view text);

} // namespace routescope
