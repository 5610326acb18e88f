#include "report/summary_table.h"

#include "report/summary_format.h"
#include "util/utf8.h"

#include <algorithm>
#include <functional>
#include <vector>

namespace routescope {

namespace {

std::string pad(const std::string& text, std::size_t width)
{
    const std::size_t length = utf8::characterCount(text); // "±" is two bytes
    return text + std::string(length < width ? width - length : 1, ' ');
}

class Table {
public:
    explicit Table(std::vector<std::string> header) { lines_.push_back(std::move(header)); }
    void add(std::vector<std::string> cells) { lines_.push_back(std::move(cells)); }
    void rule(const std::string& text) { lines_.push_back({text}); }

    void write(std::ostream& out) const
    {
        std::vector<std::size_t> widths;
        for (const auto& line : lines_) {
            if (line.size() == 1 && lines_.front().size() > 1)
                continue; // a rule spans the table
            widths.resize(std::max(widths.size(), line.size()), 0);
            for (std::size_t i = 0; i < line.size(); ++i)
                widths[i] = std::max(widths[i], utf8::characterCount(line[i]) + 2);
        }
        for (const auto& line : lines_) {
            std::string text;
            for (std::size_t i = 0; i < line.size(); ++i)
                text += i + 1 < line.size() ? pad(line[i], widths[i]) : line[i];
            out << text << "\n";
        }
    }

private:
    std::vector<std::vector<std::string>> lines_;
};

void writeRows(Table& table, const ComparisonSummary& summary,
               const std::function<std::vector<std::string>(const SummaryRow&)>& cells)
{
    bool baselines = false;
    for (const auto& row : summary.rows) {
        if (row.kind != RowKind::Router && !baselines) {
            table.rule("-- baselines --");
            baselines = true;
        }
        auto line = cells(row);
        line.insert(line.begin(), row.name);
        table.add(std::move(line));
    }
}

std::string referenceWhy(const ComparisonSummary& summary, bool chosen)
{
    if (chosen)
        return "chosen with --reference";
    return summary.reference == "zero" ? "no regression router: the zero router"
                                       : "the regression router with the highest mean AUC";
}

} // namespace

void writeSummaryTable(std::ostream& out, const ComparisonSummary& summary, const std::string& description)
{
    out << "data: " << description << "\n";
    out << "policy: " << budgetPolicyName(summary.policy) << ", seeds:";
    for (const auto s : summary.seeds)
        out << " " << s;
    out << ", " << summary.budgets << " budgets\n";
    const auto& names = summary.modelNames;
    out << "best single model: " << names[std::size_t(summary.bestModel)] << ", quality "
        << formatNumber(summary.bestSingle.quality, kQualityDecimals) << ", cost $"
        << formatNumber(summary.bestSingle.cost, 6) << " per query (highest mean quality"
        << (summary.seeds.size() > 1 ? " over the seeds" : "") << "); top-score ties on "
        << formatNumber(100 * summary.topTieRate, 1) << "% of queries; most expensive: "
        << names[std::size_t(summary.mostExpensiveModel)] << "\n\n";

    Table metrics({"router", "AUC", "AIQ", "Peak", "QNC", "QNC@0.95", "QNC@0.9", "RCI", "top share", "RCI@0.95",
                   "top@0.95", "train s"});
    writeRows(metrics, summary, [](const SummaryRow& r) {
        return std::vector<std::string>{
            formatSeeds(r.auc.seeds, kQualityDecimals),  formatSeeds(r.aiq.seeds, kQualityDecimals),
            formatSeeds(r.peak.seeds, kQualityDecimals), formatSeeds(r.qnc.seeds, kRatioDecimals),
            formatSeeds(r.qnc95.seeds, kRatioDecimals),  formatSeeds(r.qnc90.seeds, kRatioDecimals),
            formatSeeds(r.rci.seeds, kRatioDecimals),    formatSeeds(r.topShare, kRatioDecimals),
            formatSeeds(r.rciAt95, kRatioDecimals),      formatSeeds(r.topShareAt95, kRatioDecimals),
            formatSeeds(r.trainSeconds, 2)};
    });
    metrics.write(out);
    out << "\nmean ± sample std over seeds; (k/n): reached by k of n seeds. QNC: cost to reach the best single\n"
           "model's quality over its cost (@q: q times that quality; lower is better). RCI: routing collapse index\n"
           "at the largest budget; top share: share of the most expensive model there. RCI@0.95, top@0.95: the same\n"
           "at the first budget reaching 95 % of the best single model's quality. zero: single models mixed at random.\n";

    if (summary.hasIntervals()) {
        out << "\n95 % intervals: paired bootstrap, " << summary.bootstrap.resamples
            << " resamples of the test queries (seed " << summary.bootstrap.seed << ")"
            << (summary.seeds.size() > 1 ? ", seeds resampled too" : "") << "; docs/statistics.md\n\n";
        Table intervals({"router", "AUC", "Peak", "QNC@0.95", "QNC@0.9", "RCI"});
        writeRows(intervals, summary, [](const SummaryRow& r) {
            return std::vector<std::string>{formatInterval(r.auc.ci95, kQualityDecimals),
                                            formatInterval(r.peak.ci95, kQualityDecimals),
                                            formatInterval(r.qnc95.ci95, kRatioDecimals),
                                            formatInterval(r.qnc90.ci95, kRatioDecimals),
                                            formatInterval(r.rci.ci95, kRatioDecimals)};
        });
        intervals.write(out);
    }

    if (!summary.versus.empty()) {
        out << "\nagainst " << summary.reference << " (" << referenceWhy(summary, summary.referenceChosen)
            << "): difference of seed means"
            << (summary.hasIntervals() ? ", 95 % interval, two-sided p" : " (no bootstrap: no intervals)") << "\n\n";
        Table versus({"router", "AUC difference", "cost saving at 90 % quality", "cost saving at 95 % quality"});
        for (const auto& v : summary.versus)
            versus.add({v.router, formatDifference(v.auc, false), formatDifference(v.saving90, true),
                        formatDifference(v.saving95, true)});
        versus.write(out);
        out << "\ncost saving: 1 - cost / the reference's cost to reach that fraction of the best single model's\n"
               "quality.";
        if (summary.hasIntervals())
            out << " Significant: p < 0.05 (the 95 % interval excludes 0); otherwise the table says so.";
        out << "\n";
    }
}

} // namespace routescope
