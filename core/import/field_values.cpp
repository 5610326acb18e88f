#include "import/field_values.h"

#include "import/importer.h"

#include <charconv>
#include <cmath>

namespace routescope {

namespace {

std::string_view trim(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
        s.remove_suffix(1);
    return s;
}

std::string quoted(std::string_view s)
{
    constexpr std::size_t kShown = 40;
    return "'" + std::string(s.substr(0, kShown)) + (s.size() > kShown ? "...'" : "'");
}

std::optional<double> parseNumber(std::string_view s)
{
    if (!s.empty() && s.front() == '+')
        s.remove_prefix(1);
    double value = 0;
    const auto result = std::from_chars(s.data(), s.data() + s.size(), value);
    if (result.ec != std::errc() || result.ptr != s.data() + s.size())
        return std::nullopt;
    return value;
}

void checkMeasure(double value, const std::string& shown, const std::string& what, Range range, const SourcePlace& place)
{
    if (std::isnan(value))
        throw ImportError(place.file, place.line, place.column, what + " is NaN; leave the cell empty for a missing value");
    if (!std::isfinite(value))
        throw ImportError(place.file, place.line, place.column, what + " " + shown + " is not finite");
    if (range == Range::NonNegative && value < 0)
        throw ImportError(place.file, place.line, place.column, what + " " + shown + " is negative");
    if (range == Range::UnitInterval && (value < 0 || value > 1))
        throw ImportError(place.file, place.line, place.column, what + " " + shown + " is outside [0, 1]");
}

} // namespace

std::optional<double> parseMeasureCell(std::string_view cell, const std::string& what, Range range, const SourcePlace& place)
{
    cell = trim(cell);
    if (cell.empty())
        return std::nullopt;
    const auto value = parseNumber(cell);
    if (!value)
        throw ImportError(place.file, place.line, place.column, what + " " + quoted(cell) + " is not a number");
    checkMeasure(*value, quoted(cell), what, range, place);
    return value;
}

std::optional<double> measureFromJson(const JsonValue& value, const std::string& what, Range range, const std::string& file)
{
    if (value.type == JsonValue::Type::Null)
        return std::nullopt;
    const SourcePlace place{file, value.line, value.column};
    if (value.type != JsonValue::Type::Number)
        throw ImportError(file, value.line, value.column, what + " must be a number, not " + value.typeName());
    checkMeasure(value.number, value.text, what, range, place);
    return value.number;
}

std::optional<std::int64_t> parseCountCell(std::string_view cell, const std::string& what, const SourcePlace& place)
{
    cell = trim(cell);
    if (cell.empty())
        return std::nullopt;
    std::int64_t count = 0;
    const auto result = std::from_chars(cell.data(), cell.data() + cell.size(), count);
    if (result.ec != std::errc() || result.ptr != cell.data() + cell.size() || count < 0)
        throw ImportError(place.file, place.line, place.column, what + " " + quoted(cell) + " is not a whole number >= 0");
    return count;
}

std::optional<std::int64_t> countFromJson(const JsonValue& value, const std::string& what, const std::string& file)
{
    if (value.type == JsonValue::Type::Null)
        return std::nullopt;
    if (value.type != JsonValue::Type::Number || !std::isfinite(value.number) || value.number < 0 ||
        value.number != std::floor(value.number))
        throw ImportError(file, value.line, value.column, what + " must be a whole number >= 0");
    return static_cast<std::int64_t>(value.number);
}

std::vector<float> parseEmbeddingCell(std::string_view cell, const SourcePlace& place)
{
    cell = trim(cell);
    if (cell.size() < 2 || cell.front() != '[' || cell.back() != ']')
        throw ImportError(place.file, place.line, place.column, "embedding must be a JSON array of numbers like [0.1, 0.2]");
    cell = cell.substr(1, cell.size() - 2);
    std::vector<float> values;
    if (trim(cell).empty())
        throw ImportError(place.file, place.line, place.column, "embedding is empty");
    for (;;) {
        const auto comma = cell.find(',');
        const auto item = trim(cell.substr(0, comma));
        const auto value = parseNumber(item);
        if (!value || !std::isfinite(*value))
            throw ImportError(place.file, place.line, place.column,
                              "embedding element " + std::to_string(values.size()) + " " + quoted(item) + " is not a finite number");
        values.push_back(static_cast<float>(*value));
        if (comma == std::string_view::npos)
            break;
        cell.remove_prefix(comma + 1);
    }
    return values;
}

std::vector<float> embeddingFromJson(const JsonValue& value, const std::string& file)
{
    if (value.type != JsonValue::Type::Array || value.items.empty())
        throw ImportError(file, value.line, value.column, "embedding must be a non-empty array of numbers");
    std::vector<float> values;
    values.reserve(value.items.size());
    for (const auto& item : value.items) {
        if (item.type != JsonValue::Type::Number || !std::isfinite(item.number))
            throw ImportError(file, item.line, item.column, "embedding element " + std::to_string(values.size()) + " is not a finite number");
        values.push_back(static_cast<float>(item.number));
    }
    return values;
}

std::int64_t estimateTokens(std::size_t utf8Bytes)
{
    return static_cast<std::int64_t>((utf8Bytes + 3) / 4);
}

std::string idFromJson(const JsonValue& value, const std::string& what, const std::string& file)
{
    if ((value.type == JsonValue::Type::String && !value.text.empty()) ||
        (value.type == JsonValue::Type::Number && std::isfinite(value.number)))
        return value.text;
    throw ImportError(file, value.line, value.column, what + " must be a non-empty string or a number");
}

} // namespace routescope
