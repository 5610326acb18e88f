#pragma once
// A value read on first use rather than up front: a reopened experiment shows its plots from the
// saved predictions and leaves its trained models in the project until something needs them.
// Copies share one value, loaded once whichever thread asks first; others asking meanwhile wait.

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <utility>

namespace routescope {

template <typename T>
class LoadOnFirstUse {
public:
    LoadOnFirstUse() = default; // holds nothing: empty()
    LoadOnFirstUse(T value) : state_(std::make_shared<State>()) { state_->value.emplace(std::move(value)); }
    // `load` runs on the first value() call. When it throws, that call throws and the next one tries again.
    static LoadOnFirstUse later(std::function<T()> load)
    {
        LoadOnFirstUse holder;
        holder.state_ = std::make_shared<State>();
        holder.state_->load = std::move(load);
        return holder;
    }

    bool empty() const { return !state_; }
    bool loaded() const
    {
        if (!state_)
            return false;
        const std::lock_guard lock(state_->mutex);
        return state_->value.has_value();
    }
    // The value, loaded now if it was not yet: this may take long, so not on a GUI thread unless loaded().
    const T& value() const
    {
        if (!state_)
            throw std::logic_error("no value to load");
        const std::lock_guard lock(state_->mutex);
        if (!state_->value) {
            state_->value.emplace(state_->load());
            state_->load = nullptr; // what it held (paths, names) is no longer needed
        }
        return *state_->value;
    }

private:
    struct State {
        std::mutex mutex;
        std::function<T()> load;
        std::optional<T> value;
    };
    std::shared_ptr<State> state_;
};

} // namespace routescope
