#pragma once
// The range of every number a project stores, checked on import, when a project is read back
// and by the project check. Beyond these a value is a unit mistake or damage, not data.

#include <cstdint>

namespace routescope::limits {

// Scores lie in [0, 1].
inline constexpr double kMaxScore = 1.0;
// USD for one query answered by one model (imported, or tokens x price).
inline constexpr double kMaxCost = 1e6;
// USD per million tokens in a price table.
inline constexpr double kMaxPrice = 1e6;
// Tokens of one prompt or one answer.
inline constexpr std::int64_t kMaxTokens = 1'000'000'000;
// The assumed answer length when a scores file has no responses (import --answer-tokens).
inline constexpr std::int64_t kMaxAnswerTokens = 10'000'000;
// Bytes of one prompt (queries.prompt_bytes); SQLite's own limit on a value is 1e9.
inline constexpr std::int64_t kMaxPromptBytes = 1'000'000'000;
// Seconds for one answer.
inline constexpr double kMaxLatency = 1e6;

} // namespace routescope::limits
