// Fuzzes prices and answer lengths together: the first line is the --answer-tokens value, the rest
// the price table, read for a fixed scores file; every cost they give must be stored in range.

#include "fuzz_projects.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    routescope::fuzz::priceTableWithTokens(data, size, routescope::fuzz::fuzzProject());
    return 0;
}
