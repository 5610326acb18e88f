// Fuzzes the long-format CSV importer (CSV reader, field checks, dataset writer).

#include "fuzz_import.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace routescope;
    static const std::string path = fuzz::scratchPath("input.csv");
    fuzz::writeScratch("input.csv", data, size);
    ImportOptions options;
    options.format = DatasetFormat::LongCsv;
    fuzz::importOnce(path, options);
    return 0;
}
