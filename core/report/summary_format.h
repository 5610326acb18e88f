#pragma once
// How a summary's numbers are written as text, the same in the CLI table, the workbench's table,
// its report and the LaTeX table: "0.9291±0.0019", "0.604 (1/3)", "not reached", "[0.921, 0.936]".

#include "report/comparison_summary.h"

#include <optional>
#include <string>

namespace routescope {

// Decimals per metric: 4 for qualities (AUC, AIQ, Peak), 3 for cost ratios, RCI and shares.
constexpr int kQualityDecimals = 4;
constexpr int kRatioDecimals = 3;

std::string formatNumber(double value, int decimals);
// Mean ± sample std over seeds, "(k/n)" when only k of n seeds reached it, "not reached", or "-"
// where the metric does not apply to the row.
std::string formatSeeds(const MetricSummary& summary, int decimals);
// "[lo, hi]", "[lo, not reached]" for an open upper end, "-" for none.
std::string formatInterval(const std::optional<ConfidenceInterval>& interval, int decimals, double scale = 1);
// Percent with one decimal: "-8.3 %".
std::string formatPercent(double fraction);
// Two decimals, three below 0.01: "0.41", "0.002".
std::string formatP(double p);
// A difference against the reference as one cell: "-0.0113 [-0.0150, -0.0076], p 0.002" or
// "..., p 0.41, not significant"; percent for savings; "not reached" where not defined.
std::string formatDifference(const Difference& difference, bool percent);

} // namespace routescope
