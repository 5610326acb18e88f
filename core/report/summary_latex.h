#pragma once
// A comparison summary as a booktabs LaTeX table for a paper: each figure as the seed mean with
// its 95 % bootstrap interval (mean ± seed std without bootstrap), differences against the
// reference marked by significance, the baselines below a rule. Needs \usepackage{booktabs}.

#include "report/comparison_summary.h"

#include <string>

namespace routescope {

std::string summaryLatex(const ComparisonSummary& summary);

} // namespace routescope
