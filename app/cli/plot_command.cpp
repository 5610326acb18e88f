// routescope-cli plot: the workbench's frontier, selection-share and calls-per-query figures,
// without a display, drawn by the same code as the workbench's File > Export (widgets/plot_export.h),
// and `plot report`: the folder File > Export Report writes (core/report/report_folder.h).

#include "cli/arguments.h"
#include "cli/commands.h"
#include "cli/experiment_source.h"
#include "cli/scenario_options.h"
#include "cli/terminal_progress.h"

#include "calls_plot.h"
#include "experiment/budget_explorer.h"
#include "experiment/comparison.h"
#include "experiment/experiment_store.h"
#include "experiment_list.h"
#include "frontier_plot.h"
#include "plot_export.h"
#include "report/report_folder.h"
#include "scenario_panel.h"
#include "selection_share_plot.h"

#include <QApplication>
#include <QFile>
#include <QTemporaryDir>

#include <algorithm>
#include <climits>
#include <cmath>
#include <iostream>
#include <map>

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

// The runs of a saved experiment (--db PROJECT --experiment LABEL), as the workbench reopens them,
// under the scenario of the options (scenario_options.h), if any; `description` gets what a report
// says of it.
ScenarioEvaluation savedRuns(const Arguments& args, ReportDescription& description)
{
    ProjectStore store(args.required("--db"), ProjectStore::Access::ReadOnly);
    ScenarioEvaluation saved = evaluateScenario(store, args);
    std::map<std::int64_t, QString> names;
    for (const auto& d : store.datasets())
        names[d.id] = QString::fromStdString(d.name);
    description.experiment = saved.experiment.label;
    description.project = args.required("--db");
    description.dataset = names[saved.experiment.trainDatasetId].toStdString();
    description.split = describeSplit(saved.experiment, names).toStdString();
    description.seeds = saved.experiment.seeds;
    description.scenario = scenarioReportNote(saved.scenario);
    return saved;
}


} // namespace

int runPlot(int argc, char** argv)
{
    const Arguments args(argc, argv, 2, {"--budget-marker", "--linear", "--overlay-baseline"});
    auto allowed = experimentOptionNames();
    allowed.insert(allowed.end(), {"--out", "--router", "--size", "--font-pt", "--dpi", "--budget-marker", "--linear",
                                   "--experiment", "--bootstrap", "--overlay-baseline"});
    const auto scenarioOptions = scenarioOptionNames();
    allowed.insert(allowed.end(), scenarioOptions.begin(), scenarioOptions.end());
    args.allowOnly(allowed);
    const std::string figure = args.positionals().size() == 1 ? args.positionals()[0] : "";
    if (figure != "frontier" && figure != "share" && figure != "calls" && figure != "report")
        throw UsageError("plot takes one figure (frontier, share or calls) or report");
    if (args.option("--bootstrap") && figure != "report")
        throw UsageError("--bootstrap applies to plot report only");
    const std::string out = args.required("--out");
    const FigureOptions options = figureOptionsFrom(args);
    const double budgetMarker = args.option("--budget-marker").value_or("").empty()
                                    ? NAN
                                    : *args.real("--budget-marker", 0, INFINITY);
    const BudgetPolicy policy = budgetPolicyFrom(args);

    std::vector<ExperimentRun> runs;
    std::vector<std::string> modelNames;
    std::string router = args.option("--router").value_or("");
    ReportDescription description;
    std::optional<Comparison> baseline; // --overlay-baseline: the experiment at its training prices
    QString note;
    if (args.option("--experiment")) {
        for (const char* training : {"--train", "--test", "--dataset", "--routers", "--seeds"})
            if (args.option(training))
                throw UsageError(std::string("--experiment draws a saved experiment: ") + training + " does not apply");
        ScenarioEvaluation saved = savedRuns(args, description);
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
        description.experiment = "trained by routescope-cli plot";
        description.project = args.option("--db").value_or("none");
        description.dataset = source.description();
        SavedExperiment split; // describeSplit's words, as the experiment list says them
        split.trainDatasetId = source.trainDatasetId();
        split.testDatasetId = source.testDatasetId();
        split.trainFraction = spec.trainFraction;
        split.heldOutTask = spec.heldOutTask;
        std::map<std::int64_t, QString> names;
        if (split.testDatasetId)
            names[*split.testDatasetId] = QString::fromStdString(args.option("--test").value_or(
                args.option("--test-dataset").value_or("the test dataset")));
        description.split = describeSplit(split, names).toStdString();
        description.seeds = spec.seeds;
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
    // Draws one figure as the workbench does; throws UsageError when it has nothing to show.
    const auto draw = [&](const std::string& name, const QString& file) {
        QString error;
        if (name == "frontier") {
            FrontierPlot plot;
            plot.setLogCost(!args.flag("--linear"));
            plot.setTitleNote(note);
            plot.setComparison(compareRouters(runs, modelNames, policy), 0, palette);
            if (baseline)
                plot.setBaseline(&*baseline, 0, QObject::tr("dotted: training prices"));
            plot.setBudget(explorer, budgetIndex);
            error = exportFigure(plot, file, options);
        } else if (name == "calls") {
            CallsPlot plot;
            plot.setTitleNote(note);
            plot.setExplorer(explorer);
            if (plot.routers().isEmpty())
                throw UsageError("no router of --routers calls more than one model per query: add a cascade");
            error = exportFigure(plot, file, options);
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
            error = exportFigure(plot, file, options);
        }
        if (!error.isEmpty())
            throw std::runtime_error(error.toStdString());
    };
    if (figure != "report") {
        draw(figure, QString::fromStdString(out));
    } else {
        SummaryOptions summaryOptions;
        summaryOptions.bootstrap.resamples = static_cast<int>(args.integer("--bootstrap", 0, 100000).value_or(1000));
        const Comparison comparison = compareRouters(runs, modelNames, policy);
        const ComparisonSummary summary = summariseComparison(runs, comparison, summaryOptions, terminalProgress());
        endTerminalProgress();
        description.policy = policy;
        description.routers = comparison.routerNames;
        for (const auto& m : palette.modelsByPrice())
            description.modelsByPrice.push_back(m.toStdString());
        description.shareRouter = router;
        writeReportFolder(out, summary, description, [&](const std::filesystem::path& file, const std::string& name) {
            draw(name, QString::fromStdString(file.string()));
        });
    }
    std::cout << "wrote " << out << "\n";
    return 0;
}

} // namespace routescope::cli
