#include "util/thread_budget.h"

#ifdef _OPENMP
#include <omp.h>
#endif

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <thread>

namespace routescope {

int freeCores()
{
    if (const char* given = std::getenv("ROUTESCOPE_THREADS")) {
        char* end = nullptr;
        const long threads = std::strtol(given, &end, 10);
        if (end != given && *end == '\0' && threads >= 1)
            return int(std::min(threads, 1024L));
    }
    const int cores = int(std::max(1u, std::thread::hardware_concurrency()));
    double load = 0;
    std::ifstream loadavg("/proc/loadavg");
    if (!(loadavg >> load) || !std::isfinite(load) || load < 0)
        return cores;
    // A process that holds a core half the time leaves the other half free: whole ones only count.
    return std::max(1, cores - int(std::min(double(cores), std::floor(load))));
}

int threadsFor(const JobControl& job)
{
    return job.threads > 0 ? job.threads : freeCores();
}

int threadsHere()
{
#ifdef _OPENMP
    return std::max(1, std::min(freeCores(), omp_get_max_threads()));
#else
    return freeCores();
#endif
}

// Builds without OpenMP (the fuzzing build) have one thread anyway: nothing to set.
#ifdef _OPENMP
ScopedOpenMpThreads::ScopedOpenMpThreads(int threads) : saved_(omp_get_max_threads())
{
    omp_set_num_threads(std::max(1, threads));
}

ScopedOpenMpThreads::~ScopedOpenMpThreads()
{
    omp_set_num_threads(saved_);
}
#else
ScopedOpenMpThreads::ScopedOpenMpThreads(int) : saved_(1) {}

ScopedOpenMpThreads::~ScopedOpenMpThreads() = default;
#endif

} // namespace routescope
