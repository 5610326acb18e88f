#include "routers/router_settings.h"

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

} // namespace routescope
