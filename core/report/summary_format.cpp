#include "report/summary_format.h"

#include <cstdio>

namespace routescope {

std::string formatNumber(double value, int decimals)
{
    char text[64];
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
    return text;
}

std::string formatSeeds(const MetricSummary& s, int decimals)
{
    if (s.seeds == 0)
        return "-";
    if (!s.mean)
        return "not reached";
    std::string text = formatNumber(*s.mean, decimals);
    if (s.stddev)
        text += "±" + formatNumber(*s.stddev, decimals);
    if (s.reached < s.seeds)
        text += " (" + std::to_string(s.reached) + "/" + std::to_string(s.seeds) + ")";
    return text;
}

std::string formatInterval(const std::optional<ConfidenceInterval>& interval, int decimals, double scale)
{
    if (!interval)
        return "-";
    return "[" + formatNumber(interval->lo * scale, decimals) + ", " +
           (interval->hi ? formatNumber(*interval->hi * scale, decimals) : std::string("not reached")) + "]";
}

std::string formatPercent(double fraction) { return formatNumber(100 * fraction, 1) + " %"; }

std::string formatP(double p) { return formatNumber(p, p < 0.01 ? 3 : 2); }

std::string formatDifference(const Difference& d, bool percent)
{
    if (!d.estimate)
        return "not reached";
    std::string text = percent ? formatPercent(*d.estimate) : formatNumber(*d.estimate, kQualityDecimals);
    if (d.ci95) {
        text += " " + (percent ? formatInterval(d.ci95, 1, 100) : formatInterval(d.ci95, kQualityDecimals));
        if (percent)
            text.insert(text.size() - 1, " %");
    }
    if (d.p)
        text += ", p " + formatP(*d.p) + (d.significant() ? "" : ", not significant");
    return text;
}

} // namespace routescope
