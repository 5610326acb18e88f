#include "routers/linear_svm.h"

#include "util/random.h"

#include <algorithm>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <vector>

namespace routescope {

Eigen::VectorXd LinearSvm::decision(const FeatureMatrix& x) const
{
    if (x.cols() != weights.size())
        throw std::invalid_argument("linear SVM: feature width differs from training");
    return (x.cast<double>() * weights).array() + bias;
}

LinearSvmProblem::LinearSvmProblem(const FeatureMatrix& x)
    : examples_(x.transpose().cast<double>()), diagonal_(examples_.colwise().squaredNorm().transpose().array() + 1.0)
{
}

LinearSvm LinearSvmProblem::solve(const Eigen::VectorXd& labels, const LinearSvmSettings& settings,
                                  const JobControl& job) const
{
    const Eigen::Index count = rows();
    if (labels.size() != count)
        throw std::invalid_argument("linear SVM: one label per row is needed");
    if (!(labels.array().abs() == 1.0).all())
        throw std::invalid_argument("linear SVM: labels must be +1 or -1");
    if (!(settings.c > 0) || settings.maxEpochs < 1)
        throw std::invalid_argument("linear SVM: C must be positive and epochs at least 1");

    LinearSvm svm;
    svm.weights = Eigen::VectorXd::Zero(examples_.rows());
    Eigen::VectorXd alpha = Eigen::VectorXd::Zero(count);
    std::vector<Eigen::Index> order(static_cast<std::size_t>(count));
    std::iota(order.begin(), order.end(), Eigen::Index{0});
    Random random(settings.seed);
    const double c = settings.c;

    for (int epoch = 1; epoch <= settings.maxEpochs; ++epoch) {
        job.throwIfCancelled();
        random.shuffle(order);
        double largest = -std::numeric_limits<double>::infinity();
        double smallest = std::numeric_limits<double>::infinity();
        for (const Eigen::Index i : order) {
            const double y = labels(i);
            const double gradient = y * (examples_.col(i).dot(svm.weights) + svm.bias) - 1.0;
            // The gradient projected on the box 0 <= alpha_i <= C.
            double projected = gradient;
            if (alpha(i) <= 0)
                projected = std::min(gradient, 0.0);
            else if (alpha(i) >= c)
                projected = std::max(gradient, 0.0);
            largest = std::max(largest, projected);
            smallest = std::min(smallest, projected);
            if (projected == 0.0)
                continue;
            const double previous = alpha(i);
            alpha(i) = std::clamp(previous - gradient / diagonal_(i), 0.0, c);
            const double step = (alpha(i) - previous) * y;
            svm.weights += step * examples_.col(i);
            svm.bias += step;
        }
        svm.epochs = epoch;
        if (largest - smallest <= settings.tolerance) {
            svm.converged = true;
            break;
        }
    }
    return svm;
}

} // namespace routescope
