#pragma once
// Which vector instructions this copy of the core was compiled for. The default build installs
// the core three times (portable, x86-64-v3, x86-64-v4) and glibc loads the newest one the CPU
// runs, so this says which one a process actually runs (core/CMakeLists.txt).

#include <string_view>

namespace routescope {

// "AVX-512", "AVX2 and FMA", "AVX" or "SSE2": the widest that Eigen's kernels in this copy use.
std::string_view coreVectorInstructions();

} // namespace routescope
