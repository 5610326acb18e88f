#pragma once
// How long-running core work (import, featurizing, training, sweeps) reports progress and is
// cancelled: one convention for all of it.

#include <atomic>
#include <functional>
#include <stdexcept>
#include <string>

namespace routescope {

// Thrown by long work when its cancel flag is set; the work leaves no partial result behind.
class Cancelled : public std::runtime_error {
public:
    Cancelled() : std::runtime_error("cancelled") {}
};

struct JobControl {
    // fraction in [0, 1]; message is short and human-readable ("epoch 3/5, loss 0.412").
    std::function<void(double fraction, const std::string& message)> progress;
    const std::atomic<bool>* cancel = nullptr;
    // Cancels this part of a larger job only (one router of an experiment, say).
    const std::atomic<bool>* skip = nullptr;
    // Threads this work may use; 0: as many as the machine has free (util/thread_budget.h). How
    // many never changes a result, only how soon it comes.
    int threads = 0;

    bool cancelled() const
    {
        return (cancel && cancel->load(std::memory_order_relaxed)) || (skip && skip->load(std::memory_order_relaxed));
    }
    void throwIfCancelled() const
    {
        if (cancelled())
            throw Cancelled();
    }
    void report(double fraction, const std::string& message) const
    {
        if (progress)
            progress(fraction, message);
    }
};

} // namespace routescope
