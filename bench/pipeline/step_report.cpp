#include "pipeline/step_report.h"

#include "build_info.h"

#include <sys/resource.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <stdexcept>

namespace routescope::bench {

double residentMb()
{
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("VmRSS:", 0) == 0)
            return std::strtod(line.c_str() + 6, nullptr) / 1024.0;
    return 0;
}

double peakResidentMb()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_maxrss) / 1024.0; // Linux reports KB
}

double loadAverage1()
{
    double load[1] = {0};
    return getloadavg(load, 1) == 1 ? load[0] : 0.0;
}

double median(std::vector<double> values)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

double timeSeconds(const std::function<void()>& fn)
{
    const auto start = std::chrono::steady_clock::now();
    fn();
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

void beginStepJson(JsonWriter& json, const std::string& step, const std::vector<double>& runs, double baselineMb)
{
    json.beginObject();
    json.key("step").value(step);
    json.key("runs").beginArray();
    for (const double r : runs)
        json.value(r);
    json.endArray();
    json.key("seconds").value(median(runs));
    json.key("baseline_mb").value(baselineMb);
    json.key("peak_mb").value(peakResidentMb());
    json.key("load_average_1min").value(loadAverage1());
    json.key("build").value(routescopeBuildInfo());
}

void writeTextFile(const std::string& path, const std::string& text)
{
    std::ofstream out(path);
    out << text << '\n';
    if (!out)
        throw std::runtime_error("cannot write " + path);
}

} // namespace routescope::bench
