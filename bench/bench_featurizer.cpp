// Times the text featurizer on RouterBench-sized input: N synthetic prompts of about 1 KB built
// from a Zipf-distributed pseudo-word vocabulary.
// Usage: bench_featurizer [documents] [bytes per document] [max columns] [SVD documents]

#include "features/text_featurizer.h"
#include "util/random.h"
#include "build_info.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

using namespace routescope;

namespace {

std::vector<std::string> syntheticPrompts(std::size_t count, std::size_t bytes)
{
    const char* syllables[] = {"ka", "lo", "mi", "ren", "tor", "ex", "pla", "qui", "der", "son", "al", "is",
                               "un", "ter", "ca", "ti", "on", "ver", "mo", "ab", "ble", "tion", "ing", "st"};
    Random random(7);
    std::vector<std::string> vocabulary(40000);
    for (auto& word : vocabulary) {
        const int parts = 1 + random.between(0, 3);
        for (int p = 0; p < parts; ++p)
            word += syllables[random.below(std::size(syllables))];
    }
    // Zipf(1) over the vocabulary through its cumulative weights.
    std::vector<double> cumulative(vocabulary.size());
    double total = 0.0;
    for (std::size_t r = 0; r < vocabulary.size(); ++r)
        cumulative[r] = (total += 1.0 / double(r + 1));
    std::vector<std::string> prompts(count);
    for (auto& prompt : prompts) {
        while (prompt.size() < bytes) {
            const double u = random.uniform(0.0, total);
            const auto it = std::lower_bound(cumulative.begin(), cumulative.end(), u);
            prompt += vocabulary[static_cast<std::size_t>(it - cumulative.begin())];
            prompt += (random.below(12) == 0) ? ". " : " ";
        }
    }
    return prompts;
}

double secondsSince(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

} // namespace

int main(int argc, char** argv)
{
    std::printf("build: %s\n", routescopeBuildInfo().c_str()); // which build these numbers measure
    const std::size_t count = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 36000;
    const std::size_t bytes = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 1000;
    const auto prompts = syntheticPrompts(count, bytes);

    TextFeaturizerSettings settings;
    if (argc > 3)
        settings.maxColumns = std::atoi(argv[3]);
    if (argc > 4)
        settings.svdDocuments = std::atoi(argv[4]);
    TextFeaturizer featurizer(settings);
    auto start = std::chrono::steady_clock::now();
    JobControl job;
    job.progress = [&](double, const std::string& message) {
        std::printf("  %6.2f s  %s\n", secondsSince(start), message.c_str());
    };
    featurizer.fit(prompts, job);
    const double fitSeconds = secondsSince(start);
    start = std::chrono::steady_clock::now();
    const FeatureMatrix features = featurizer.transform(prompts);
    const double transformSeconds = secondsSince(start);

    std::printf("%zu prompts of ~%zu bytes, settings: %s\n", count, bytes, featurizer.settings().key().c_str());
    std::printf("fit %.2f s, transform %.2f s, total %.2f s wall (%.2f s CPU), features %ld x %ld\n", fitSeconds,
                transformSeconds, fitSeconds + transformSeconds, double(std::clock()) / CLOCKS_PER_SEC,
                static_cast<long>(features.rows()), static_cast<long>(features.cols()));
    return 0;
}
