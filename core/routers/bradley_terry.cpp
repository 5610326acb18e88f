#include "routers/bradley_terry.h"

#include <Eigen/Cholesky>

#include <cmath>
#include <stdexcept>

namespace routescope {

namespace {

double sigmoid(double z) { return 1.0 / (1.0 + std::exp(-z)); }

// log sigmoid(z) without overflow for large |z|.
double logSigmoid(double z) { return z >= 0 ? -std::log1p(std::exp(-z)) : z - std::log1p(std::exp(z)); }

double objective(const Eigen::MatrixXd& wins, const Eigen::VectorXd& theta, double ridge)
{
    double value = -0.5 * ridge * theta.squaredNorm();
    for (Eigen::Index i = 0; i < wins.rows(); ++i)
        for (Eigen::Index j = 0; j < wins.cols(); ++j)
            if (i != j && wins(i, j) > 0)
                value += wins(i, j) * logSigmoid(theta(i) - theta(j));
    return value;
}

} // namespace

Eigen::VectorXd fitBradleyTerry(const Eigen::MatrixXd& wins, double ridge, int maxIterations)
{
    const Eigen::Index models = wins.rows();
    if (wins.cols() != models)
        throw std::invalid_argument("Bradley-Terry: the win matrix must be square");
    if ((wins.array() < 0).any() || !wins.allFinite())
        throw std::invalid_argument("Bradley-Terry: win counts must be finite and non-negative");
    if (!(ridge > 0))
        throw std::invalid_argument("Bradley-Terry: the ridge must be positive");

    Eigen::VectorXd theta = Eigen::VectorXd::Zero(models);
    double current = objective(wins, theta, ridge);
    for (int iteration = 0; iteration < maxIterations; ++iteration) {
        // Gradient and (negated) Hessian of the concave objective.
        Eigen::VectorXd gradient = -ridge * theta;
        Eigen::MatrixXd curvature = ridge * Eigen::MatrixXd::Identity(models, models);
        for (Eigen::Index i = 0; i < models; ++i)
            for (Eigen::Index j = i + 1; j < models; ++j) {
                const double battles = wins(i, j) + wins(j, i);
                if (battles <= 0)
                    continue;
                const double p = sigmoid(theta(i) - theta(j));
                const double g = wins(i, j) - battles * p;
                gradient(i) += g;
                gradient(j) -= g;
                const double h = battles * p * (1 - p);
                curvature(i, i) += h;
                curvature(j, j) += h;
                curvature(i, j) -= h;
                curvature(j, i) -= h;
            }
        const Eigen::VectorXd step = curvature.ldlt().solve(gradient);
        // Halve the step until the objective does not fall: Newton can overshoot far from the optimum.
        double scale = 1.0;
        Eigen::VectorXd next = theta + step;
        double value = objective(wins, next, ridge);
        while (value < current && scale > 1e-6) {
            scale *= 0.5;
            next = theta + scale * step;
            value = objective(wins, next, ridge);
        }
        if (value < current)
            break;
        const double change = (next - theta).cwiseAbs().maxCoeff();
        theta = next;
        current = value;
        if (change < 1e-10)
            break;
    }
    return theta;
}

Eigen::VectorXd meanWinRates(const Eigen::VectorXd& theta)
{
    const Eigen::Index models = theta.size();
    Eigen::VectorXd rates = Eigen::VectorXd::Constant(models, 0.5);
    if (models < 2)
        return rates;
    for (Eigen::Index m = 0; m < models; ++m) {
        double sum = 0;
        for (Eigen::Index j = 0; j < models; ++j)
            if (j != m)
                sum += sigmoid(theta(m) - theta(j));
        rates(m) = sum / double(models - 1);
    }
    return rates;
}

} // namespace routescope
