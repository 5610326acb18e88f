#include "store/writer_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <map>
#include <mutex>
#include <stdexcept>

namespace routescope {

// The process's one lock on a project, shared by all its open stores of that project.
struct WriterLock::Shared {
    std::string lockPath;
    int fd = -1;
    bool checked = false; // guarded by registryMutex
    ~Shared()
    {
        // Unlink before unlocking, so a process waiting on this file re-checks and makes a new one.
        ::unlink(lockPath.c_str());
        ::close(fd);
    }
};

namespace {

std::mutex registryMutex;
std::map<std::string, std::weak_ptr<WriterLock::Shared>>& registry()
{
    static std::map<std::string, std::weak_ptr<WriterLock::Shared>> locks;
    return locks;
}

long readPid(int fd)
{
    char text[32] = {};
    const auto got = ::pread(fd, text, sizeof text - 1, 0);
    return got > 0 ? std::strtol(text, nullptr, 10) : 0;
}

} // namespace

std::optional<WriterLock> WriterLock::acquire(const std::string& projectPath, long& holder)
{
    std::error_code error;
    auto canonical = std::filesystem::weakly_canonical(projectPath, error);
    const std::string lockPath = (error ? std::filesystem::path(projectPath) : canonical).string() + ".lock";

    std::lock_guard guard(registryMutex);
    if (auto shared = registry()[lockPath].lock())
        return WriterLock(std::move(shared));
    for (;;) {
        const int fd = ::open(lockPath.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
        if (fd < 0)
            throw std::runtime_error("cannot create the lock file " + lockPath + ": " + std::strerror(errno));
        if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
            holder = readPid(fd);
            ::close(fd);
            return std::nullopt;
        }
        // The holder may have unlinked the file between our open and our lock: lock the live file.
        struct stat opened {}, named {};
        if (::fstat(fd, &opened) != 0 || ::stat(lockPath.c_str(), &named) != 0 || opened.st_ino != named.st_ino ||
            opened.st_dev != named.st_dev) {
            ::close(fd);
            continue;
        }
        const std::string pid = std::to_string(::getpid()) + "\n";
        if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, pid.data(), pid.size(), 0) != static_cast<ssize_t>(pid.size())) {
            ::close(fd);
            throw std::runtime_error("cannot write the lock file " + lockPath + ": " + std::strerror(errno));
        }
        auto shared = std::make_shared<Shared>();
        shared->lockPath = lockPath;
        shared->fd = fd;
        registry()[lockPath] = shared;
        return WriterLock(std::move(shared));
    }
}

bool WriterLock::projectChecked() const
{
    std::lock_guard guard(registryMutex);
    return shared_->checked;
}

void WriterLock::setProjectChecked()
{
    std::lock_guard guard(registryMutex);
    shared_->checked = true;
}

WriterLock::~WriterLock()
{
    if (!shared_)
        return;
    std::lock_guard guard(registryMutex);
    shared_.reset();
}

} // namespace routescope
