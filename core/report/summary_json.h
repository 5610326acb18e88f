#pragma once
// A comparison summary as the JSON of `routescope-cli compare --json` (README: the keys).

#include "report/comparison_summary.h"
#include "util/json_writer.h"

namespace routescope {

void writeJson(JsonWriter& json, const ComparisonSummary& summary);

} // namespace routescope
