#pragma once
// A dataset's outcomes as stored since schema 5 (4 added what-if scenarios): per model, one blob per measure (score, cost,
// input and output tokens, latency) holding a float64 per query in query position order, NaN
// where the value is missing, and NULL for a measure with no value at all. Reading or writing a
// dataset is then a few large values rather than a row per query and model. Blobs are
// little-endian, as on every machine RouteScope builds for.

#include "store/sqlite.h"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace routescope::outcome_columns {

// The measures in table model_outcomes, in column order.
inline constexpr const char* kScores = "scores";
inline constexpr const char* kCosts = "costs";
inline constexpr const char* kInputTokens = "input_tokens";
inline constexpr const char* kOutputTokens = "output_tokens";
inline constexpr const char* kLatencies = "latencies";

// The blob of a column (NaN: missing); empty when every value is missing, to store as NULL.
std::string encode(const std::vector<double>& values);
// `queries` values from a blob of `bytes` (null data: all missing); nullopt when its size is not
// queries x 8 bytes.
std::optional<std::vector<double>> decode(const void* data, std::size_t bytes, std::size_t queries);

// Registers on a project connection the SQL aggregate routescope_outcome_column(position, value),
// which builds a column's blob from a row per query, for the migration from schema 4: NULL values
// are missing, values that are no number become +infinity, so the project check still names
// them as out of range.
void registerFunctions(sqlite::Database& db);

} // namespace routescope::outcome_columns
