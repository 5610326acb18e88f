#pragma once
// A comparison summary as plain-text tables: what `routescope-cli compare` prints and the
// workbench's report repeats in summary.md. Three blocks: mean ± spread over seeds of every
// metric (routers, then the baselines), the 95 % bootstrap intervals, and each learned router
// against the reference.

#include "report/comparison_summary.h"

#include <ostream>
#include <string>

namespace routescope {

// description: where the data came from (a line of its own).
void writeSummaryTable(std::ostream& out, const ComparisonSummary& summary, const std::string& description);

} // namespace routescope
