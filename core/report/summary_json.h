#pragma once
// A comparison summary as the JSON of `routescope-cli compare --json` (README: the keys).

#include "report/comparison_summary.h"
#include "util/json_writer.h"

#include <functional>

namespace routescope {

// `moreKeys` writes further keys of the object, after the summary's (evaluate's "scenario").
void writeJson(JsonWriter& json, const ComparisonSummary& summary, const std::function<void(JsonWriter&)>& moreKeys = {});

} // namespace routescope
