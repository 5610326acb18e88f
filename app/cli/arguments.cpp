#include "cli/arguments.h"

#include <algorithm>

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
            options_[arg.substr(0, eq)] = arg.substr(eq + 1);
        } else if (std::find(flags.begin(), flags.end(), arg) != flags.end()) {
            options_[arg] = "";
        } else {
            if (i + 1 >= argc)
                throw UsageError(arg + " needs a value");
            options_[arg] = argv[++i];
        }
    }
}

std::optional<std::string> Arguments::option(const std::string& name) const
{
    if (auto it = options_.find(name); it != options_.end())
        return it->second;
    return std::nullopt;
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

} // namespace routescope::cli
