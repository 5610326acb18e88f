#include "cli/arguments.h"
#include "cli/commands.h"

#include "synthetic/routing_benchmark_generator.h"

#include <cstdio>
#include <fstream>
#include <iostream>
#include <limits>
#include <unistd.h>

namespace routescope::cli {

int runGenerate(int argc, char** argv)
{
    const Arguments args(argc, argv, 2, {"--no-responses", "--short-responses"});
    args.allowOnly({"--out", "--queries", "--seed", "--no-responses", "--short-responses"});
    if (!args.positionals().empty())
        throw UsageError("generate takes no FILE; use --out");
    if (args.flag("--no-responses") && args.flag("--short-responses"))
        throw UsageError("--no-responses and --short-responses exclude each other");

    SyntheticBenchmarkOptions options;
    // A file import takes needs one query; a million (2.8 GB with full responses) is far past any benchmark.
    if (auto queries = args.integer("--queries", 1, 1'000'000))
        options.queries = *queries;
    if (auto seed = args.integer("--seed", 0, std::numeric_limits<long long>::max()))
        options.seed = static_cast<std::uint64_t>(*seed);
    if (args.flag("--no-responses"))
        options.responses = SyntheticBenchmarkOptions::Responses::None;
    else if (args.flag("--short-responses"))
        options.responses = SyntheticBenchmarkOptions::Responses::Short;

    const std::string path = args.required("--out");
    std::ofstream out(path, std::ios::binary);
    if (!out)
        throw std::runtime_error("cannot write " + path);
    JobControl job;
    if (isatty(STDERR_FILENO))
        job.progress = [](double fraction, const std::string& message) {
            std::cerr << "\r" << static_cast<int>(fraction * 100) << "% " << message << "\x1b[K" << std::flush;
        };
    const SyntheticBenchmarkSummary summary = writeSyntheticRouterBench(out, options, job);
    out.close();
    if (!out)
        throw std::runtime_error("could not finish writing " + path);
    if (job.progress)
        std::cerr << "\r\x1b[K";
    char tie[32];
    std::snprintf(tie, sizeof tie, "%.1f", 100 * summary.topTieRate);
    std::cout << "wrote " << path << ": " << summary.queries << " synthetic queries, 11 models, seed " << options.seed
              << ", top-score ties on " << tie << " % of queries\n";
    return 0;
}

} // namespace routescope::cli
