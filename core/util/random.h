#pragma once
// The one seeded random source of RouteScope: splits, featurizer sampling, network
// initialisation, minibatch order, synthetic data and the bootstrap all draw from it, so a seed
// gives the same numbers on every compiler and standard library. The engine is std::mt19937_64
// (fully specified by the standard); the distributions are written here, because std::'s are not.

#include <cstdint>
#include <random>
#include <utility>
#include <vector>

namespace routescope {

class Random {
public:
    explicit Random(std::uint64_t seed) : engine_(seed) {}

    // The engine's next 64 bits.
    std::uint64_t bits() { return engine_(); }
    // Uniform in [0, 1) with 53 random bits.
    double uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
    double uniform(double low, double high) { return low + (high - low) * uniform(); }
    // Uniform integer in [0, n), n > 0, without modulo bias (rejection of the top partial block).
    std::uint64_t below(std::uint64_t n);
    // Uniform integer in [low, high].
    int between(int low, int high) { return low + static_cast<int>(below(static_cast<std::uint64_t>(high - low) + 1)); }
    bool bernoulli(double p) { return uniform() < p; }
    // Standard normal by Box-Muller; the second value of each pair is kept for the next call.
    double normal();

    template <typename T>
    const T& pick(const std::vector<T>& items)
    {
        return items[below(items.size())];
    }

    // `count` distinct indices below n (all of them when count >= n), ascending: a partial
    // Fisher-Yates.
    std::vector<std::size_t> sampleIndices(std::size_t n, std::size_t count);

    // Fisher-Yates: the order depends only on the seed.
    template <typename T>
    void shuffle(std::vector<T>& items)
    {
        for (std::size_t i = items.size(); i > 1; --i)
            std::swap(items[i - 1], items[below(i)]);
    }

private:
    std::mt19937_64 engine_;
    double spare_ = 0.0;
    bool hasSpare_ = false;
};

// Decorrelates related seeds (seed, seed ^ salt, seed + 1) before they seed separate streams
// (splitmix64's finaliser).
std::uint64_t mixSeed(std::uint64_t seed);

} // namespace routescope
