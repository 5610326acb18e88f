#pragma once
// How many threads work may use on a machine shared with other programs: the cores other work
// leaves idle now. OpenMP's thread count is set per calling thread (never Eigen's global
// one), so units of work running side by side each keep their own.

#include "util/job_control.h"

#include <optional>
#include <string>

namespace routescope {

// The processor count less the cores busy now, at least 1: busy as measured over 50 ms of
// /proc/stat (the reading serves for a second), so work that just ended (our own earlier steps
// included) no longer counts, as it did for a minute in the load average. The environment
// variable ROUTESCOPE_THREADS, a whole number >= 1, overrides it.
int freeCores();

// The CPU time counters of /proc/stat's first line, in clock ticks.
struct CpuTicks {
    unsigned long long idle = 0;  // idle and waiting for I/O
    unsigned long long total = 0; // every state
};
// Parses that line ("cpu  user nice system idle iowait irq softirq steal ..."); nullopt if it is not one.
std::optional<CpuTicks> parseCpuTicks(const std::string& line);
// The cores left free between two readings: `cores` less the busy ones rounded to whole cores, at least 1.
int freeCoresBetween(int cores, const CpuTicks& before, const CpuTicks& after);

// job.threads when set, else freeCores().
int threadsFor(const JobControl& job);

// The threads an evaluation started on the calling thread may use: every processor (or
// ROUTESCOPE_THREADS), but no more than OpenMP is set to here (1 inside a unit that shares the
// cores with others). Not freeCores(): the evaluation's units (sweeps, curves) never wait for
// each other, so a unit on a core another program keeps busy holds up no other, and each thread
// gets its share of a busy core; one thread on a busy machine got two thirds of a core and left
// the rest to others. It also skips freeCores()' 50 ms look at /proc/stat.
int threadsHere();

// Sets OpenMP's thread count for the calling thread (and so Eigen's products there) until the
// scope ends; other threads keep theirs.
class ScopedOpenMpThreads {
public:
    explicit ScopedOpenMpThreads(int threads);
    ~ScopedOpenMpThreads();
    ScopedOpenMpThreads(const ScopedOpenMpThreads&) = delete;
    ScopedOpenMpThreads& operator=(const ScopedOpenMpThreads&) = delete;

private:
    int saved_;
};

} // namespace routescope
