#include "util/number_text.h"

#include "util/utf8.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>

namespace routescope {

namespace {

// from_chars takes no leading '+': drop one, unless a sign follows it.
bool dropPlus(std::string_view& text)
{
    if (text.empty() || text.front() != '+')
        return true;
    text.remove_prefix(1);
    return !text.empty() && text.front() != '-' && text.front() != '+';
}

} // namespace

std::optional<long long> parseWholeNumber(std::string_view text)
{
    if (!dropPlus(text))
        return std::nullopt;
    long long value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc() || end != text.data() + text.size())
        return std::nullopt;
    return value;
}

std::optional<double> parseDecimal(std::string_view text)
{
    if (!dropPlus(text) || text.empty())
        return std::nullopt;
    double value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (end != text.data() + text.size())
        return std::nullopt;
    if (error == std::errc::result_out_of_range) {
        // from_chars leaves the value unset; strtod tells overflow (HUGE_VAL) from underflow (~0).
        const std::string copy(text);
        return std::strtod(copy.c_str(), nullptr);
    }
    if (error != std::errc())
        return std::nullopt;
    return value;
}

std::string quotedExcerpt(std::string_view text, std::size_t limit)
{
    if (text.size() <= limit)
        return "'" + std::string(text) + "'";
    return "'" + std::string(utf8::prefix(text, limit)) + "...' (" + std::to_string(text.size()) + " bytes)";
}

std::string asciiLowercase(std::string_view text)
{
    std::string lower(text);
    for (auto& c : lower)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    return lower;
}

std::string numberText(double value)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.10g", value);
    return text;
}

} // namespace routescope
