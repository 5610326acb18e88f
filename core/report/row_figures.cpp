#include "report/row_figures.h"

#include "routers/router_factory.h"

#include <stdexcept>

namespace routescope {

namespace {

RowFigures figuresOf(const std::vector<CostQualityPoint>& points, CostInterval interval, const SingleModelPoint& best,
                     double rci)
{
    // The front once; every metric below takes its own Pareto front, which of a front is itself.
    const auto front = paretoFront(points);
    RowFigures f;
    f.auc = meanQualityOver(front, interval);
    f.aiq = averageImprovedQuality(front, interval);
    f.peak = peakQuality(points);
    f.qnc = qualityNeutralCost(front, best, 1.0);
    f.qnc95 = qualityNeutralCost(front, best, 0.95);
    f.qnc90 = qualityNeutralCost(front, best, 0.9);
    f.cost90 = costToReach(front, 0.9 * best.quality);
    f.cost95 = costToReach(front, 0.95 * best.quality);
    f.rci = rci;
    return f;
}

} // namespace

std::vector<RowPlan> rowPlans(const std::vector<RouterSpec>& routers, const std::vector<std::string>& modelNames)
{
    std::vector<RowPlan> plans;
    for (std::size_t r = 0; r < routers.size(); ++r) {
        const RouterFamily family = routerFamily(routers[r].kind);
        if (family != RouterFamily::Baseline)
            plans.push_back({routers[r].name, RowKind::Router, family == RouterFamily::Regression, int(r), -1, false, false});
    }
    for (std::size_t r = 0; r < routers.size(); ++r)
        if (routerFamily(routers[r].kind) == RouterFamily::Baseline)
            plans.push_back({routers[r].name, RowKind::Baseline, false, int(r), -1, false, false});
    plans.push_back({"zero", RowKind::Baseline, false, -1, -1, true, false});
    for (std::size_t m = 0; m < modelNames.size(); ++m)
        plans.push_back({"single:" + modelNames[m], RowKind::Baseline, false, -1, int(m), false, false});
    plans.push_back({"oracle", RowKind::Oracle, false, -1, -1, false, true});
    return plans;
}

SeedPoints observedPoints(const SeedComparison& seed, const ExperimentRun& run, const std::vector<RowPlan>& plans)
{
    SeedPoints points;
    for (const auto& plan : plans) {
        if (!plan.swept()) {
            points.sweeps.emplace_back();
            points.sweepRci.push_back(0);
            continue;
        }
        const RouterEvaluation& e = plan.oracle ? seed.oracle : seed.routers.at(std::size_t(plan.router));
        points.sweeps.push_back(costQualityPoints(e.frontier));
        points.sweepRci.push_back(e.rci);
    }
    points.singles = seed.singleModels;
    const Eigen::Index queries = run.trueScores.rows();
    for (std::size_t m = 0; m < points.singles.size(); ++m)
        points.singleRci.push_back(
            routingCollapseIndex(run.trueScores, run.trueCosts, Eigen::VectorXi::Constant(queries, int(m))));
    return points;
}

std::vector<CostQualityPoint> zeroRouterPoints(const std::vector<SingleModelPoint>& singles, std::vector<int>* models)
{
    std::vector<CostQualityPoint> points;
    for (const auto& m : singles)
        points.push_back({m.cost, m.quality});
    auto hull = nonDecreasingHull(points);
    if (models) {
        models->clear();
        for (const auto& vertex : hull)
            for (const auto& m : singles)
                if (m.cost == vertex.cost && m.quality == vertex.quality) {
                    models->push_back(m.model);
                    break;
                }
    }
    return hull;
}

std::vector<RowFigures> rowFigures(const SeedPoints& points, const std::vector<RowPlan>& plans, int bestModel)
{
    if (bestModel < 0 || std::size_t(bestModel) >= points.singles.size())
        throw std::invalid_argument("the best single model is not among the models");
    std::vector<std::vector<CostQualityPoint>> sets;
    std::vector<CostQualityPoint> singles;
    for (const auto& m : points.singles)
        singles.push_back({m.cost, m.quality});
    sets.push_back(singles);
    for (const auto& sweep : points.sweeps)
        if (!sweep.empty())
            sets.push_back(sweep);
    const CostInterval interval = sharedCostInterval(sets);
    const SingleModelPoint& best = points.singles[std::size_t(bestModel)];

    std::vector<RowFigures> figures;
    for (std::size_t i = 0; i < plans.size(); ++i) {
        const RowPlan& plan = plans[i];
        if (plan.swept()) {
            figures.push_back(figuresOf(points.sweeps[i], interval, best, points.sweepRci[i]));
        } else if (plan.model >= 0) {
            const auto m = std::size_t(plan.model);
            figures.push_back(figuresOf({singles[m]}, interval, best, points.singleRci[m]));
        } else {
            // At the largest budget the zero router is its top vertex: one single model.
            std::vector<int> models;
            const auto hull = zeroRouterPoints(points.singles, &models);
            figures.push_back(figuresOf(hull, interval, best, points.singleRci[std::size_t(models.back())]));
        }
    }
    return figures;
}

} // namespace routescope
