#pragma once
// A linear support vector machine for one yes/no label, trained by dual coordinate descent (Hsieh
// et al. 2008, the solver LIBLINEAR uses for the L2-regularised hinge loss):
//   min over w, b of  1/2 (|w|^2 + b^2) + C sum_i max(0, 1 - y_i (w . x_i + b)).
// As in LIBLINEAR, the bias is the weight of a constant feature 1 and so is regularised too.

#include "data/feature_matrix.h"
#include "util/job_control.h"

#include <Eigen/Core>

#include <cstdint>

namespace routescope {

struct LinearSvm {
    Eigen::VectorXd weights; // one per feature
    double bias = 0;
    int epochs = 0;          // passes over the data the solver made
    bool converged = false;  // the projected-gradient gap fell below the tolerance

    // w . x + b for every row of x: positive means "yes".
    Eigen::VectorXd decision(const FeatureMatrix& x) const;
};

struct LinearSvmSettings {
    double c = 1.0;          // the hinge loss's weight against the regulariser
    int maxEpochs = 200;     // passes over the data at most
    double tolerance = 0.1;  // LIBLINEAR's stopping gap of the projected gradient
    std::uint64_t seed = 1;  // the order coordinates are visited in
};

// The training rows, laid out once for any number of labels and settings.
class LinearSvmProblem {
public:
    explicit LinearSvmProblem(const FeatureMatrix& x);

    Eigen::Index rows() const { return examples_.cols(); }

    // labels: +1 or -1 per row. Throws std::invalid_argument on a wrong count or other labels.
    LinearSvm solve(const Eigen::VectorXd& labels, const LinearSvmSettings& settings, const JobControl& job = {}) const;

private:
    Eigen::MatrixXd examples_; // features x rows: each example one contiguous column
    Eigen::VectorXd diagonal_; // |x_i|^2 + 1, the dual's Q_ii
};

} // namespace routescope
