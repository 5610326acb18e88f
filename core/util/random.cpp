#include "util/random.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <numeric>

namespace routescope {

std::uint64_t Random::below(std::uint64_t n)
{
    const std::uint64_t limit = ~std::uint64_t(0) - (~std::uint64_t(0) % n);
    std::uint64_t x;
    do
        x = engine_();
    while (x >= limit);
    return x % n;
}

double Random::normal()
{
    if (hasSpare_) {
        hasSpare_ = false;
        return spare_;
    }
    const double u1 = 1.0 - uniform(); // in (0, 1], so the log is finite
    const double u2 = uniform();
    const double radius = std::sqrt(-2.0 * std::log(u1));
    const double angle = 2.0 * std::numbers::pi * u2;
    spare_ = radius * std::sin(angle);
    hasSpare_ = true;
    return radius * std::cos(angle);
}

std::vector<std::size_t> Random::sampleIndices(std::size_t n, std::size_t count)
{
    std::vector<std::size_t> all(n);
    std::iota(all.begin(), all.end(), std::size_t(0));
    if (count >= n)
        return all;
    for (std::size_t i = 0; i < count; ++i)
        std::swap(all[i], all[i + below(n - i)]);
    all.resize(count);
    std::sort(all.begin(), all.end());
    return all;
}

std::uint64_t mixSeed(std::uint64_t seed)
{
    std::uint64_t z = seed + 0x9e3779b97f4a7c15ULL;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

} // namespace routescope
