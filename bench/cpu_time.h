#pragma once
// CPU time in ms, beside the wall clock: on a busy machine the difference is the time spent
// waiting for a core.

#include <ctime>

namespace routescope::bench {

// The CPU time the calling thread has used.
inline double threadCpuMs()
{
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return double(t.tv_sec) * 1e3 + double(t.tv_nsec) / 1e6;
}

// The CPU time every thread of this process has used.
inline double processCpuMs()
{
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return double(t.tv_sec) * 1e3 + double(t.tv_nsec) / 1e6;
}

} // namespace routescope::bench
