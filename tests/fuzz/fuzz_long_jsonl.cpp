// Fuzzes the long-format JSONL importer (CSV reader, field checks, dataset writer).

#include "fuzz_import.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace routescope;
    static const std::string path = fuzz::scratchPath("input.jsonl");
    fuzz::writeScratch("input.jsonl", data, size);
    ImportOptions options;
    options.format = DatasetFormat::LongJsonl;
    fuzz::importOnce(path, options);
    return 0;
}
