#include "util/vector_instructions.h"

namespace routescope {

std::string_view coreVectorInstructions()
{
#if defined(__AVX512F__)
    return "AVX-512";
#elif defined(__AVX2__) && defined(__FMA__)
    return "AVX2 and FMA";
#elif defined(__AVX__)
    return "AVX";
#else
    return "SSE2";
#endif
}

} // namespace routescope
