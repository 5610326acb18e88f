// How long one budget-slider move takes at RouterBench size: 36,497 queries x 11 models x 10
// routers. Moves every view the slider drives (frontier markers, two share plots' cursors, the
// live panel) and repaints them, offscreen, for every slider position; prints median and worst.
//   QT_QPA_PLATFORM=offscreen build/bin/bench_slider [queries] [routers]

#include "experiment/budget_explorer.h"
#include "experiment/comparison.h"
#include "util/random.h"
#include "frontier_plot.h"
#include "live_budget_panel.h"
#include "model_palette.h"
#include "selection_share_plot.h"
#include "build_info.h"

#include <QApplication>
#include <QElapsedTimer>

#include <algorithm>
#include <cstdio>

using namespace routescope;

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    std::printf("build: %s\n", ROUTESCOPE_BUILD_INFO); // which build these numbers measure
    const int queries = argc > 1 ? std::atoi(argv[1]) : 36497;
    const int routers = argc > 2 ? std::atoi(argv[2]) : 10;
    const int models = 11;

    // Random truth with ties and per-model price levels; routers are noisy copies of the truth.
    Random random(1);
    ExperimentRun run;
    run.trueScores.resize(queries, models);
    run.trueCosts.resize(queries, models);
    for (int n = 0; n < queries; ++n)
        for (int m = 0; m < models; ++m) {
            run.trueScores(n, m) = random.uniform() < 0.4 + 0.05 * m ? 1.0 : 0.0;
            run.trueCosts(n, m) = 1e-5 * std::pow(2.0, m) * (0.5 + random.uniform());
        }
    run.predictedCost = run.trueCosts * 1.1;
    std::vector<std::string> names;
    for (int m = 0; m < models; ++m)
        names.push_back("model-" + std::to_string(m));
    for (int r = 0; r < routers; ++r) {
        Eigen::MatrixXd P = run.trueScores;
        for (int n = 0; n < queries; ++n)
            for (int m = 0; m < models; ++m)
                P(n, m) += 0.3 * (r + 1) * (random.uniform() - 0.5);
        run.routers.push_back({{"router-" + std::to_string(r), "bench", {}}, nullptr, P, 0});
    }

    QElapsedTimer setup;
    setup.start();
    std::vector<ExperimentRun> runs;
    runs.push_back(std::move(run));
    const Comparison comparison = compareRouters(runs, names, BudgetPolicy::CostThreshold);
    const BudgetExplorer explorer = exploreBudgets(runs.front(), BudgetPolicy::CostThreshold);
    const double setupMs = setup.nsecsElapsed() / 1e6;

    std::vector<QString> byPrice;
    for (const auto& n : names)
        byPrice.push_back(QString::fromStdString(n));
    const ModelPalette palette(byPrice);
    FrontierPlot frontier;
    SelectionSharePlot shareA, shareB;
    LiveBudgetPanel live;
    for (QWidget* w : std::initializer_list<QWidget*>{&frontier, &shareA, &shareB, &live}) {
        w->resize(700, 500);
        w->show();
    }
    frontier.setComparison(comparison, 0, palette);
    shareA.setRouter(explorer, "router-0", byPrice, palette);
    shareB.setRouter(explorer, "router-9", byPrice, palette);
    QApplication::processEvents();

    std::vector<double> ms;
    for (int pass = 0; pass < 2; ++pass)
        for (int b = 0; b < int(explorer.budgets.size()); ++b) {
            QElapsedTimer t;
            t.start();
            frontier.setBudget(explorer, b);
            shareA.setBudget(explorer, b);
            shareB.setBudget(explorer, b);
            live.setBudget(explorer, b, "model-10");
            // What the queued replots would do at the next event-loop turn, done now and timed.
            frontier.replot(QCustomPlot::rpImmediateRefresh);
            shareA.replot(QCustomPlot::rpImmediateRefresh);
            shareB.replot(QCustomPlot::rpImmediateRefresh);
            live.viewport()->repaint();
            ms.push_back(t.nsecsElapsed() / 1e6);
        }
    std::sort(ms.begin(), ms.end());
    std::printf("slider update (%d queries x %d models x %d routers, %zu positions x 2 passes):\n", queries, models,
                routers, explorer.budgets.size());
    std::printf("  median %.2f ms, 95th percentile %.2f ms, worst %.2f ms (target: under 16 ms)\n", ms[ms.size() / 2],
                ms[ms.size() * 95 / 100], ms.back());
    std::printf("  one-time evaluation when results arrive (comparison + shared-grid sweeps): %.0f ms\n", setupMs);
    return 0;
}
