// Fuzzes the price table reader: the input is the table, read for a fixed scores file of two models.

#include "fuzz_import.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace routescope;
    static const std::string scores = [] {
        const std::string records = R"([{"question": "a", "scores": {"m1": 1, "m2": 0}}, {"question": "b", "scores": {"m2": 0.5, "m1": null}}])";
        return fuzz::writeScratch("scores.json", reinterpret_cast<const std::uint8_t*>(records.data()), records.size());
    }();
    ImportOptions options;
    options.format = DatasetFormat::ScoresJson;
    options.pricesPath = fuzz::writeScratch("prices.json", data, size);
    fuzz::importOnce(scores, options);
    return 0;
}
