#include "report/seed_resamples.h"

#include "evaluation/sequential_sweep.h"
#include "experiment/router_sweeps.h"

#include <cmath>
#include <optional>

namespace routescope {

namespace {

// Where a row's contributions sit among the columns of the seed's QueryContributions.
struct RowColumns {
    Eigen::Index cost = 0, quality = 0, budgets = 0, rci = 0;
};

} // namespace

SeedResamples resampleSeed(const ExperimentRun& run, const SeedComparison& seed, BudgetPolicy policy,
                           const std::vector<RowPlan>& plans, int bestModel, const BootstrapSettings& settings,
                           std::uint64_t stream, const JobControl& job)
{
    const Eigen::MatrixXd& A = run.trueScores;
    const Eigen::MatrixXd& K = run.trueCosts;
    const Eigen::Index queries = A.rows();
    QueryContributions contributions(queries);

    // Per row with a sweep: cost and quality at each budget, and the collapse at the largest.
    std::vector<RowColumns> rows(plans.size());
    for (std::size_t i = 0; i < plans.size(); ++i) {
        if (!plans[i].swept())
            continue;
        const RouterEvaluation& e = plans[i].oracle ? seed.oracle : seed.routers.at(std::size_t(plans[i].router));
        std::vector<double> budgets;
        for (const auto& p : e.frontier)
            budgets.push_back(p.budget);
        // A cascade's own sweep (its budgets are its own); the others' again at the seed's budgets.
        std::optional<BudgetSweep> sequential;
        if (!plans[i].oracle)
            sequential = sequentialSweepOf(run.routers.at(std::size_t(plans[i].router)), run, policy);
        const BudgetSweep sweep =
            sequential   ? std::move(*sequential)
            : plans[i].oracle ? sweepBudgets(policy, A, K, A, K, budgets)
                              : sweepBudgets(policy, run.routers.at(std::size_t(plans[i].router)).predictedQuality,
                                             run.predictedCost, A, K, budgets);
        // A cascade pays for every model it called, not only the one whose answer it returned.
        rows[i].cost = isSequential(sweep) ? contributions.addPerBudget(spentPerQuery(sweep, K))
                                           : contributions.addChosen(sweep.choices, K);
        rows[i].quality = contributions.addChosen(sweep.choices, A);
        rows[i].budgets = sweep.choices.rows();
        const Eigen::VectorXi largest = sweep.choices.row(sweep.choices.rows() - 1).transpose().cast<int>();
        rows[i].rci = contributions.addColumn(collapseIndicators(A, K, largest));
    }
    std::vector<RowColumns> models(std::size_t(A.cols()));
    for (Eigen::Index m = 0; m < A.cols(); ++m) {
        auto& columns = models[std::size_t(m)];
        columns.cost = contributions.addColumn(K.col(m));
        columns.quality = contributions.addColumn(A.col(m));
        columns.budgets = 1;
        columns.rci = contributions.addColumn(collapseIndicators(A, K, Eigen::VectorXi::Constant(queries, int(m))));
    }

    // The band of a row: the quality columns of its observed operating points (for the zero
    // router, the single models at its hull's vertices).
    std::vector<std::vector<Eigen::Index>> bandColumns(plans.size());
    std::vector<std::vector<double>> bandCosts(plans.size());
    for (std::size_t i = 0; i < plans.size(); ++i) {
        if (plans[i].swept()) {
            const RouterEvaluation& e = plans[i].oracle ? seed.oracle : seed.routers.at(std::size_t(plans[i].router));
            for (std::size_t b = 0; b < e.frontier.size(); ++b) {
                bandColumns[i].push_back(rows[i].quality + Eigen::Index(b));
                bandCosts[i].push_back(e.frontier[b].cost);
            }
        } else if (plans[i].zero) {
            std::vector<int> vertexModels;
            const auto hull = zeroRouterPoints(seed.singleModels, &vertexModels);
            for (std::size_t v = 0; v < hull.size(); ++v) {
                bandColumns[i].push_back(models[std::size_t(vertexModels[v])].quality);
                bandCosts[i].push_back(hull[v].cost);
            }
        }
    }

    const int resamples = settings.resamples;
    SeedResamples out;
    out.figures.resize(std::size_t(resamples));
    std::vector<Eigen::MatrixXd> bandSamples(plans.size());
    for (std::size_t i = 0; i < plans.size(); ++i)
        bandSamples[i].resize(resamples, Eigen::Index(bandColumns[i].size()));

    forEachResampleBlock(contributions, settings, stream, [&](int first, const Eigen::MatrixXd& means) {
        for (Eigen::Index k = 0; k < means.rows(); ++k) {
            const auto r = std::size_t(first) + std::size_t(k);
            SeedPoints points;
            for (std::size_t i = 0; i < plans.size(); ++i) {
                std::vector<CostQualityPoint> sweep;
                for (Eigen::Index b = 0; plans[i].swept() && b < rows[i].budgets; ++b)
                    sweep.push_back({means(k, rows[i].cost + b), means(k, rows[i].quality + b)});
                points.sweeps.push_back(std::move(sweep));
                points.sweepRci.push_back(plans[i].swept() ? means(k, rows[i].rci) : 0.0);
                for (std::size_t j = 0; j < bandColumns[i].size(); ++j)
                    bandSamples[i](Eigen::Index(r), Eigen::Index(j)) = means(k, bandColumns[i][j]);
            }
            for (std::size_t m = 0; m < models.size(); ++m) {
                points.singles.push_back({int(m), means(k, models[m].cost), means(k, models[m].quality)});
                points.singleRci.push_back(means(k, models[m].rci));
            }
            out.figures[r] = rowFigures(points, plans, bestModel);
        }
    }, job);

    out.bands.resize(plans.size());
    for (std::size_t i = 0; i < plans.size(); ++i)
        for (std::size_t j = 0; j < bandCosts[i].size(); ++j) {
            const Eigen::VectorXd column = bandSamples[i].col(Eigen::Index(j));
            const auto [lo, hi] = percentileInterval(std::vector<double>(column.data(), column.data() + column.size()));
            out.bands[i].push_back({bandCosts[i][j], lo, hi});
        }
    return out;
}

} // namespace routescope
