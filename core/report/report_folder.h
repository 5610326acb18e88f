#pragma once
// A report folder as the workbench's File > Export Report writes it: each figure as PNG, PDF and
// SVG, the metrics as CSV with a booktabs LaTeX table beside it, and summary.md (the experiment's
// settings and the summary's tables). The figures are drawn by the caller, who has the plots.

#include "evaluation/budget_policy.h"
#include "report/comparison_summary.h"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace routescope {

// What summary.md says of the experiment.
struct ReportDescription {
    std::string experiment;
    std::string project;
    std::string dataset;
    std::string split;
    BudgetPolicy policy = BudgetPolicy::CostThreshold;
    std::vector<std::uint64_t> seeds;
    std::vector<std::string> routers;
    std::vector<std::string> modelsByPrice; // cheapest first
    std::string shareRouter;                // the router of the selection-share figure
    std::string scenario;                   // a what-if scenario the figures are under, or ""
};

// The report's figures by name ("frontier", "share") and the formats each is written in.
const std::vector<std::string>& reportFigures();
const std::vector<std::string>& reportFigureFormats();

// Writes `csvPath` and the LaTeX table beside it (same name, .tex). Throws std::runtime_error
// naming a file that could not be written.
void writeSummaryTables(const std::filesystem::path& csvPath, const ComparisonSummary& summary);

std::string reportMarkdown(const ComparisonSummary& summary, const ReportDescription& description);

// Creates `dir` (and its parents) if missing, then calls drawFigure(file, figure) for each figure
// and format, and writes metrics.csv, metrics.tex and summary.md. Throws std::runtime_error
// naming what failed (drawFigure throws to stop).
void writeReportFolder(const std::filesystem::path& dir, const ComparisonSummary& summary,
                       const ReportDescription& description,
                       const std::function<void(const std::filesystem::path& file, const std::string& figure)>& drawFigure);

} // namespace routescope
