#include "routers/router_settings.h"

#include <cmath>
#include <stdexcept>

namespace routescope {

RouterSettings parseRouterSettings(const std::string& text)
{
    RouterSettings settings;
    std::size_t start = 0;
    while (start < text.size()) {
        auto end = text.find(',', start);
        if (end == std::string::npos)
            end = text.size();
        const std::string pair = text.substr(start, end - start);
        const auto eq = pair.find('=');
        if (eq == std::string::npos || eq == 0)
            throw std::invalid_argument("router setting '" + pair + "' is not NAME=VALUE");
        settings[pair.substr(0, eq)] = pair.substr(eq + 1);
        start = end + 1;
    }
    return settings;
}

std::string formatRouterSettings(const RouterSettings& settings)
{
    std::string text;
    for (const auto& [key, value] : settings) {
        if (!text.empty())
            text += ',';
        text += key + '=' + value;
    }
    return text;
}

long long settingInteger(const RouterSettings& settings, const std::string& key, long long fallback)
{
    const auto it = settings.find(key);
    if (it == settings.end())
        return fallback;
    std::size_t used = 0;
    long long value = 0;
    try {
        value = std::stoll(it->second, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used == 0 || used != it->second.size())
        throw std::invalid_argument("router setting " + key + "=" + it->second + " is not a whole number");
    return value;
}

double settingDouble(const RouterSettings& settings, const std::string& key, double fallback)
{
    const auto it = settings.find(key);
    if (it == settings.end())
        return fallback;
    std::size_t used = 0;
    double value = 0;
    try {
        value = std::stod(it->second, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used == 0 || used != it->second.size() || !std::isfinite(value))
        throw std::invalid_argument("router setting " + key + "=" + it->second + " is not a number");
    return value;
}

std::string settingText(const RouterSettings& settings, const std::string& key, const std::string& fallback)
{
    const auto it = settings.find(key);
    return it == settings.end() ? fallback : it->second;
}

} // namespace routescope
