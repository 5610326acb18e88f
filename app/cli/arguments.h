#pragma once
// Command-line arguments of one routescope-cli command: positionals and --options.

#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace routescope::cli {

class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class Arguments {
public:
    // flags: options that take no value (e.g. "--json" where it is a switch).
    Arguments(int argc, char** argv, int first, const std::vector<std::string>& flags = {});

    const std::vector<std::string>& positionals() const { return positionals_; }
    std::optional<std::string> option(const std::string& name) const;
    std::string required(const std::string& name) const;
    bool flag(const std::string& name) const;
    // Throws UsageError naming any option not in `known`.
    void allowOnly(const std::vector<std::string>& known) const;

private:
    std::vector<std::string> positionals_;
    std::map<std::string, std::string> options_;
};

} // namespace routescope::cli
