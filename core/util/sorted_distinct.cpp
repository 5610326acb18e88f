#include "util/sorted_distinct.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <utility>

namespace routescope {
namespace {

constexpr int kDigitBits = 11;
constexpr int kPasses = (64 + kDigitBits - 1) / kDigitBits;
constexpr std::uint64_t kDigitMask = (std::uint64_t(1) << kDigitBits) - 1;
constexpr std::uint64_t kSignBit = std::uint64_t(1) << 63;

// Unsigned keys that sort like the doubles: negatives flip all bits, positives the sign bit.
std::uint64_t toKey(double value)
{
    std::uint64_t bits;
    std::memcpy(&bits, &value, sizeof bits);
    return (bits & kSignBit) ? ~bits : bits | kSignBit;
}

double fromKey(std::uint64_t key)
{
    const std::uint64_t bits = (key & kSignBit) ? key & ~kSignBit : ~key;
    double value;
    std::memcpy(&value, &bits, sizeof value);
    return value;
}

} // namespace

std::vector<double> sortedDistinct(const double* values, std::size_t count)
{
    std::vector<std::uint64_t> keys(count), scratch(count);
    std::vector<std::array<std::size_t, kDigitMask + 1>> histograms(kPasses);
    for (auto& h : histograms)
        h.fill(0);
    for (std::size_t i = 0; i < count; ++i) {
        keys[i] = toKey(values[i]);
        for (int pass = 0; pass < kPasses; ++pass)
            ++histograms[static_cast<std::size_t>(pass)][(keys[i] >> (pass * kDigitBits)) & kDigitMask];
    }
    for (int pass = 0; pass < kPasses; ++pass) {
        auto& histogram = histograms[static_cast<std::size_t>(pass)];
        // A digit all keys share leaves the order as it is: skip the pass.
        if (std::find(histogram.begin(), histogram.end(), count) != histogram.end())
            continue;
        std::size_t offset = 0;
        for (auto& bucket : histogram)
            offset += std::exchange(bucket, offset);
        for (const std::uint64_t key : keys)
            scratch[histogram[(key >> (pass * kDigitBits)) & kDigitMask]++] = key;
        keys.swap(scratch);
    }
    std::vector<double> distinct;
    for (const std::uint64_t key : keys) {
        const double value = fromKey(key);
        if (distinct.empty() || value != distinct.back())
            distinct.push_back(value);
    }
    return distinct;
}

} // namespace routescope
