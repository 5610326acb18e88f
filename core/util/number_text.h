#pragma once
// Numbers from text, one way for every file format and command-line flag: whole numbers without
// overflow, and decimals whose underflow is a tiny number rather than an error; and the excerpt
// and letter-case helpers messages and header matching share.

#include <optional>
#include <string>
#include <string_view>

namespace routescope {

// "12", "+12", "-3": a whole decimal number that fits in 64 bits, nothing else.
std::optional<long long> parseWholeNumber(std::string_view text);

// "0.5", "-1e-3", "+2", "inf", "nan": the value, with 1e-400 read as 0 (underflow) and 1e400 as
// infinity (overflow), so callers judge range and finiteness; nothing for text that is no number.
std::optional<double> parseDecimal(std::string_view text);

// At most `limit` characters of `text` in single quotes, "..." marking a cut (never inside a
// UTF-8 character): how messages echo values from a file or the command line.
std::string quotedExcerpt(std::string_view text, std::size_t limit = 80);

// A stored number as messages show it: "%.10g" ("0.1", "1e+308", "nan").
std::string numberText(double value);

// ASCII letters in lower case, other bytes as they are: "Sample_ID" -> "sample_id".
std::string asciiLowercase(std::string_view text);

} // namespace routescope
