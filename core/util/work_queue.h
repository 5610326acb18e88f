#pragma once
// Independent units of work (an experiment's seeds x routers) run side by side, one thread each,
// taken in order from a queue by a fixed number of workers. A unit that runs alone (none other
// running, none waiting) may use every worker's thread itself.

#include <cstddef>
#include <functional>

namespace routescope {

// Calls work(unit, threads) once for each unit in [0, count), on `workers` threads (at least 1),
// and returns when all are done. `threads` is 1, or `workers` for a unit that starts alone (so a
// single unit gets them all, though only min(workers, count) threads are started); each
// call runs with OpenMP set to one thread on its own thread (thread_budget.h). The first exception
// a unit throws stops the units not yet started and is rethrown here once the others are done.
void runUnits(std::size_t count, int workers, const std::function<void(std::size_t unit, int threads)>& work);

} // namespace routescope
