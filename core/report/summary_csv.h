#pragma once
// A comparison summary as CSV, one line per row (routers, then baselines): every metric's seed
// mean and sample std, its 95 % interval where bootstrapped, and the row against the reference.
// Empty cells: not reached, or not applicable to the row.

#include "report/comparison_summary.h"

#include <string>

namespace routescope {

std::string summaryCsv(const ComparisonSummary& summary);

} // namespace routescope
