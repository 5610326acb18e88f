#pragma once
// What compare and evaluate write of a comparison summary: --json PATH (or "-": to standard
// output, then no table), --latex PATH, and the table on standard output.

#include "report/comparison_summary.h"
#include "util/json_writer.h"

#include <functional>
#include <optional>
#include <string>

namespace routescope::cli {

// Throws std::runtime_error naming a file that cannot be written. `moreKeys` adds JSON keys.
void writeSummaryOutputs(const ComparisonSummary& summary, const std::optional<std::string>& jsonPath,
                         const std::optional<std::string>& latexPath, const std::string& description,
                         const std::function<void(JsonWriter&)>& moreKeys = {});

} // namespace routescope::cli
