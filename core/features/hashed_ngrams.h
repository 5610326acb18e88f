#pragma once
// Hashed n-gram counts of one document, the featurizer's first step: word unigrams and bigrams
// and in-word character 3-5-grams of the space-padded, ASCII-lower-cased words, each hashed
// (FNV-1a, then a 64-bit finaliser) into one of 2^hashBits buckets. No vocabulary is kept, so
// any text can be counted, and the same text gives the same buckets everywhere.

#include <cstdint>
#include <string_view>
#include <vector>

namespace routescope {

// Reused across documents by one thread: count() clears only the buckets the last one touched.
class HashedNgramCounter {
public:
    explicit HashedNgramCounter(int hashBits);

    void count(std::string_view text);

    // The buckets the last document touched, in first-touch order, and their counts.
    const std::vector<std::uint32_t>& touched() const { return touched_; }
    std::uint32_t countOf(std::uint32_t bucket) const { return counts_[bucket]; }

private:
    void countCharacterGrams(std::string_view word);
    void add(std::uint64_t hash);
    void clear();

    int shift_;
    std::vector<std::uint32_t> counts_;
    std::vector<std::uint32_t> touched_;
};

} // namespace routescope
