#include "features/hashed_ngrams.h"

#include <algorithm>

namespace routescope {
namespace {

std::uint64_t mix64(std::uint64_t x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ull;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebull;
    x ^= x >> 31;
    return x;
}

constexpr std::uint64_t kFnvOffset = 0xcbf29ce484222325ull;
constexpr std::uint64_t kFnvPrime = 0x100000001b3ull;
// Distinct salts keep word unigrams, word bigrams and character n-grams apart in the hash space.
constexpr std::uint64_t kWordSalt = 0x1000000000000001ull;
constexpr std::uint64_t kBigramSalt = 0x2000000000000003ull;
constexpr std::uint64_t kCharSalt = 0x3000000000000005ull;

bool isWordByte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

unsigned char lower(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') ? static_cast<unsigned char>(c + ('a' - 'A')) : c;
}

} // namespace

HashedNgramCounter::HashedNgramCounter(int hashBits) : shift_(64 - hashBits), counts_(std::size_t(1) << hashBits, 0)
{
}

void HashedNgramCounter::count(std::string_view text)
{
    clear();
    std::uint64_t previousWord = 0;
    bool havePrevious = false;
    std::size_t i = 0;
    while (i < text.size()) {
        if (!isWordByte(static_cast<unsigned char>(text[i]))) {
            ++i;
            continue;
        }
        const std::size_t begin = i;
        while (i < text.size() && isWordByte(static_cast<unsigned char>(text[i])))
            ++i;
        const std::string_view word = text.substr(begin, i - begin);

        std::uint64_t h = kFnvOffset;
        for (unsigned char c : word)
            h = (h ^ lower(c)) * kFnvPrime;
        add(mix64(h ^ kWordSalt));
        if (havePrevious)
            add(mix64(previousWord * kFnvPrime ^ h ^ kBigramSalt));
        previousWord = h;
        havePrevious = true;
        countCharacterGrams(word);
    }
}

void HashedNgramCounter::countCharacterGrams(std::string_view word)
{
    const std::size_t padded = word.size() + 2;
    auto byteAt = [&](std::size_t p) -> unsigned char {
        return (p == 0 || p == padded - 1) ? ' ' : lower(static_cast<unsigned char>(word[p - 1]));
    };
    for (std::size_t start = 0; start + 3 <= padded; ++start) {
        std::uint64_t h = kFnvOffset ^ kCharSalt;
        const std::size_t end = std::min(padded, start + 5);
        for (std::size_t p = start; p < end; ++p) {
            h = (h ^ byteAt(p)) * kFnvPrime;
            if (p - start + 1 >= 3)
                add(mix64(h + (p - start + 1)));
        }
    }
}

void HashedNgramCounter::add(std::uint64_t hash)
{
    const auto bucket = static_cast<std::uint32_t>(hash >> shift_);
    if (counts_[bucket]++ == 0)
        touched_.push_back(bucket);
}

void HashedNgramCounter::clear()
{
    for (std::uint32_t b : touched_)
        counts_[b] = 0;
    touched_.clear();
}

} // namespace routescope
