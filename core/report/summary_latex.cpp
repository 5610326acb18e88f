#include "report/summary_latex.h"

#include "report/summary_format.h"

#include <sstream>
#include <vector>

namespace routescope {

namespace {

std::string escape(const std::string& text)
{
    std::string out;
    for (const char c : text) {
        switch (c) {
        case '_': case '%': case '&': case '#': case '$': case '{': case '}': out += std::string("\\") + c; break;
        case '~': out += "\\textasciitilde{}"; break;
        case '^': out += "\\textasciicircum{}"; break;
        case '\\': out += "\\textbackslash{}"; break;
        default: out += c;
        }
    }
    return out;
}

std::string math(const std::string& number) { return "$" + number + "$"; }

// "$0.9291$ {\scriptsize[$0.9210$, $0.9360$]}", "$0.9291 \pm 0.0019$", "n.r." (not reached), "--".
std::string cell(const Estimate& e, int decimals)
{
    const MetricSummary& s = e.seeds;
    if (s.seeds == 0)
        return "--";
    if (!s.mean)
        return "n.r.";
    std::string text = formatNumber(*s.mean, decimals);
    if (e.ci95)
        return math(text) + " {\\scriptsize[" + math(formatNumber(e.ci95->lo, decimals)) + ", " +
               (e.ci95->hi ? math(formatNumber(*e.ci95->hi, decimals)) : std::string("n.r.")) + "]}";
    if (s.stddev)
        text += " \\pm " + formatNumber(*s.stddev, decimals);
    return math(text);
}

std::string plain(const MetricSummary& s, int decimals)
{
    if (s.seeds == 0)
        return "--";
    return s.mean ? math(formatNumber(*s.mean, decimals)) : "n.r.";
}

std::string stars(const Difference& d)
{
    if (!d.p || *d.p >= 0.05)
        return "";
    return *d.p < 0.01 ? "^{**}" : "^{*}";
}

std::string difference(const Difference& d, bool percent)
{
    if (!d.estimate)
        return "n.r.";
    const double scale = percent ? 100 : 1;
    const int decimals = percent ? 1 : kQualityDecimals;
    std::string text = math(formatNumber(*d.estimate * scale, decimals) + stars(d));
    if (d.ci95 && d.ci95->hi)
        text += " {\\scriptsize[" + math(formatNumber(d.ci95->lo * scale, decimals)) + ", " +
                math(formatNumber(*d.ci95->hi * scale, decimals)) + "]}";
    return text;
}

} // namespace

std::string summaryLatex(const ComparisonSummary& summary)
{
    std::ostringstream out;
    const std::string reference = escape(summary.reference);
    out << "% RouteScope comparison summary; needs \\usepackage{booktabs}\n";
    out << "\\begin{table}[t]\n\\centering\n\\small\n";
    out << "\\begin{tabular}{lrrrrrrrr}\n\\toprule\n";
    out << "Router & AUC & Peak & QNC@0.9 & QNC@0.95 & RCI & RCI@0.95 & $\\Delta$AUC vs " << reference
        << " & Saving@0.95 vs " << reference << " (\\%) \\\\\n\\midrule\n";
    bool baselines = false;
    for (const auto& row : summary.rows) {
        if (row.kind != RowKind::Router && !baselines) {
            out << "\\midrule\n\\multicolumn{9}{l}{\\textit{Baselines}} \\\\\n";
            baselines = true;
        }
        std::string versusAuc = "--", versusSaving = "--";
        if (row.name == summary.reference) {
            versusAuc = versusSaving = "reference";
        } else if (const Versus* v = summary.versusOf(row.name)) {
            versusAuc = difference(v->auc, false);
            versusSaving = difference(v->saving95, true);
        }
        out << escape(row.name) << " & " << cell(row.auc, kQualityDecimals) << " & " << cell(row.peak, kQualityDecimals)
            << " & " << cell(row.qnc90, kRatioDecimals) << " & " << cell(row.qnc95, kRatioDecimals) << " & "
            << cell(row.rci, kRatioDecimals) << " & " << plain(row.rciAt95, kRatioDecimals) << " & " << versusAuc
            << " & " << versusSaving << " \\\\\n";
    }
    out << "\\bottomrule\n\\end{tabular}\n";
    out << "\\caption{Routers under the " << (summary.policy == BudgetPolicy::CostThreshold ? "cost-threshold" : "willingness-to-pay")
        << " policy, mean over " << summary.seeds.size() << " seed(s)";
    if (summary.hasIntervals())
        out << " with its 95\\,\\% interval in brackets (paired bootstrap over test queries, "
            << summary.bootstrap.resamples << " resamples" << (summary.seeds.size() > 1 ? ", seeds resampled" : "")
            << "). Differences against " << reference
            << ": $^{*}$ $p<0.05$, $^{**}$ $p<0.01$ (two-sided); unmarked differences are not significant";
    else
        out << " $\\pm$ standard deviation over seeds";
    out << ". QNC@$q$: cost to reach $q$ times the quality of the best single model ("
        << escape(summary.modelNames[std::size_t(summary.bestModel)])
        << ") over its cost; RCI: routing collapse index at the largest budget; RCI@0.95: at the first budget "
           "reaching 95\\,\\% of that quality; n.r.: not reached. zero: single models mixed at random.}\n";
    out << "\\label{tab:routescope-comparison}\n\\end{table}\n";
    return out.str();
}

} // namespace routescope
