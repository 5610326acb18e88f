// Fuzzes the scores JSON importer (streaming JSON reader, records) with a fixed price table.

#include "fuzz_import.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace routescope;
    static const std::string prices = [] {
        const std::string table = R"({"m1": {"input_price": 1, "output_price": 2}, "m2": {"input_price": 3, "output_price": 4}})";
        return fuzz::writeScratch("prices.json", reinterpret_cast<const std::uint8_t*>(table.data()), table.size());
    }();
    const std::string path = fuzz::writeScratch("scores.json", data, size);
    ImportOptions options;
    options.format = DatasetFormat::ScoresJson;
    options.pricesPath = prices;
    fuzz::importOnce(path, options);
    return 0;
}
