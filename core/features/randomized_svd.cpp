#include "features/randomized_svd.h"

#include "util/random.h"

#include <Eigen/Eigenvalues>
#include <Eigen/QR>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace routescope {
namespace {

// Orthonormal basis, stored transposed, of the columns of mt^T (Householder QR).
Eigen::MatrixXf orthonormalTransposed(const Eigen::MatrixXf& mt)
{
    const Eigen::MatrixXf tall = mt.transpose();
    Eigen::HouseholderQR<Eigen::MatrixXf> qr(tall);
    const Eigen::MatrixXf q = qr.householderQ() * Eigen::MatrixXf::Identity(tall.rows(), tall.cols());
    return q.transpose();
}

} // namespace

Eigen::MatrixXf randomizedProjection(const SparseRows& a, const SparseRows& at, const RandomizedSvdSettings& settings,
                                     const JobControl& job, double from, double to)
{
    const Eigen::Index columnCount = at.rows();
    const Eigen::Index rank = std::min<Eigen::Index>({settings.rank, a.rows(), columnCount});
    const Eigen::Index width = std::min<Eigen::Index>({rank + settings.oversampling, a.rows(), columnCount});
    Eigen::MatrixXf omegaT(width, columnCount);
    Random random(settings.seed);
    for (Eigen::Index j = 0; j < columnCount; ++j)
        for (Eigen::Index r = 0; r < width; ++r)
            omegaT(r, j) = static_cast<float>(random.normal());

    const auto progress = [&](double fraction, const char* what) { job.report(from + (to - from) * fraction, what); };
    progress(0.0, "randomised SVD: range");
    Eigen::MatrixXf qT = orthonormalTransposed(multiplyTransposed(a, omegaT, job));
    omegaT.resize(0, 0);
    for (int it = 0; it < settings.powerIterations; ++it) {
        progress(0.9 * (it + 1) / (settings.powerIterations + 1), "randomised SVD: power iteration");
        qT = orthonormalTransposed(multiplyTransposed(a, multiplyTransposed(at, qT, job), job));
    }
    progress(0.9, "randomised SVD: projection");
    const Eigen::MatrixXf b = multiplyTransposed(at, qT, job); // Q^T A, width x columns
    const Eigen::MatrixXd gram = (b * b.transpose()).cast<double>();
    const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eigen(gram);
    if (eigen.info() != Eigen::Success)
        throw std::runtime_error("randomised SVD: eigen decomposition failed");

    // B = Q^T A = U S V^T and B B^T = U S^2 U^T, so right singular vector j of A (in Q's range)
    // is B^T u_j / s_j; eigenvalues come in increasing order.
    Eigen::MatrixXf scaledU = Eigen::MatrixXf::Zero(width, rank);
    const double largest = std::max(eigen.eigenvalues()[width - 1], 0.0);
    for (Eigen::Index j = 0; j < rank; ++j) {
        const double squared = eigen.eigenvalues()[width - 1 - j];
        if (squared > largest * 1e-12 && squared > 0.0)
            scaledU.col(j) = (eigen.eigenvectors().col(width - 1 - j) / std::sqrt(squared)).cast<float>();
    }
    return scaledU.transpose() * b;
}

} // namespace routescope
