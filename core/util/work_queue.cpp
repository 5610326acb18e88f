#include "util/work_queue.h"

#include "util/thread_budget.h"

#include <algorithm>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace routescope {

void runUnits(std::size_t count, int workers, const std::function<void(std::size_t unit, int threads)>& work)
{
    // The whole budget goes to a unit that starts alone; no more threads start than there are units.
    const int budget = std::max(1, workers);
    workers = int(std::min<std::size_t>(std::size_t(budget), std::max<std::size_t>(1, count)));
    std::mutex mutex;
    std::size_t next = 0, running = 0;
    std::exception_ptr failure;
    const auto worker = [&] {
        const ScopedOpenMpThreads oneThread(1);
        for (;;) {
            std::size_t unit = 0;
            int threads = 1;
            {
                const std::lock_guard lock(mutex);
                if (failure || next == count)
                    return;
                unit = next++;
                if (running == 0 && next == count)
                    threads = budget;
                ++running;
            }
            try {
                work(unit, threads);
            } catch (...) {
                const std::lock_guard lock(mutex);
                if (!failure)
                    failure = std::current_exception();
            }
            const std::lock_guard lock(mutex);
            --running;
        }
    };
    std::vector<std::thread> others;
    for (int w = 1; w < workers; ++w)
        others.emplace_back(worker);
    worker(); // the calling thread is one of the workers
    for (auto& thread : others)
        thread.join();
    if (failure)
        std::rethrow_exception(failure);
}

} // namespace routescope
