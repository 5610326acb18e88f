#include "nn/random.h"

#include <cmath>
#include <numbers>
#include <utility>

namespace routescope::nn {

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

std::uint64_t Random::below(std::uint64_t n)
{
    // Reject the top partial block of 2^64 so every residue is equally likely.
    const std::uint64_t limit = ~std::uint64_t(0) - (~std::uint64_t(0) % n);
    std::uint64_t x;
    do
        x = engine_();
    while (x >= limit);
    return x % n;
}

void Random::shuffle(std::vector<int>& items)
{
    for (std::size_t i = items.size(); i > 1; --i)
        std::swap(items[i - 1], items[below(i)]);
}

} // namespace routescope::nn
