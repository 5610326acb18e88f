#include "cli/arguments.h"

#include "util/number_text.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace routescope::cli {

Arguments::Arguments(int argc, char** argv, int first, const std::vector<std::string>& flags)
{
    for (int i = first; i < argc; ++i) {
        std::string arg = argv[i];
        if (arg.rfind("--", 0) != 0 || arg == "-") {
            positionals_.push_back(arg);
            continue;
        }
        if (const auto eq = arg.find('='); eq != std::string::npos) {
            options_[arg.substr(0, eq)].push_back(arg.substr(eq + 1));
        } else if (std::find(flags.begin(), flags.end(), arg) != flags.end()) {
            options_[arg].push_back("");
        } else {
            if (i + 1 >= argc)
                throw UsageError(arg + " needs a value");
            options_[arg].push_back(argv[++i]);
        }
    }
}

std::optional<std::string> Arguments::option(const std::string& name) const
{
    if (auto it = options_.find(name); it != options_.end())
        return it->second.back();
    return std::nullopt;
}

std::vector<std::string> Arguments::values(const std::string& name) const
{
    const auto it = options_.find(name);
    return it != options_.end() ? it->second : std::vector<std::string>();
}

std::string Arguments::required(const std::string& name) const
{
    if (auto value = option(name))
        return *value;
    throw UsageError(name + " is required");
}

bool Arguments::flag(const std::string& name) const { return options_.count(name) > 0; }

void Arguments::allowOnly(const std::vector<std::string>& known) const
{
    for (const auto& [name, value] : options_)
        if (std::find(known.begin(), known.end(), name) == known.end())
            throw UsageError("unknown option " + name);
}

namespace {

// Numbers as a user typed them: whole ones without ".0", others in the shortest exact form.
std::string shown(double value)
{
    char text[32] = {};
    for (int digits = 1; digits <= 17; ++digits) {
        std::snprintf(text, sizeof text, "%.*g", digits, value);
        if (std::strtod(text, nullptr) == value)
            break;
    }
    return text;
}

// A value as typed, cut when long.
std::string typed(const std::string& text) { return text.size() <= 40 ? text : quotedExcerpt(text, 40); }

[[noreturn]] void outOfRange(const std::string& name, const std::string& value, const std::string& min, const std::string& max)
{
    throw UsageError(name + ": " + value + " is out of range [" + min + ", " + max + "]");
}

} // namespace

long long integerValue(const std::string& name, const std::string& text, long long min, long long max)
{
    if (const auto value = parseWholeNumber(text)) {
        if (*value < min || *value > max)
            outOfRange(name, std::to_string(*value), std::to_string(min), std::to_string(max));
        return *value;
    }
    const auto real = parseDecimal(text);
    if (!real)
        throw UsageError(name + ": " + quotedExcerpt(text) + " is not a number");
    // 1e30 or 99999999999999999999: a whole number, just too large for any range here.
    if (std::isfinite(*real) && *real == std::floor(*real) && text.find('.') == std::string::npos)
        outOfRange(name, typed(text), std::to_string(min), std::to_string(max));
    throw UsageError(name + ": " + quotedExcerpt(text) + " is not a whole number");
}

double realValue(const std::string& name, const std::string& text, double min, double max)
{
    const auto value = parseDecimal(text);
    if (!value)
        throw UsageError(name + ": " + quotedExcerpt(text) + " is not a number");
    if (!std::isfinite(*value))
        throw UsageError(name + ": " + quotedExcerpt(text) + " is not a finite number");
    if (*value < min || *value > max)
        outOfRange(name, typed(text), shown(min), shown(max));
    return *value;
}

std::optional<long long> Arguments::integer(const std::string& name, long long min, long long max) const
{
    const auto text = option(name);
    if (!text)
        return std::nullopt;
    return integerValue(name, *text, min, max);
}

std::optional<double> Arguments::real(const std::string& name, double min, double max) const
{
    const auto text = option(name);
    if (!text)
        return std::nullopt;
    return realValue(name, *text, min, max);
}

std::optional<double> Arguments::fraction(const std::string& name) const
{
    const auto text = option(name);
    if (!text)
        return std::nullopt;
    const double value = realValue(name, *text, 0, 1);
    if (value <= 0 || value >= 1)
        throw UsageError(name + ": " + typed(*text) + " is out of range (0, 1): a fraction above 0 and below 1");
    return value;
}

} // namespace routescope::cli
