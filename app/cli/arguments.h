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
    // The option's value; given more than once, the last one.
    std::optional<std::string> option(const std::string& name) const;
    // Every value of an option that may be repeated (--drop-model A --drop-model B), in order.
    std::vector<std::string> values(const std::string& name) const;
    std::string required(const std::string& name) const;
    bool flag(const std::string& name) const;
    // Throws UsageError naming any option not in `known`.
    void allowOnly(const std::vector<std::string>& known) const;

    // A numeric option in [min, max], or nothing when absent. Throws UsageError naming the option:
    // "--answer-tokens: 'abc' is not a number", "--queries: 0 is out of range [1, 1000000]".
    std::optional<long long> integer(const std::string& name, long long min, long long max) const;
    std::optional<double> real(const std::string& name, double min, double max) const;
    // A fraction strictly between 0 and 1.
    std::optional<double> fraction(const std::string& name) const;

private:
    std::vector<std::string> positionals_;
    std::map<std::string, std::vector<std::string>> options_;
};

// The checks of Arguments::integer and real for a value that is not an option's (one item of a list).
long long integerValue(const std::string& name, const std::string& text, long long min, long long max);
double realValue(const std::string& name, const std::string& text, double min, double max);

} // namespace routescope::cli
