#include "util/thread_budget.h"

#ifdef _OPENMP
#include <omp.h>
#endif

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>

namespace routescope {

std::optional<CpuTicks> parseCpuTicks(const std::string& line)
{
    std::istringstream in(line);
    std::string name;
    if (!(in >> name) || name != "cpu")
        return std::nullopt;
    CpuTicks ticks;
    unsigned long long value = 0;
    int field = 0;
    // user nice system idle iowait irq softirq steal; guest time is already in user and nice.
    while (field < 8 && in >> value) {
        ticks.total += value;
        if (field == 3 || field == 4)
            ticks.idle += value;
        ++field;
    }
    if (field < 4)
        return std::nullopt;
    return ticks;
}

int freeCoresBetween(int cores, const CpuTicks& before, const CpuTicks& after)
{
    if (after.total <= before.total || after.idle < before.idle)
        return cores;
    const double idleShare = std::min(1.0, double(after.idle - before.idle) / double(after.total - before.total));
    const long busy = std::lround((1.0 - idleShare) * cores);
    return int(std::max(1L, long(cores) - busy));
}

namespace {

std::optional<CpuTicks> readCpuTicks()
{
    std::ifstream stat("/proc/stat");
    std::string line;
    if (!std::getline(stat, line))
        return std::nullopt;
    return parseCpuTicks(line);
}

// ROUTESCOPE_THREADS when it holds a whole number >= 1.
std::optional<int> threadsGiven()
{
    const char* given = std::getenv("ROUTESCOPE_THREADS");
    if (!given)
        return std::nullopt;
    char* end = nullptr;
    const long threads = std::strtol(given, &end, 10);
    if (end == given || *end != '\0' || threads < 1)
        return std::nullopt;
    return int(std::min(threads, 1024L));
}

int processors() { return int(std::max(1u, std::thread::hardware_concurrency())); }

} // namespace

int freeCores()
{
    if (const auto given = threadsGiven())
        return *given;
    const int cores = processors();
    // One reading serves the calls of the next second (a training asks per unit and per router).
    static std::mutex mutex;
    static std::chrono::steady_clock::time_point measuredAt;
    static int measured = 0;
    const std::lock_guard lock(mutex);
    const auto now = std::chrono::steady_clock::now();
    if (measured > 0 && now - measuredAt < std::chrono::seconds(1))
        return measured;
    const auto before = readCpuTicks();
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    const auto after = readCpuTicks();
    measured = before && after ? freeCoresBetween(cores, *before, *after) : cores;
    measuredAt = std::chrono::steady_clock::now();
    return measured;
}

int threadsFor(const JobControl& job)
{
    return job.threads > 0 ? job.threads : freeCores();
}

int threadsHere()
{
    const int cores = threadsGiven().value_or(processors());
#ifdef _OPENMP
    return std::max(1, std::min(cores, omp_get_max_threads()));
#else
    return cores;
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
