#include "evaluation/sequential_sweep.h"

#include <stdexcept>

namespace routescope {

BudgetSweep sequentialSweep(BudgetPolicy policy, std::vector<double> budgets, std::vector<int> order,
                            ModelChoices calls, const Eigen::MatrixXd& A, const Eigen::MatrixXd& K)
{
    const Eigen::Index queries = A.rows();
    if (K.rows() != queries || K.cols() != A.cols() || queries == 0)
        throw std::invalid_argument("sequential sweep: true scores and costs differ in shape or are empty");
    if (budgets.empty() || calls.rows() != Eigen::Index(budgets.size()) || calls.cols() != queries)
        throw std::invalid_argument("sequential sweep: one row of calls per budget and one column per query needed");
    if (order.empty())
        throw std::invalid_argument("sequential sweep: no calling order");
    for (const int m : order)
        if (m < 0 || m >= A.cols())
            throw std::invalid_argument("sequential sweep: the calling order names a model the scores lack");
    if (calls.size() > 0 && (calls.minCoeff() < 1 || calls.maxCoeff() > std::int16_t(order.size())))
        throw std::invalid_argument("sequential sweep: a call count is outside 1.." + std::to_string(order.size()));

    BudgetSweep sweep;
    sweep.policy = policy;
    sweep.choices.resize(calls.rows(), queries);
    for (Eigen::Index b = 0; b < calls.rows(); ++b) {
        double cost = 0, quality = 0;
        for (Eigen::Index n = 0; n < queries; ++n) {
            const int called = calls(b, n);
            for (int k = 0; k < called; ++k)
                cost += K(n, order[std::size_t(k)]);
            const int returned = order[std::size_t(called - 1)];
            sweep.choices(b, n) = std::int16_t(returned);
            quality += A(n, returned);
        }
        sweep.frontier.push_back({budgets[std::size_t(b)], cost / double(queries), quality / double(queries)});
    }
    sweep.budgets = std::move(budgets);
    sweep.callOrder = std::move(order);
    sweep.calls = std::move(calls);
    return sweep;
}

bool isSequential(const BudgetSweep& sweep) { return !sweep.callOrder.empty(); }

Eigen::MatrixXd spentPerQuery(const BudgetSweep& sweep, const Eigen::MatrixXd& K)
{
    if (sweep.choices.cols() != K.rows())
        throw std::invalid_argument("the sweep's queries and the true costs differ");
    Eigen::MatrixXd spent(sweep.choices.rows(), sweep.choices.cols());
    for (Eigen::Index n = 0; n < spent.cols(); ++n)
        for (Eigen::Index b = 0; b < spent.rows(); ++b) {
            if (!isSequential(sweep)) {
                spent(b, n) = K(n, sweep.choices(b, n));
                continue;
            }
            double sum = 0;
            for (int k = 0; k < sweep.calls(b, n); ++k)
                sum += K(n, sweep.callOrder[std::size_t(k)]);
            spent(b, n) = sum;
        }
    return spent;
}

std::vector<double> callsPerQuery(const BudgetSweep& sweep)
{
    std::vector<double> mean(static_cast<std::size_t>(sweep.choices.rows()), 1.0);
    if (isSequential(sweep) && sweep.calls.cols() > 0)
        for (Eigen::Index b = 0; b < sweep.calls.rows(); ++b)
            mean[std::size_t(b)] = sweep.calls.row(b).cast<double>().mean();
    return mean;
}

Eigen::Array<bool, Eigen::Dynamic, Eigen::Dynamic> calledModels(const BudgetSweep& sweep, Eigen::Index budget,
                                                                Eigen::Index models)
{
    if (!isSequential(sweep) || budget < 0 || budget >= sweep.calls.rows())
        throw std::invalid_argument("called models of a budget a sequential sweep does not have");
    Eigen::Array<bool, Eigen::Dynamic, Eigen::Dynamic> called =
        Eigen::Array<bool, Eigen::Dynamic, Eigen::Dynamic>::Constant(sweep.calls.cols(), models, false);
    for (Eigen::Index n = 0; n < sweep.calls.cols(); ++n)
        for (int k = 0; k < sweep.calls(budget, n); ++k)
            called(n, sweep.callOrder[std::size_t(k)]) = true;
    return called;
}

std::size_t operatingPointAt(BudgetPolicy policy, const std::vector<FrontierPoint>& points, double budget)
{
    if (points.empty())
        throw std::invalid_argument("no operating points to choose from");
    std::size_t best = 0;
    auto better = [](double value, double cost, double bestValue, double bestCost) {
        return value > bestValue || (value == bestValue && cost < bestCost);
    };
    if (policy == BudgetPolicy::WillingnessToPay) {
        for (std::size_t i = 1; i < points.size(); ++i)
            if (better(points[i].quality - budget * points[i].cost, points[i].cost,
                       points[best].quality - budget * points[best].cost, points[best].cost))
                best = i;
        return best;
    }
    // Start from the cheapest point: it is taken when none fits under the threshold.
    for (std::size_t i = 1; i < points.size(); ++i)
        if (points[i].cost < points[best].cost)
            best = i;
    for (std::size_t i = 0; i < points.size(); ++i)
        if (points[i].cost <= budget && better(points[i].quality, points[i].cost, points[best].quality, points[best].cost))
            best = i;
    return best;
}

} // namespace routescope
