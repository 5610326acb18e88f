#include "report/report_folder.h"

#include "report/summary_csv.h"
#include "report/summary_latex.h"
#include "report/summary_table.h"
#include "util/text_file.h"

#include <sstream>
#include <stdexcept>

namespace routescope {

const std::vector<std::string>& reportFigures()
{
    static const std::vector<std::string> figures = {"frontier", "share"};
    return figures;
}

const std::vector<std::string>& reportFigureFormats()
{
    static const std::vector<std::string> formats = {"png", "pdf", "svg"};
    return formats;
}

void writeSummaryTables(const std::filesystem::path& csvPath, const ComparisonSummary& summary)
{
    writeTextFile(csvPath, summaryCsv(summary));
    std::filesystem::path texPath = csvPath;
    writeTextFile(texPath.replace_extension(".tex"), summaryLatex(summary));
}

std::string reportMarkdown(const ComparisonSummary& summary, const ReportDescription& d)
{
    std::ostringstream out;
    out << "# RouteScope report\n\n";
    out << "- Experiment: " << d.experiment << "\n";
    out << "- Project: " << d.project << "\n";
    out << "- Dataset: " << d.dataset << "\n";
    out << "- Split: " << d.split << "\n";
    if (!d.scenario.empty())
        out << "- Scenario: " << d.scenario << "\n";
    out << "- Budget policy: " << budgetPolicyName(d.policy) << "\n";
    out << "- Seeds:";
    for (const auto seed : d.seeds)
        out << " " << seed;
    out << "\n- Routers:";
    for (const auto& router : d.routers)
        out << " `" << router << "`";
    out << "\n- Models (cheapest first):";
    for (const auto& model : d.modelsByPrice)
        out << " " << model;
    out << "\n\nFigures: `frontier.{png,pdf,svg}`, `share.{png,pdf,svg}` (selection share of " << d.shareRouter
        << "). The metrics below, every router and baseline with its 95 % interval and the tests against the "
           "reference, are also in `metrics.csv` and, as a booktabs table, `metrics.tex`.\n\n";
    out << "```\n";
    writeSummaryTable(out, summary, d.dataset + ", " + d.split);
    out << "```\n";
    return out.str();
}

void writeReportFolder(const std::filesystem::path& dir, const ComparisonSummary& summary,
                       const ReportDescription& description,
                       const std::function<void(const std::filesystem::path& file, const std::string& figure)>& drawFigure)
{
    std::error_code error;
    std::filesystem::create_directories(dir, error);
    if (error || !std::filesystem::is_directory(dir))
        throw std::runtime_error(dir.string() + " could not be created: " + error.message());
    for (const auto& format : reportFigureFormats())
        for (const auto& figure : reportFigures())
            drawFigure(dir / (figure + "." + format), figure);
    writeSummaryTables(dir / "metrics.csv", summary);
    writeTextFile(dir / "summary.md", reportMarkdown(summary, description));
}

} // namespace routescope
