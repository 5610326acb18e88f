#pragma once
// How many threads work may use on a machine shared with other programs: the cores the load
// average leaves free. OpenMP's thread count is set per calling thread (never Eigen's global
// one), so units of work running side by side each keep their own.

#include "util/job_control.h"

namespace routescope {

// The processor count less the 1-minute load average (whole processes only), at least 1. The
// environment variable ROUTESCOPE_THREADS, a whole number >= 1, overrides it.
int freeCores();

// job.threads when set, else freeCores().
int threadsFor(const JobControl& job);

// The threads work started on the calling thread may use: freeCores(), but no more than OpenMP
// is set to here (1 inside a unit that shares the cores with others, thread_budget above).
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
