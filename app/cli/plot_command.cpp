// routescope-cli plot: the workbench's frontier, selection-share and calls-per-query figures,
// without a display, drawn by the same code as the workbench's File > Export (widgets/plot_export.h).

#include "cli/arguments.h"
#include "cli/commands.h"
#include "cli/experiment_source.h"
#include "cli/scenario_options.h"
#include "cli/terminal_progress.h"

#include "calls_plot.h"
#include "experiment/budget_explorer.h"
#include "experiment/comparison.h"
#include "experiment/experiment_store.h"
#include "frontier_plot.h"
#include "plot_export.h"
#include "scenario_panel.h"
#include "selection_share_plot.h"

#include <QApplication>
#include <QFile>
#include <QTemporaryDir>

#include <algorithm>
#include <cmath>
#include <iostream>

namespace routescope::cli {

namespace {

// --size, --font-pt, --dpi and --budget-marker, as the workbench's figure dialog asks them.
FigureOptions figureOptionsFrom(const Arguments& args)
{
    FigureOptions options;
    if (const auto size = args.option("--size")) {
        QString error;
        const auto inches = parseFigureSize(QString::fromStdString(*size), &error);
        if (!inches)
            throw UsageError("--size: " + error.toStdString());
        options.inches = *inches;
    }
    options.fontPoints = static_cast<int>(args.integer("--font-pt", kMinFontPoints, kMaxFontPoints).value_or(options.fontPoints));
    options.dpi = static_cast<int>(args.integer("--dpi", kMinDpi, kMaxDpi).value_or(options.dpi));
    options.budgetMarkers = args.flag("--budget-marker");
    return options;
}

// The runs of a saved experiment (--db PROJECT --experiment LABEL), as the workbench reopens
// them, under the scenario of the options (scenario_options.h), if any.
ScenarioEvaluation savedRuns(const Arguments& args)
{
    ProjectStore store(args.required("--db"), ProjectStore::Access::ReadOnly);
    return evaluateScenario(store, args);
}


} // namespace

int runPlot(int argc, char** argv)
{
    const Arguments args(argc, argv, 2, {"--budget-marker", "--linear", "--overlay-baseline"});
    auto allowed = experimentOptionNames();
    allowed.insert(allowed.end(), {"--out", "--router", "--size", "--font-pt", "--dpi", "--budget-marker", "--linear",
                                   "--experiment", "--overlay-baseline"});
    const auto scenarioOptions = scenarioOptionNames();
    allowed.insert(allowed.end(), scenarioOptions.begin(), scenarioOptions.end());
    args.allowOnly(allowed);
    const std::string figure = args.positionals().size() == 1 ? args.positionals()[0] : "";
    if (figure != "frontier" && figure != "share" && figure != "calls")
        throw UsageError("plot takes one figure: frontier, share or calls");
    const std::string out = args.required("--out");
    const FigureOptions options = figureOptionsFrom(args);
    const double budgetMarker = args.option("--budget-marker").value_or("").empty()
                                    ? NAN
                                    : *args.real("--budget-marker", 0, INFINITY);
    const BudgetPolicy policy = budgetPolicyFrom(args);

    std::vector<ExperimentRun> runs;
    std::vector<std::string> modelNames;
    std::string router = args.option("--router").value_or("");
    std::optional<Comparison> baseline; // --overlay-baseline: the experiment at its training prices
    QString note;
    if (args.option("--experiment")) {
        for (const char* training : {"--train", "--test", "--dataset", "--routers", "--seeds"})
            if (args.option(training))
                throw UsageError(std::string("--experiment draws a saved experiment: ") + training + " does not apply");
        ScenarioEvaluation saved = savedRuns(args);
        if (args.flag("--overlay-baseline"))
            baseline = compareRouters(saved.baseline, saved.models, policy);
        note = scenarioCaption(saved.scenario);
        runs = std::move(saved.runs.runs);
        modelNames = std::move(saved.runs.modelNames);
    } else {
        for (const auto& option : scenarioOptions)
            if (args.option(option))
                throw UsageError(option + " applies to a saved experiment: give --db and --experiment");
        if (args.flag("--overlay-baseline"))
            throw UsageError("--overlay-baseline draws a saved experiment's scenario over its training prices: give --experiment");
        const ExperimentSpec spec = experimentSpecFrom(
            args, figure == "calls" ? "cascade,cascade:error=0.1,cascade:error=0.2" : "oracle,knn,mlp,equirouter");
        if (!router.empty() && router != "oracle" &&
            std::none_of(spec.routers.begin(), spec.routers.end(), [&](const RouterSpec& r) { return r.name == router; }))
            throw UsageError("--router " + router + " is not among the routers to train (or oracle)");
        const ExperimentSource source(args);
        runs = runExperiment(source.train(), source.test(), spec, terminalProgress());
        endTerminalProgress();
        modelNames = source.modelNames();
    }
    if (router.empty())
        router = runs.front().routers.empty() ? "oracle" : runs.front().routers.front().spec.name;

    // Offscreen: figures are drawn without a display, and without a session's runtime folder
    // (Qt would warn on stderr before every message otherwise).
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QTemporaryDir runtimeDir;
    if (qEnvironmentVariableIsEmpty("XDG_RUNTIME_DIR") && runtimeDir.isValid())
        qputenv("XDG_RUNTIME_DIR", QFile::encodeName(runtimeDir.path()));
    int qtArgc = 1;
    QApplication app(qtArgc, argv);

    // As the workbench shows an experiment: its first seed, the slider at the largest budget.
    const ModelPalette palette = modelPalette(modelNames, runs.front().trueCosts);
    const BudgetExplorer explorer = exploreBudgets(runs.front(), policy);
    const int budgetIndex = std::isnan(budgetMarker) ? int(explorer.budgets.size()) - 1
                                                     : explorer.nearestBudgetIndex(budgetMarker);
    QString error;
    if (figure == "frontier") {
        FrontierPlot plot;
        plot.setLogCost(!args.flag("--linear"));
        plot.setTitleNote(note);
        plot.setComparison(compareRouters(runs, modelNames, policy), 0, palette);
        if (baseline)
            plot.setBaseline(&*baseline, 0, QObject::tr("dotted: training prices"));
        plot.setBudget(explorer, budgetIndex);
        error = exportFigure(plot, QString::fromStdString(out), options);
    } else if (figure == "calls") {
        CallsPlot plot;
        plot.setTitleNote(note);
        plot.setExplorer(explorer);
        if (plot.routers().isEmpty())
            throw UsageError("no router of --routers calls more than one model per query: add a cascade");
        error = exportFigure(plot, QString::fromStdString(out), options);
    } else {
        std::vector<QString> names;
        for (const auto& n : modelNames)
            names.push_back(QString::fromStdString(n));
        SelectionSharePlot plot;
        plot.setTitleNote(note);
        plot.setRouter(explorer, QString::fromStdString(router), names, palette);
        if (plot.router().isEmpty())
            throw UsageError("--router " + router + " is not among the trained routers (or oracle)");
        plot.setBudget(explorer, budgetIndex);
        error = exportFigure(plot, QString::fromStdString(out), options);
    }
    if (!error.isEmpty())
        throw std::runtime_error(error.toStdString());
    std::cout << "wrote " << out << "\n";
    return 0;
}

} // namespace routescope::cli
