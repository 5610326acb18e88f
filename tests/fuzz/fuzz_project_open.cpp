// Fuzzes opening a project: the input is the project file (seeds: small projects, sound and
// damaged). Checking, reading and importing into it must not crash, and a file that passed the
// check must still pass it after an import.

#include "fuzz_projects.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace routescope::fuzz;
    projectFile(projectScratch(data, size));
    return 0;
}
