#include "routers/validation_frontier.h"

#include <algorithm>
#include <utility>
#include <vector>

namespace routescope {

double costThresholdFrontierArea(const Eigen::MatrixXd& predictedQuality, const Eigen::RowVectorXd& modelCost,
                                 const Eigen::MatrixXd& trueScores, const Eigen::MatrixXd& trueCosts)
{
    const Eigen::Index queries = predictedQuality.rows();
    const Eigen::Index models = predictedQuality.cols();
    if (queries == 0 || models == 0)
        return 0;
    std::vector<double> thresholds(modelCost.data(), modelCost.data() + models);
    std::sort(thresholds.begin(), thresholds.end());
    thresholds.erase(std::unique(thresholds.begin(), thresholds.end()), thresholds.end());

    std::vector<std::pair<double, double>> points; // (mean true cost, mean true score)
    for (double threshold : thresholds) {
        double cost = 0, score = 0;
        for (Eigen::Index n = 0; n < queries; ++n) {
            Eigen::Index best = -1;
            for (Eigen::Index m = 0; m < models; ++m) {
                if (modelCost(m) > threshold)
                    continue;
                if (best < 0 || predictedQuality(n, m) > predictedQuality(n, best) ||
                    (predictedQuality(n, m) == predictedQuality(n, best) && modelCost(m) < modelCost(best)))
                    best = m;
            }
            cost += trueCosts(n, best);
            score += trueScores(n, best);
        }
        points.emplace_back(cost / double(queries), score / double(queries));
    }
    std::sort(points.begin(), points.end());

    Eigen::Index cheapest, dearest;
    modelCost.minCoeff(&cheapest);
    modelCost.maxCoeff(&dearest);
    const double low = trueCosts.col(cheapest).mean();
    const double high = trueCosts.col(dearest).mean();
    double bestQuality = 0;
    if (!(high > low)) {
        for (const auto& point : points)
            bestQuality = std::max(bestQuality, point.second);
        return bestQuality;
    }
    // Step function: best quality among points at or below each cost, flat after the last one.
    double area = 0;
    for (std::size_t k = 0; k < points.size(); ++k) {
        bestQuality = std::max(bestQuality, points[k].second);
        const double from = std::max(points[k].first, low);
        const double to = std::min(k + 1 < points.size() ? points[k + 1].first : high, high);
        if (to > from)
            area += bestQuality * (to - from);
    }
    return area / (high - low);
}

} // namespace routescope
