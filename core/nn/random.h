#pragma once
// Seeded random numbers for initialisation and shuffling, built on std::mt19937_64 alone so a
// seed gives the same network on every standard library (std:: distributions are not portable).

#include <cstdint>
#include <random>
#include <vector>

namespace routescope::nn {

class Random {
public:
    explicit Random(std::uint64_t seed) : engine_(seed) {}

    // Uniform in [0, 1) with 53 random bits.
    double uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
    double uniform(double low, double high) { return low + (high - low) * uniform(); }
    // Standard normal by Box-Muller; the second value of each pair is kept for the next call.
    double normal();
    // Uniform integer in [0, n), without modulo bias.
    std::uint64_t below(std::uint64_t n);
    // Fisher-Yates shuffle.
    void shuffle(std::vector<int>& items);

private:
    std::mt19937_64 engine_;
    double spare_ = 0.0;
    bool hasSpare_ = false;
};

} // namespace routescope::nn
