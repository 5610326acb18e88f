#include "report/summary_csv.h"

#include <cstdio>
#include <vector>

namespace routescope {

namespace {

std::string number(const std::optional<double>& value)
{
    if (!value)
        return {};
    char text[32];
    std::snprintf(text, sizeof text, "%.10g", *value);
    return text;
}

std::string quote(std::string text)
{
    if (text.find_first_of(",\"\n") == std::string::npos)
        return text;
    std::string out = "\"";
    for (const char c : text)
        out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

void addEstimate(std::vector<std::string>& header, std::vector<std::vector<std::string>>& lines,
                 const std::string& title, const std::vector<const Estimate*>& estimates)
{
    header.insert(header.end(), {title, title + " std", title + " lo", title + " hi"});
    for (std::size_t i = 0; i < estimates.size(); ++i) {
        const Estimate& e = *estimates[i];
        lines[i].insert(lines[i].end(), {number(e.seeds.mean), number(e.seeds.stddev),
                                         number(e.ci95 ? std::optional<double>(e.ci95->lo) : std::nullopt),
                                         number(e.ci95 ? e.ci95->hi : std::nullopt)});
    }
}

void addDifference(std::vector<std::string>& cells, const Difference* d)
{
    cells.push_back(number(d ? d->estimate : std::nullopt));
    cells.push_back(number(d && d->ci95 ? std::optional<double>(d->ci95->lo) : std::nullopt));
    cells.push_back(number(d && d->ci95 ? d->ci95->hi : std::nullopt));
    cells.push_back(number(d ? d->p : std::nullopt));
}

} // namespace

std::string summaryCsv(const ComparisonSummary& summary)
{
    std::vector<std::string> header = {"Router", "Kind"};
    std::vector<std::vector<std::string>> lines;
    for (const auto& row : summary.rows)
        lines.push_back({quote(row.name), std::string(rowKindName(row.kind))});
    const std::pair<const char*, Estimate SummaryRow::*> estimates[] = {
        {"AUC", &SummaryRow::auc},           {"AIQ", &SummaryRow::aiq},         {"Peak", &SummaryRow::peak},
        {"QNC", &SummaryRow::qnc},           {"QNC@0.95", &SummaryRow::qnc95}, {"QNC@0.9", &SummaryRow::qnc90},
        {"RCI", &SummaryRow::rci},           {"Feasible RCI", &SummaryRow::feasibleRci}};
    for (const auto& [title, member] : estimates) {
        std::vector<const Estimate*> column;
        for (const auto& row : summary.rows)
            column.push_back(&(row.*member));
        addEstimate(header, lines, title, column);
    }
    const std::pair<const char*, MetricSummary SummaryRow::*> plain[] = {
        {"Top model share", &SummaryRow::topShare}, {"RCI@0.95", &SummaryRow::rciAt95},
        {"Top model share@0.95", &SummaryRow::topShareAt95}, {"Train s", &SummaryRow::trainSeconds}};
    for (const auto& [title, member] : plain) {
        header.push_back(title);
        for (std::size_t i = 0; i < summary.rows.size(); ++i)
            lines[i].push_back(number((summary.rows[i].*member).mean));
    }
    const std::string vs = "vs " + summary.reference + " ";
    for (const std::string what : {"AUC difference", "Saving@0.9", "Saving@0.95"})
        header.insert(header.end(), {quote(vs + what), quote(vs + what + " lo"), quote(vs + what + " hi"),
                                     quote(vs + what + " p")});
    for (std::size_t i = 0; i < summary.rows.size(); ++i) {
        const Versus* v = summary.versusOf(summary.rows[i].name);
        addDifference(lines[i], v ? &v->auc : nullptr);
        addDifference(lines[i], v ? &v->saving90 : nullptr);
        addDifference(lines[i], v ? &v->saving95 : nullptr);
    }
    std::string csv;
    auto join = [&csv](const std::vector<std::string>& cells) {
        for (std::size_t i = 0; i < cells.size(); ++i)
            csv += (i ? "," : "") + cells[i];
        csv += "\n";
    };
    join(header);
    for (const auto& line : lines)
        join(line);
    return csv;
}

} // namespace routescope
