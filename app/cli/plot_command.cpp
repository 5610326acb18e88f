// routescope-cli plot: the workbench's frontier, selection-share and calls-per-query figures,
// without a display.

#include "cli/arguments.h"
#include "cli/commands.h"
#include "cli/experiment_source.h"
#include "cli/terminal_progress.h"

#include "calls_plot.h"
#include "experiment/budget_explorer.h"
#include "experiment/comparison.h"
#include "frontier_plot.h"
#include "plot_export.h"
#include "selection_share_plot.h"

#include <QApplication>

#include <algorithm>
#include <iostream>
#include <numeric>

namespace routescope::cli {

int runPlot(int argc, char** argv)
{
    const Arguments args(argc, argv, 2);
    auto allowed = experimentOptionNames();
    allowed.insert(allowed.end(), {"--out", "--router", "--width", "--height", "--dpi", "--linear"});
    args.allowOnly(allowed);
    const std::string figure = args.positionals().size() == 1 ? args.positionals()[0] : "";
    if (figure != "frontier" && figure != "share" && figure != "calls")
        throw UsageError("plot takes one figure: frontier, share or calls");
    const std::string out = args.required("--out");
    FigureSize size;
    size.width = std::stoi(args.option("--width").value_or(std::to_string(size.width)));
    size.height = std::stoi(args.option("--height").value_or(std::to_string(size.height)));
    size.dpi = std::stoi(args.option("--dpi").value_or(std::to_string(size.dpi)));

    const ExperimentSpec spec = experimentSpecFrom(
        args, figure == "calls" ? "cascade,cascade:error=0.1,cascade:error=0.2" : "oracle,knn,mlp,equirouter");
    const BudgetPolicy policy = budgetPolicyFrom(args);
    const std::string router = args.option("--router").value_or(spec.routers.empty() ? "oracle" : spec.routers.front().name);
    const ExperimentSource source(args);
    const auto runs = runExperiment(source.train(), source.test(), spec, terminalProgress());
    endTerminalProgress();

    // Offscreen: figures are drawn without a display.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    int qtArgc = 1;
    QApplication app(qtArgc, argv);

    // Models coloured by mean test cost, as in the workbench.
    std::vector<std::size_t> order(source.modelNames().size());
    std::iota(order.begin(), order.end(), 0);
    const Eigen::RowVectorXd meanCost = runs.front().trueCosts.colwise().mean();
    std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return meanCost(Eigen::Index(a)) < meanCost(Eigen::Index(b)); });
    std::vector<QString> byPrice, names;
    for (auto i : order)
        byPrice.push_back(QString::fromStdString(source.modelNames()[i]));
    for (const auto& n : source.modelNames())
        names.push_back(QString::fromStdString(n));
    const ModelPalette palette(byPrice);

    QString error;
    if (figure == "frontier") {
        FrontierPlot plot;
        plot.resize(size.width, size.height);
        plot.setLogCost(!args.flag("--linear"));
        plot.setComparison(compareRouters(runs, source.modelNames(), policy), 0, palette);
        error = exportPlot(plot, QString::fromStdString(out), size);
    } else if (figure == "calls") {
        CallsPlot plot;
        plot.resize(size.width, size.height);
        plot.setExplorer(exploreBudgets(runs.front(), policy));
        if (plot.routers().isEmpty())
            throw UsageError("no router of --routers calls more than one model per query: add a cascade");
        error = exportPlot(plot, QString::fromStdString(out), size);
    } else {
        const BudgetExplorer explorer = exploreBudgets(runs.front(), policy);
        SelectionSharePlot plot;
        plot.resize(size.width, size.height);
        plot.setRouter(explorer, QString::fromStdString(router), names, palette);
        if (plot.router().isEmpty())
            throw UsageError("--router " + router + " is not among the trained routers (or oracle)");
        error = exportPlot(plot, QString::fromStdString(out), size);
    }
    if (!error.isEmpty())
        throw std::runtime_error(error.toStdString());
    std::cout << "wrote " << out << "\n";
    return 0;
}

} // namespace routescope::cli
