// routescope-cli plot: the workbench's frontier and selection-share figures, without a display.

#include "cli/arguments.h"
#include "cli/commands.h"
#include "cli/experiment_source.h"
#include "cli/terminal_progress.h"

#include "experiment/budget_explorer.h"
#include "experiment/comparison.h"
#include "frontier_plot.h"
#include "plot_export.h"
#include "selection_share_plot.h"

#include <QApplication>
#include <QFile>
#include <QTemporaryDir>

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
    if (args.positionals().size() != 1 || (args.positionals()[0] != "frontier" && args.positionals()[0] != "share"))
        throw UsageError("plot takes one figure: frontier or share");
    const bool frontierFigure = args.positionals()[0] == "frontier";
    const std::string out = args.required("--out");
    FigureSize size;
    // Pixels (PNG) or points (PDF, SVG): a 10,000-pixel side is a 400 MB image already.
    size.width = static_cast<int>(args.integer("--width", 100, 10000).value_or(size.width));
    size.height = static_cast<int>(args.integer("--height", 100, 10000).value_or(size.height));
    size.dpi = static_cast<int>(args.integer("--dpi", 30, 1200).value_or(size.dpi));

    const ExperimentSpec spec = experimentSpecFrom(args, "oracle,knn,mlp,equirouter");
    const BudgetPolicy policy = budgetPolicyFrom(args);
    const std::string router = args.option("--router").value_or(spec.routers.empty() ? "oracle" : spec.routers.front().name);
    if (!frontierFigure && router != "oracle" &&
        std::none_of(spec.routers.begin(), spec.routers.end(), [&](const RouterSpec& r) { return r.name == router; }))
        throw UsageError("--router " + router + " is not among the routers to train (or oracle)");
    const ExperimentSource source(args);
    const auto runs = runExperiment(source.train(), source.test(), spec, terminalProgress());
    endTerminalProgress();

    // Offscreen: figures are drawn without a display, and without a session's runtime folder
    // (Qt would warn on stderr before every message otherwise).
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QTemporaryDir runtimeDir;
    if (qEnvironmentVariableIsEmpty("XDG_RUNTIME_DIR") && runtimeDir.isValid())
        qputenv("XDG_RUNTIME_DIR", QFile::encodeName(runtimeDir.path()));
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
    if (frontierFigure) {
        FrontierPlot plot;
        plot.resize(size.width, size.height);
        plot.setLogCost(!args.flag("--linear"));
        plot.setComparison(compareRouters(runs, source.modelNames(), policy), 0, palette);
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
