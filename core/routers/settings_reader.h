#pragma once
// Typed access to a router's text settings; unknown keys and malformed values are refused so a
// typo on the command line does not silently train the default.

#include "routers/router.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace routescope {

class SettingsReader {
public:
    SettingsReader(const RouterSettings& settings, const std::string& kind, const std::set<std::string>& known)
        : settings_(settings), kind_(kind)
    {
        for (const auto& [key, value] : settings)
            if (!known.count(key))
                throw std::invalid_argument(kind + ": unknown setting '" + key + "'");
    }

    bool has(const std::string& key) const { return settings_.count(key) != 0; }

    std::string text(const std::string& key, const std::string& fallback) const
    {
        const auto it = settings_.find(key);
        return it == settings_.end() ? fallback : it->second;
    }

    // An integer >= minimum.
    long integer(const std::string& key, long fallback, long minimum) const
    {
        const auto it = settings_.find(key);
        if (it == settings_.end())
            return fallback;
        return checkedInteger(key, it->second, minimum);
    }

    // A finite number > 0.
    double positive(const std::string& key, double fallback) const
    {
        return number(key, fallback, false);
    }

    // A finite number >= 0.
    double nonNegative(const std::string& key, double fallback) const
    {
        return number(key, fallback, true);
    }

    // Comma-separated integers >= minimum, e.g. "1024,512,512".
    std::vector<int> integers(const std::string& key, const std::vector<int>& fallback, long minimum) const
    {
        const auto it = settings_.find(key);
        if (it == settings_.end())
            return fallback;
        std::vector<int> values;
        std::size_t start = 0;
        const std::string& s = it->second;
        while (start <= s.size()) {
            const std::size_t comma = std::min(s.find(',', start), s.size());
            values.push_back(int(checkedInteger(key, s.substr(start, comma - start), minimum)));
            start = comma + 1;
        }
        return values;
    }

private:
    long checkedInteger(const std::string& key, const std::string& value, long minimum) const
    {
        long result = 0;
        const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), result);
        if (error != std::errc() || end != value.data() + value.size() || result < minimum)
            throw std::invalid_argument(kind_ + ": setting '" + key + "' needs an integer >= " +
                                        std::to_string(minimum) + ", not '" + value + "'");
        return result;
    }

    double number(const std::string& key, double fallback, bool zeroAllowed) const
    {
        const auto it = settings_.find(key);
        if (it == settings_.end())
            return fallback;
        std::size_t used = 0;
        double result = 0;
        try {
            result = std::stod(it->second, &used);
        } catch (const std::exception&) {
            used = 0;
        }
        if (used == 0 || used != it->second.size() || !std::isfinite(result) || result < 0 ||
            (result == 0 && !zeroAllowed))
            throw std::invalid_argument(kind_ + ": setting '" + key + "' needs a " +
                                        (zeroAllowed ? "non-negative" : "positive") + " number, not '" +
                                        it->second + "'");
        return result;
    }

    const RouterSettings& settings_;
    std::string kind_;
};

} // namespace routescope
