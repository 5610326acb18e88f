#pragma once
// One RouteScope process at a time writes a project: an advisory lock on `<project>.lock`
// (holding the writer's pid) taken by every read-write open. The kernel drops it when the
// process ends, even on SIGKILL, so a crash never leaves a project locked. Opens within one
// process share the lock (the GUI's worker threads open their own connections).

#include <memory>
#include <optional>
#include <string>

namespace routescope {

class WriterLock {
public:
    // Takes the lock, or returns nothing and sets `holder` to the pid written by the process
    // that holds it (0 when unreadable). Throws std::runtime_error when the lock file cannot be made.
    static std::optional<WriterLock> acquire(const std::string& projectPath, long& holder);

    WriterLock(WriterLock&&) noexcept = default;
    WriterLock& operator=(WriterLock&&) noexcept = default;
    ~WriterLock();

    // Whether the project was checked (PRAGMA quick_check) under this process's lock: once per
    // lock, not once per connection of the process.
    bool projectChecked() const;
    void setProjectChecked();

    struct Shared; // the process's one lock on a project, shared by its open stores

private:
    explicit WriterLock(std::shared_ptr<Shared> shared) : shared_(std::move(shared)) {}
    std::shared_ptr<Shared> shared_;
};

} // namespace routescope
