#include "scenario_workbench.h"

#include "project_actions.h"
#include "project_session.h"

#include "budget_slider.h"
#include "calls_plot.h"
#include "experiment/experiment_store.h"
#include "frontier_plot.h"
#include "main_window.h"
#include "result_views.h"
#include "scenario/scenario_store.h"
#include "selection_share_plot.h"
#include "share_panel.h"
#include "training_panel.h"

#include <QDockWidget>
#include <QMessageBox>
#include <QSplitter>
#include <QStatusBar>

namespace routescope {

ScenarioWorkbench::ScenarioWorkbench(MainWindow* window) : QObject(window), window_(window)
{
    panel_ = new ScenarioPanel(window);
    auto* dock = new QDockWidget(tr("Scenario: what if prices change?"), window);
    dock->setObjectName("scenario");
    dock->setWidget(panel_);
    dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable | QDockWidget::DockWidgetClosable);
    window->addDockWidget(Qt::LeftDockWidgetArea, dock);
    // A tab beside the experiment's panel: the table gets the dock's whole height.
    if (auto* experiment = window->findChild<QDockWidget*>("experiment")) {
        window->tabifyDockWidget(experiment, dock);
        experiment->raise();
    }

    // Side by side: the experiment at its training prices left of the scenario's frontier.
    baselineFrontier_ = new FrontierPlot(window);
    baselineFrontier_->setObjectName("Quality-cost frontier at training prices");
    baselineFrontier_->setTitleNote(tr("training prices"));
    baselineFrontier_->hide();
    if (auto* plots = qobject_cast<QSplitter*>(window->frontierPlot()->parentWidget()))
        plots->insertWidget(plots->indexOf(window->frontierPlot()), baselineFrontier_);

    connect(window, &MainWindow::resultShown, this, [this] { showResult(); });
    connect(window, &MainWindow::resultCleared, this, &ScenarioWorkbench::reset);
    connect(window->projectActions(), &ProjectActions::experimentRenamed, this, [this](const QString& from, const QString& to) {
        if (experiment_ == from) { // the window relabelled the result and its baseline
            experiment_ = to;
            panel_->relabel(to);
        }
    });
    connect(window->budgetSlider(), &BudgetSlider::budgetChanged, this, &ScenarioWorkbench::showBaselineBudget);
    connect(panel_, &ScenarioPanel::scenarioChanged, this, &ScenarioWorkbench::reevaluate);
    connect(panel_, &ScenarioPanel::displayChanged, this, [this] { showResult(); });
    connect(panel_, &ScenarioPanel::saveRequested, this, &ScenarioWorkbench::save);
    connect(panel_, &ScenarioPanel::deleteRequested, this, &ScenarioWorkbench::remove);
    connect(panel_, &ScenarioPanel::retrainRequested, this, &ScenarioWorkbench::retrain);
    connect(window, &MainWindow::trainingFinished, this, [this] {
        panel_->setWritable(window_->project()->store() && !window_->project()->store()->readOnly() && !window_->jobs()->training());
    });
}

std::vector<Scenario> ScenarioWorkbench::savedScenarios() const
{
    ProjectStore* project = window_->project()->store();
    if (!project || experiment_.isEmpty())
        return {};
    try {
        return listScenarios(*project, experiment_.toStdString());
    } catch (const std::exception& e) {
        panel_->setStatus(QString::fromStdString(e.what()));
        return {};
    }
}

void ScenarioWorkbench::newExperiment(const WorkbenchResult& result)
{
    experiment_ = result.label;
    std::vector<ScenarioModelRow> rows;
    const auto& names = result.comparison.modelNames;
    std::set<std::string> tokenModels;
    bool trainingRows = false;
    ProjectStore* project = window_->project()->store();
    if (const auto saved = window_->savedExperiment(result.label); saved && project) {
        trainingRows = saved->trainingRows;
        for (const auto id : {std::optional(saved->trainDatasetId), saved->testDatasetId})
            if (id) {
                const auto counted = project->modelsWithTokenCounts(*id);
                if (id == saved->trainDatasetId)
                    tokenModels.insert(counted.begin(), counted.end());
                else
                    std::erase_if(tokenModels, [&](const std::string& m) {
                        return std::find(counted.begin(), counted.end(), m) == counted.end();
                    });
            }
    }
    for (std::size_t m = 0; m < names.size(); ++m) {
        ScenarioModelRow row;
        row.name = names[m];
        if (result.testData)
            for (const auto& info : result.testData->models)
                if (info.name == row.name) {
                    row.inputPrice = info.inputPrice;
                    row.outputPrice = info.outputPrice;
                }
        row.tokenCounts = trainingRows && tokenModels.count(row.name);
        row.meanCost = result.runs->front().trueCosts.col(Eigen::Index(m)).mean();
        rows.push_back(std::move(row));
    }
    panel_->setExperiment(result.label, std::move(rows), savedScenarios());
}

void ScenarioWorkbench::showResult()
{
    const WorkbenchResult& result = window_->result();
    panel_->setWritable(window_->project()->store() && !window_->project()->store()->readOnly() && !window_->jobs()->training());
    if (!result.complete || !result.runs || result.runs->empty())
        return; // a training's partial result: the views were reset when it started
    setCaptions(scenarioCaption(result.scenario)); // none when the result is not a scenario's
    if (!result.baseline && result.label != experiment_)
        newExperiment(result);

    // Mean cost per query of each model of the pool under the scenario (the shown seed's test rows).
    std::vector<std::optional<double>> costs;
    const auto& run = (*result.runs)[result.seedIndex];
    for (const auto& row : panel_->model()->rows()) {
        const auto& pool = result.comparison.modelNames;
        const auto it = std::find(pool.begin(), pool.end(), row.name);
        costs.push_back(it == pool.end() ? std::nullopt
                                         : std::optional(run.trueCosts.col(Eigen::Index(it - pool.begin())).mean()));
    }
    panel_->setScenarioCosts(costs);
    if (!result.scenario.isBaseline())
        panel_->setStatus(tr("Experiment %1 under %2: re-evaluated, no router retrained (their predictions and what they "
                             "learned from the training prices stay).")
                              .arg(result.label, QString::fromStdString(describeScenario(result.scenario))));
    showBaseline();
}

void ScenarioWorkbench::reset()
{
    setCaptions({});
    window_->frontierPlot()->setBaseline(nullptr, 0, {});
    baselineFrontier_->clearComparison();
    baselineFrontier_->hide();
    if (experiment_.isEmpty())
        return;
    experiment_.clear();
    panel_->setExperiment({}, {}, {});
}

void ScenarioWorkbench::setCaptions(const QString& note)
{
    for (PlotWidget* plot : std::initializer_list<PlotWidget*>{window_->frontierPlot(), window_->sharePlot(),
                                                               window_->views()->shares()->secondPlot(), window_->callsPlot()})
        plot->setTitleNote(note);
}

void ScenarioWorkbench::showBaseline()
{
    const WorkbenchResult& result = window_->result();
    const bool scenario = result.baseline != nullptr;
    const auto display = panel_->display();
    window_->frontierPlot()->setBaseline(scenario && display == ScenarioPanel::Display::Overlaid ? &result.baseline->comparison
                                                                                                : nullptr,
                                         result.seedIndex, tr("dotted: training prices"));
    const bool side = scenario && display == ScenarioPanel::Display::SideBySide;
    baselineFrontier_->setVisible(side);
    if (!side)
        return;
    const WorkbenchResult& base = *result.baseline;
    baselineFrontier_->setComparison(base.comparison, base.seedIndex,
                                     modelPalette(base.comparison.modelNames, (*base.runs)[base.seedIndex].trueCosts));
    showBaselineBudget();
}

void ScenarioWorkbench::showBaselineBudget()
{
    const WorkbenchResult& result = window_->result();
    if (!result.baseline || baselineFrontier_->isHidden())
        return;
    const WorkbenchResult& base = *result.baseline;
    const int index = window_->budgetSlider()->index();
    if (index >= 0 && std::size_t(index) < result.explorer.budgets.size())
        baselineFrontier_->setBudget(base.explorer, base.explorer.nearestBudgetIndex(result.explorer.budgets[std::size_t(index)]));
}

void ScenarioWorkbench::reevaluate(const Scenario& scenario)
{
    ProjectStore* project = window_->project()->store();
    if (!project || window_->jobs()->training() || !window_->result().complete)
        return;
    panel_->setStatus(tr("Re-evaluating..."));
    window_->jobs()->evaluateScenario(window_->result(), scenario, QString::fromStdString(project->path()));
}

void ScenarioWorkbench::save(const Scenario& scenario, bool replace)
{
    ProjectStore* project = window_->project()->store();
    if (!project || project->readOnly())
        return;
    try {
        saveScenario(*project, experiment_.toStdString(), scenario, replace);
    } catch (const std::exception& e) {
        QMessageBox::warning(window_, tr("Scenario not saved"), QString::fromStdString(e.what()));
        return;
    }
    panel_->setSavedScenarios(savedScenarios(), QString::fromStdString(scenario.name));
    panel_->chooseSaved(QString::fromStdString(scenario.name));
    window_->statusBar()->showMessage(tr("Saved scenario %1 with experiment %2").arg(QString::fromStdString(scenario.name), experiment_), 5000);
}

void ScenarioWorkbench::remove(const QString& name)
{
    ProjectStore* project = window_->project()->store();
    if (!project || project->readOnly())
        return;
    try {
        removeScenario(*project, experiment_.toStdString(), name.toStdString());
    } catch (const std::exception& e) {
        QMessageBox::warning(window_, tr("Scenario not deleted"), QString::fromStdString(e.what()));
        return;
    }
    panel_->setSavedScenarios(savedScenarios(), {});
    panel_->chooseSaved({});
}

void ScenarioWorkbench::retrain(const Scenario& scenario)
{
    ProjectStore* project = window_->project()->store();
    if (!project || project->readOnly() || window_->jobs()->training())
        return;
    const auto saved = window_->savedExperiment(experiment_);
    if (!saved)
        return;
    // The experiment's own settings (not the form's): routers, seeds, split and validation share.
    TrainingRequest request;
    for (const auto& name : saved->routerNames)
        request.spec.routers.push_back(parseRouterSpec(name));
    request.spec.seeds = saved->seeds;
    request.spec.trainFraction = saved->trainFraction;
    request.spec.validationFraction = saved->validationFraction;
    request.spec.heldOutTask = saved->heldOutTask;
    request.projectPath = QString::fromStdString(project->path());
    request.trainDatasetId = saved->trainDatasetId;
    request.testDatasetId = saved->testDatasetId;
    request.scenario = scenario;
    request.policy = window_->trainingPanel()->policy();
    window_->startTraining(request);
}

} // namespace routescope
