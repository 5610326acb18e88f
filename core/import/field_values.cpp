#include "import/field_values.h"

#include "import/importer.h"

#include "store/value_limits.h"
#include "util/number_text.h"

#include <cmath>
#include <cstdio>
#include <limits>

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

std::string quoted(std::string_view s) { return quotedExcerpt(s, 40); }

// "$1,000,000 per query": a limit as messages show it.
std::string limitText(Range range)
{
    switch (range) {
    case Range::Cost: return "$1,000,000 per query";
    case Range::Price: return "$1,000,000 per million tokens";
    case Range::Latency: return "1,000,000 seconds";
    case Range::Score:
    case Range::Embedding: break;
    }
    return {};
}

double upperLimit(Range range)
{
    switch (range) {
    case Range::Score: return limits::kMaxScore;
    case Range::Cost: return limits::kMaxCost;
    case Range::Price: return limits::kMaxPrice;
    case Range::Latency: return limits::kMaxLatency;
    case Range::Embedding: break;
    }
    return std::numeric_limits<float>::max();
}

void checkMeasure(double value, const std::string& shown, const std::string& what, Range range, const SourcePlace& place)
{
    auto fail = [&](const std::string& problem) { throw ImportError(place.file, place.line, place.column, what + problem); };
    if (std::isnan(value))
        fail(" is NaN; leave the cell empty for a missing value");
    if (!std::isfinite(value))
        fail(" " + shown + " is not finite");
    if (range == Range::Score && (value < 0 || value > limits::kMaxScore))
        fail(" " + shown + " is outside [0, 1]");
    if (range == Range::Embedding && std::abs(value) > upperLimit(range))
        fail(" " + shown + " does not fit a 32-bit float");
    if (range != Range::Embedding && value < 0)
        fail(" " + shown + " is negative");
    if (value > upperLimit(range))
        fail(" " + shown + " is above the limit of " + limitText(range));
}

} // namespace

std::optional<double> parseMeasureCell(std::string_view cell, const std::string& what, Range range, const SourcePlace& place)
{
    cell = trim(cell);
    if (cell.empty())
        return std::nullopt;
    const auto value = parseDecimal(cell);
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
    checkMeasure(value.number, value.text.size() > 80 ? quotedExcerpt(value.text) : value.text, what, range, place);
    return value.number;
}

std::optional<std::int64_t> parseCountCell(std::string_view cell, const std::string& what, const SourcePlace& place)
{
    cell = trim(cell);
    if (cell.empty())
        return std::nullopt;
    const auto count = parseWholeNumber(cell);
    if (!count || *count < 0)
        throw ImportError(place.file, place.line, place.column, what + " " + quoted(cell) + " is not a whole number >= 0");
    if (*count > limits::kMaxTokens)
        throw ImportError(place.file, place.line, place.column, what + " " + quoted(cell) + " is above the limit of 1,000,000,000 tokens");
    return *count;
}

std::optional<std::int64_t> countFromJson(const JsonValue& value, const std::string& what, const std::string& file)
{
    if (value.type == JsonValue::Type::Null)
        return std::nullopt;
    if (value.type != JsonValue::Type::Number || !std::isfinite(value.number) || value.number < 0 ||
        value.number != std::floor(value.number))
        throw ImportError(file, value.line, value.column, what + " must be a whole number >= 0");
    if (value.number > static_cast<double>(limits::kMaxTokens))
        throw ImportError(file, value.line, value.column, what + " " + quotedExcerpt(value.text) + " is above the limit of 1,000,000,000 tokens");
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
        const auto value = parseDecimal(item);
        if (!value || !std::isfinite(static_cast<float>(*value)))
            throw ImportError(place.file, place.line, place.column,
                              "embedding element " + std::to_string(values.size()) + " " + quoted(item) +
                                  " is not a finite number a 32-bit float can hold");
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
        if (item.type != JsonValue::Type::Number || !std::isfinite(static_cast<float>(item.number)))
            throw ImportError(file, item.line, item.column, "embedding element " + std::to_string(values.size()) +
                                                                " is not a finite number a 32-bit float can hold");
        values.push_back(static_cast<float>(item.number));
    }
    return values;
}

double costFromTokens(std::int64_t inputTokens, double inputPrice, std::int64_t outputTokens, double outputPrice,
                      const std::string& what, const SourcePlace& place)
{
    const double cost = (static_cast<double>(inputTokens) * inputPrice + static_cast<double>(outputTokens) * outputPrice) / 1e6;
    if (!std::isfinite(cost) || cost < 0 || cost > limits::kMaxCost) {
        char text[64];
        std::snprintf(text, sizeof text, "%.6g", cost);
        throw ImportError(place.file, place.line, place.column,
                          what + " (" + std::to_string(inputTokens) + " input tokens x $" + std::to_string(inputPrice) +
                              " + " + std::to_string(outputTokens) + " output tokens x $" + std::to_string(outputPrice) +
                              " per million) is $" + text + ", above the limit of " + limitText(Range::Cost));
    }
    return cost;
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
