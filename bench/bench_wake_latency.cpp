// The floor any program meets on this machine as it is now: a thread that sleeps 16 ms (a drag's
// gap between mouse moves), then does `work` ms of CPU work (a slider move's), 400 times. Prints how
// long after the 16 ms each move was done: median, 95th percentile and worst. With every core
// taken by other programs, the wait for a core after waking is the machine's, not RouteScope's:
// bench/busy_machine_bench.sh runs this beside bench_slider, so the two can be read together.
//   build/bin/bench_wake_latency [work ms, default 1.0] [moves, default 400]

#include "cpu_time.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <thread>
#include <vector>

using routescope::bench::threadCpuMs;

int main(int argc, char** argv)
{
    const double workMs = argc > 1 ? std::atof(argv[1]) : 1.0;
    const int moves = argc > 2 ? std::max(20, std::atoi(argv[2])) : 400;
    using Clock = std::chrono::steady_clock;
    std::vector<double> late;
    volatile double sink = 0;
    for (int i = 0; i < moves; ++i) {
        const auto start = Clock::now();
        std::this_thread::sleep_for(std::chrono::milliseconds(16));
        const double cpuStart = threadCpuMs();
        while (threadCpuMs() - cpuStart < workMs)
            sink = sink + 1;
        late.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count() - 16.0);
    }
    std::sort(late.begin(), late.end());
    std::printf("wake after 16 ms, then %.2f ms of CPU work, %d times: done %.2f ms after the 16 ms at the median, "
                "%.2f ms at the 95th percentile, %.2f ms at worst\n",
                workMs, moves, late[late.size() / 2], late[late.size() * 95 / 100], late.back());
    return 0;
}
