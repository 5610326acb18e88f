#pragma once
// Reading a router's hyper-parameters from its text settings, with defaults; a malformed value
// is an error, not a silent default.

#include "routers/router.h"

#include <optional>
#include <stdexcept>
#include <string>

namespace routescope {

inline std::optional<std::string> settingText(const RouterSettings& settings, const std::string& name)
{
    const auto it = settings.find(name);
    if (it == settings.end())
        return std::nullopt;
    return it->second;
}

inline double settingDouble(const RouterSettings& settings, const std::string& name, double fallback)
{
    const auto text = settingText(settings, name);
    if (!text)
        return fallback;
    std::size_t used = 0;
    try {
        const double value = std::stod(*text, &used);
        if (used == text->size())
            return value;
    } catch (const std::logic_error&) {
    }
    throw std::invalid_argument("setting " + name + " is not a number: " + *text);
}

inline long long settingInteger(const RouterSettings& settings, const std::string& name, long long fallback)
{
    const auto text = settingText(settings, name);
    if (!text)
        return fallback;
    std::size_t used = 0;
    try {
        const long long value = std::stoll(*text, &used);
        if (used == text->size())
            return value;
    } catch (const std::logic_error&) {
    }
    throw std::invalid_argument("setting " + name + " is not an integer: " + *text);
}

} // namespace routescope
