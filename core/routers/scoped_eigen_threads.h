#pragma once
// Eigen's thread count is global to the process: a router that sets it for its training restores
// the caller's count when the scope ends, also when training throws.

#include <Eigen/Core>

namespace routescope {

class ScopedEigenThreads {
public:
    explicit ScopedEigenThreads(int threads) : saved_(Eigen::nbThreads()) { Eigen::setNbThreads(threads); }
    ~ScopedEigenThreads() { Eigen::setNbThreads(saved_); }
    ScopedEigenThreads(const ScopedEigenThreads&) = delete;
    ScopedEigenThreads& operator=(const ScopedEigenThreads&) = delete;

private:
    int saved_;
};

} // namespace routescope
