#pragma once
// Turns CSV cells and JSON values into checked numbers, and estimates token counts, with one
// error wording for every format.

#include "import/json_reader.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace routescope {

// Where a value sits in its file, for error messages.
struct SourcePlace {
    const std::string& file;
    std::int64_t line;
    std::int64_t column;
};

// Which finite values a measure accepts (store/value_limits.h): scores lie in [0, 1]; costs,
// prices and latencies in [0, their limit]; embedding values anywhere a float can hold.
enum class Range { Embedding, Score, Cost, Price, Latency };

// An empty (or blank) cell is nothing; text, NaN, infinities and values outside `range` throw
// ImportError naming `what`.
std::optional<double> parseMeasureCell(std::string_view cell, const std::string& what, Range range,
                                       const SourcePlace& place);
// The same for a JSON value; null is nothing.
std::optional<double> measureFromJson(const JsonValue& value, const std::string& what, Range range,
                                      const std::string& file);

// A whole count of tokens in [0, limits::kMaxTokens]; empty cell or null is nothing.
std::optional<std::int64_t> parseCountCell(std::string_view cell, const std::string& what, const SourcePlace& place);
std::optional<std::int64_t> countFromJson(const JsonValue& value, const std::string& what, const std::string& file);

// An embedding given as a JSON array of numbers, in a CSV cell or a JSON value.
std::vector<float> parseEmbeddingCell(std::string_view cell, const SourcePlace& place);
std::vector<float> embeddingFromJson(const JsonValue& value, const std::string& file);

// Throws ImportError unless tokens x price gives a cost in range: the check of every cost
// derived from a price table.
double costFromTokens(std::int64_t inputTokens, double inputPrice, std::int64_t outputTokens, double outputPrice,
                      const std::string& what, const SourcePlace& place);

// Token estimate used wherever a file has text but no token counts: one token per four UTF-8
// bytes, rounded up (about four characters per token for English text).
std::int64_t estimateTokens(std::size_t utf8Bytes);

// A JSON string or number as identifier text ("q1", 17 -> "17").
std::string idFromJson(const JsonValue& value, const std::string& what, const std::string& file);

} // namespace routescope
