#pragma once
// A seeded random source whose draws are the same on every standard library: the engine is
// std::mt19937_64 (fully specified), the distributions are written here (std::'s are not).

#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

namespace routescope {

class SeededRandom {
public:
    explicit SeededRandom(std::uint64_t seed) : engine_(seed) {}

    // Uniform in [0, 1) from the top 53 bits.
    double uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }

    // Uniform integer in [0, n), n > 0 (multiply-high, bias below 2^-64 * n).
    std::uint64_t below(std::uint64_t n)
    {
        return static_cast<std::uint64_t>((static_cast<unsigned __int128>(engine_()) * n) >> 64);
    }

    int between(int lo, int hi) { return lo + static_cast<int>(below(static_cast<std::uint64_t>(hi - lo + 1))); }

    bool bernoulli(double p) { return uniform() < p; }

    // Standard normal by Box-Muller; one draw per call keeps the stream easy to reason about.
    double normal()
    {
        const double u1 = 1.0 - uniform(); // in (0, 1]
        const double u2 = uniform();
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
    }

    template <typename T>
    const T& pick(const std::vector<T>& items)
    {
        return items[below(items.size())];
    }

private:
    std::mt19937_64 engine_;
};

} // namespace routescope
