#include "evaluation/metrics.h"

#include "evaluation/choice_changes.h"
#include "evaluation/sequential_sweep.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace routescope {
namespace {

bool reaches(double quality, double target)
{
    return quality >= target - 1e-12 * std::max(1.0, std::abs(target));
}

void checkTruth(const Eigen::MatrixXd& A, const Eigen::MatrixXd& K)
{
    if (A.rows() != K.rows() || A.cols() != K.cols())
        throw std::invalid_argument("true scores and costs differ in shape");
    if (A.rows() == 0 || A.cols() == 0)
        throw std::invalid_argument("metrics need at least one query and one model");
}

// Whether the chosen model counts as collapsed (1) for one query, among the allowed models.
template <typename Scores, typename AllowedRow>
int collapsed(const Scores& A, Eigen::Index n, const Eigen::VectorXd& meanCost, const AllowedRow& allowed,
              Eigen::Index chosen)
{
    if (!allowed(chosen))
        return 1;
    double top = -std::numeric_limits<double>::infinity();
    double dearest = -std::numeric_limits<double>::infinity();
    for (Eigen::Index m = 0; m < A.cols(); ++m) {
        if (allowed(m)) {
            top = std::max(top, A(n, m));
            dearest = std::max(dearest, meanCost(m));
        }
    }
    if (A(n, chosen) != top)
        return 1;
    if (meanCost(chosen) != dearest)
        return 0;
    // The chosen top model is the dearest: fine only if no cheaper model shares the top score.
    for (Eigen::Index m = 0; m < A.cols(); ++m)
        if (allowed(m) && A(n, m) == top && meanCost(m) != dearest)
            return 1;
    return 0;
}

} // namespace

std::vector<CostQualityPoint> costQualityPoints(const std::vector<FrontierPoint>& frontier)
{
    std::vector<CostQualityPoint> points;
    points.reserve(frontier.size());
    for (const auto& p : frontier)
        points.push_back({p.cost, p.quality});
    return points;
}

std::vector<CostQualityPoint> paretoFront(std::vector<CostQualityPoint> points)
{
    std::sort(points.begin(), points.end(), [](const CostQualityPoint& a, const CostQualityPoint& b) {
        return a.cost != b.cost ? a.cost < b.cost : a.quality > b.quality;
    });
    std::vector<CostQualityPoint> front;
    for (const auto& p : points)
        if (front.empty() || p.quality > front.back().quality)
            front.push_back(p);
    return front;
}

std::vector<CostQualityPoint> nonDecreasingHull(std::vector<CostQualityPoint> points)
{
    // The upper hull of the Pareto front: its vertices left of the peak are all Pareto points.
    std::vector<CostQualityPoint> hull;
    for (const auto& p : paretoFront(std::move(points))) {
        while (hull.size() >= 2) {
            const auto& a = hull[hull.size() - 2];
            const auto& b = hull.back();
            // Drop b when it lies on or below the chord from a to p.
            if ((b.quality - a.quality) * (p.cost - a.cost) <= (p.quality - a.quality) * (b.cost - a.cost))
                hull.pop_back();
            else
                break;
        }
        hull.push_back(p);
    }
    return hull;
}

double qualityAt(const std::vector<CostQualityPoint>& front, double cost)
{
    if (front.empty() || cost < front.front().cost)
        return 0;
    if (cost >= front.back().cost)
        return front.back().quality;
    const auto next = std::upper_bound(front.begin(), front.end(), cost,
                                       [](double c, const CostQualityPoint& p) { return c < p.cost; });
    const auto& a = *(next - 1);
    const auto& b = *next;
    return a.quality + (b.quality - a.quality) * (cost - a.cost) / (b.cost - a.cost);
}

double meanQualityOver(const std::vector<CostQualityPoint>& front, CostInterval interval)
{
    if (!(interval.hi > interval.lo))
        return qualityAt(front, interval.lo);
    double area = 0;
    for (std::size_t i = 0; i + 1 < front.size(); ++i) {
        const double x0 = std::max(interval.lo, front[i].cost);
        const double x1 = std::min(interval.hi, front[i + 1].cost);
        if (x1 > x0)
            area += (x1 - x0) * (qualityAt(front, x0) + qualityAt(front, x1)) / 2;
    }
    if (!front.empty()) {
        const double flatFrom = std::max(interval.lo, front.back().cost);
        if (interval.hi > flatFrom)
            area += (interval.hi - flatFrom) * front.back().quality;
    }
    return area / (interval.hi - interval.lo);
}

CostInterval sharedCostInterval(const std::vector<std::vector<CostQualityPoint>>& pointSets)
{
    CostInterval interval{std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity()};
    for (const auto& points : pointSets)
        for (const auto& p : points) {
            interval.lo = std::min(interval.lo, p.cost);
            interval.hi = std::max(interval.hi, p.cost);
        }
    if (interval.lo > interval.hi)
        throw std::invalid_argument("a shared cost interval needs at least one point");
    return interval;
}

double areaUnderCurve(const std::vector<CostQualityPoint>& points, CostInterval interval)
{
    return meanQualityOver(paretoFront(points), interval);
}

double averageImprovedQuality(const std::vector<CostQualityPoint>& points, CostInterval interval)
{
    return meanQualityOver(nonDecreasingHull(points), interval);
}

double peakQuality(const std::vector<CostQualityPoint>& points)
{
    if (points.empty())
        throw std::invalid_argument("the peak of no points");
    double peak = points.front().quality;
    for (const auto& p : points)
        peak = std::max(peak, p.quality);
    return peak;
}

std::optional<double> costToReach(const std::vector<CostQualityPoint>& points, double quality)
{
    for (const auto& p : paretoFront(points))
        if (reaches(p.quality, quality))
            return p.cost;
    return std::nullopt;
}

std::vector<SingleModelPoint> singleModelPoints(const Eigen::MatrixXd& A, const Eigen::MatrixXd& K)
{
    checkTruth(A, K);
    std::vector<SingleModelPoint> models;
    for (Eigen::Index m = 0; m < A.cols(); ++m)
        models.push_back({static_cast<int>(m), K.col(m).mean(), A.col(m).mean()});
    return models;
}

SingleModelPoint bestSingleModel(const Eigen::MatrixXd& A, const Eigen::MatrixXd& K)
{
    const auto models = singleModelPoints(A, K);
    SingleModelPoint best = models.front();
    for (const auto& m : models)
        if (m.quality > best.quality || (m.quality == best.quality && m.cost < best.cost))
            best = m;
    return best;
}

namespace {

// Each model's quality and cost averaged over the test sets.
std::vector<SingleModelPoint> averagedModels(const std::vector<std::vector<SingleModelPoint>>& perTestSet)
{
    if (perTestSet.empty() || perTestSet.front().empty())
        throw std::invalid_argument("no test set or no model to choose from");
    std::vector<SingleModelPoint> mean = perTestSet.front();
    for (auto& m : mean)
        m.cost = m.quality = 0;
    for (const auto& models : perTestSet) {
        if (models.size() != mean.size())
            throw std::invalid_argument("test sets with different models");
        for (std::size_t m = 0; m < models.size(); ++m) {
            mean[m].cost += models[m].cost / double(perTestSet.size());
            mean[m].quality += models[m].quality / double(perTestSet.size());
        }
    }
    return mean;
}

} // namespace

int bestSingleModel(const std::vector<std::vector<SingleModelPoint>>& perTestSet)
{
    const auto models = averagedModels(perTestSet);
    std::size_t best = 0;
    for (std::size_t m = 1; m < models.size(); ++m)
        if (models[m].quality > models[best].quality ||
            (models[m].quality == models[best].quality && models[m].cost < models[best].cost))
            best = m;
    return models[best].model;
}

int mostExpensiveModel(const std::vector<std::vector<SingleModelPoint>>& perTestSet)
{
    const auto models = averagedModels(perTestSet);
    std::size_t dearest = 0;
    for (std::size_t m = 1; m < models.size(); ++m)
        if (models[m].cost > models[dearest].cost)
            dearest = m;
    return models[dearest].model;
}

std::vector<CostQualityPoint> zeroRouterFront(const Eigen::MatrixXd& A, const Eigen::MatrixXd& K)
{
    std::vector<CostQualityPoint> points;
    for (const auto& m : singleModelPoints(A, K))
        points.push_back({m.cost, m.quality});
    return nonDecreasingHull(std::move(points));
}

std::optional<double> qualityNeutralCost(const std::vector<CostQualityPoint>& points, const SingleModelPoint& best,
                                         double fraction)
{
    const auto cost = costToReach(points, fraction * best.quality);
    if (!cost || !(best.cost > 0))
        return std::nullopt;
    return *cost / best.cost;
}

std::optional<double> costSavingAtQuality(const std::vector<CostQualityPoint>& pointsA,
                                          const std::vector<CostQualityPoint>& pointsB, double quality)
{
    const auto costA = costToReach(pointsA, quality);
    const auto costB = costToReach(pointsB, quality);
    if (!costA || !costB || !(*costB > 0))
        return std::nullopt;
    return 1.0 - *costA / *costB;
}

std::optional<std::size_t> firstBudgetReaching(const std::vector<FrontierPoint>& frontier, double quality)
{
    for (std::size_t b = 0; b < frontier.size(); ++b)
        if (reaches(frontier[b].quality, quality))
            return b;
    return std::nullopt;
}

Eigen::VectorXd collapseIndicators(const Eigen::MatrixXd& A, const Eigen::MatrixXd& K,
                                   const Eigen::Ref<const Eigen::VectorXi>& choices)
{
    checkTruth(A, K);
    if (choices.size() != A.rows())
        throw std::invalid_argument("choices do not match the true scores");
    const Eigen::VectorXd meanCost = K.colwise().mean().transpose();
    const auto all = Eigen::Array<bool, 1, Eigen::Dynamic>::Constant(A.cols(), true);
    Eigen::VectorXd collapse(A.rows());
    for (Eigen::Index n = 0; n < A.rows(); ++n)
        collapse(n) = collapsed(A, n, meanCost, all, choices(n));
    return collapse;
}

double routingCollapseIndex(const Eigen::MatrixXd& A, const Eigen::MatrixXd& K,
                            const Eigen::Ref<const Eigen::VectorXi>& choices)
{
    const Eigen::Array<bool, Eigen::Dynamic, Eigen::Dynamic> all =
        Eigen::Array<bool, Eigen::Dynamic, Eigen::Dynamic>::Constant(A.rows(), A.cols(), true);
    return routingCollapseIndex(A, K, choices, all);
}

double routingCollapseIndex(const Eigen::MatrixXd& A, const Eigen::MatrixXd& K,
                            const Eigen::Ref<const Eigen::VectorXi>& choices,
                            const Eigen::Array<bool, Eigen::Dynamic, Eigen::Dynamic>& allowed)
{
    checkTruth(A, K);
    if (choices.size() != A.rows() || allowed.rows() != A.rows() || allowed.cols() != A.cols())
        throw std::invalid_argument("choices or allowed models do not match the true scores");
    const Eigen::VectorXd meanCost = K.colwise().mean().transpose();
    long total = 0;
    for (Eigen::Index n = 0; n < A.rows(); ++n)
        total += collapsed(A, n, meanCost, allowed.row(n), choices(n));
    return static_cast<double>(total) / static_cast<double>(A.rows());
}

Eigen::MatrixXd selectionShare(const BudgetSweep& sweep, Eigen::Index models)
{
    // A query's choice changes at a few budgets only: count each change into a difference table
    // (models x budgets) and add it up over budgets, rather than count every budget's choice.
    const Eigen::Index budgets = sweep.choices.rows();
    Eigen::Matrix<long, Eigen::Dynamic, Eigen::Dynamic> changes =
        Eigen::Matrix<long, Eigen::Dynamic, Eigen::Dynamic>::Zero(models, budgets);
    for (Eigen::Index n = 0; n < sweep.choices.cols(); ++n) {
        const std::int16_t* column = sweep.choices.col(n).data();
        forEachChoiceChange(column, budgets, [&](Eigen::Index b) {
            if (b > 0)
                --changes(column[b - 1], b);
            ++changes(column[b], b);
        });
    }
    Eigen::MatrixXd share(budgets, models);
    Eigen::Matrix<long, Eigen::Dynamic, 1> count = Eigen::Matrix<long, Eigen::Dynamic, 1>::Zero(models);
    const double queries = static_cast<double>(std::max<Eigen::Index>(sweep.choices.cols(), 1));
    for (Eigen::Index b = 0; b < budgets; ++b) {
        count += changes.col(b);
        share.row(b) = count.cast<double>().transpose() / queries;
    }
    return share;
}

double topTieRate(const Eigen::MatrixXd& A)
{
    if (A.rows() == 0)
        throw std::invalid_argument("tie rate of no queries");
    long ties = 0;
    for (Eigen::Index n = 0; n < A.rows(); ++n) {
        const double top = A.row(n).maxCoeff();
        ties += (A.row(n).array() == top).count() >= 2 ? 1 : 0;
    }
    return static_cast<double>(ties) / static_cast<double>(A.rows());
}

double smallMarginRate(const Eigen::MatrixXd& P, double epsilon)
{
    if (P.rows() == 0)
        throw std::invalid_argument("margin rate of no queries");
    if (P.cols() < 2)
        return 0;
    long small = 0;
    for (Eigen::Index n = 0; n < P.rows(); ++n) {
        double first = -std::numeric_limits<double>::infinity();
        double second = first;
        for (Eigen::Index m = 0; m < P.cols(); ++m) {
            const double p = P(n, m);
            if (p > first) {
                second = first;
                first = p;
            } else if (p > second) {
                second = p;
            }
        }
        small += first - second < epsilon ? 1 : 0;
    }
    return static_cast<double>(small) / static_cast<double>(P.rows());
}

} // namespace routescope
