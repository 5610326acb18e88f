#include "main_window.h"

#include "calls_plot.h"
#include "dataset_panel.h"
#include "experiment_card.h"
#include "experiment_list.h"
#include "export_actions.h"
#include "frontier_plot.h"
#include "import_control.h"
#include "metrics_panel.h"
#include "project_actions.h"
#include "project_session.h"
#include "recent_files.h"
#include "result_views.h"
#include "scenario_workbench.h"
#include "selection_share_plot.h"
#include "share_panel.h"
#include "training_panel.h"

#include <QCloseEvent>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QStatusBar>
#include <QThreadPool>
#include <QToolBar>
#include <QVBoxLayout>

namespace routescope {

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent), session_(new ProjectSession(this)), jobs_(new ExperimentJobs(this)),
      imports_(new ImportControl(this))
{
    actions_ = new ProjectActions(session_, this, [this] { return !jobs_->running() && !imports_->running(); });
    setWindowTitle(tr("RouteScope"));
    setAcceptDrops(true);
    setCentralWidget(createWorkbench());

    auto* side = new QWidget(this);
    auto* sideLayout = new QVBoxLayout(side);
    sideLayout->setContentsMargins(0, 0, 0, 0);
    card_ = new ExperimentCard(side);
    training_ = new TrainingPanel(side);
    sideLayout->addWidget(card_);
    sideLayout->addWidget(training_, 1);
    auto* dock = new QDockWidget(tr("Experiment"), this);
    dock->setObjectName("experiment");
    dock->setWidget(side);
    dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    addDockWidget(Qt::LeftDockWidgetArea, dock);
    resizeDocks({dock}, {dock->minimumSizeHint().width()}, Qt::Horizontal); // the plots get the width

    status_ = new QLabel(tr("Drop routing dataset files here, or use File > Open (Ctrl+O)."), this);
    statusBar()->addWidget(status_, 1);
    statusBar()->addPermanentWidget(views_->intervalProgress());
    statusBar()->addPermanentWidget(imports_->progressBar());
    statusBar()->addPermanentWidget(imports_->cancelButton());
    connect(imports_, &ImportControl::status, status_, &QLabel::setText);
    connect(imports_, &ImportControl::error, this, &MainWindow::showError);
    connect(imports_, &ImportControl::finished, this, [this](bool ok, const QString& file, const QString& message) {
        if (ok) {
            recent_->remember(RecentFiles::Kind::Dataset, file);
            refreshProject();
            views_->tabs()->setCurrentWidget(datasets_);
        }
        emit importFinished(ok, message);
    });

    connect(training_, &TrainingPanel::trainRequested, this, [this] { startTraining(); });
    connect(training_, &TrainingPanel::cancelRequested, jobs_, &ExperimentJobs::cancel);
    connect(training_, &TrainingPanel::policyChanged, this, [this](BudgetPolicy policy) {
        if (result().runs && result().complete)
            jobs_->reevaluate(result(), policy, result().seedIndex);
    });
    connect(card_, &ExperimentCard::copyRequested, this, [this] {
        if (const auto shown = shownExperiment())
            training_->setSettings(*shown);
    });
    connect(jobs_, &ExperimentJobs::routerProgress, training_, &TrainingPanel::showRouterProgress);
    connect(jobs_, &ExperimentJobs::resultReady, this, &MainWindow::showResult);
    connect(jobs_, &ExperimentJobs::intervalsReady, this, &MainWindow::showIntervals);
    connect(jobs_, &ExperimentJobs::intervalProgress, views_, &ResultViews::showIntervalProgress);
    connect(jobs_, &ExperimentJobs::failed, this, [this](const QString& message) {
        training_->setTraining(false);
        showError(tr("Training failed"), message);
    });
    connect(jobs_, &ExperimentJobs::cancelled, this, [this] {
        status_->setText(tr("Training cancelled; nothing was saved."));
        if (!result().complete)
            clearResult();
    });
    connect(jobs_, &ExperimentJobs::finished, this, [this] {
        training_->setTraining(false);
        views_->intervalProgress()->hide();
        emit trainingFinished();
    });

    exports_ = new ExportActions(this, {frontierPlot(), sharePlot(), callsPlot()}, [this] { return reportDescription(); },
                                 [this]() -> const ComparisonSummary& { return result().summary; });
    connect(exports_, &ExportActions::status, status_, &QLabel::setText);
    connect(exports_, &ExportActions::error, this, &MainWindow::showError);
    createMenus();
    connectProject();
    new ScenarioWorkbench(this); // what-if scenarios: their panel, jobs and views (scenario_workbench.h)
    resize(1500, 920);
}

MainWindow::~MainWindow()
{
    imports_->cancel();
    jobs_->cancel();
    QThreadPool::globalInstance()->waitForDone();
}

QWidget* MainWindow::createWorkbench()
{
    views_ = new ResultViews(this);
    connect(views_->metricsPanel(), &MetricsPanel::referenceChosen, this, [this](const QString& name) {
        SummaryOptions options = jobs_->summaryOptions();
        options.reference = name.toStdString();
        jobs_->setSummaryOptions(options);
        if (result().runs && result().complete)
            jobs_->resummarise(result());
    });
    experiments_ = new ExperimentList(this);
    views_->tabs()->insertTab(3, experiments_, tr("Experiments"));
    connect(experiments_, &ExperimentList::showRequested, this, &MainWindow::showExperiment);
    datasets_ = new DatasetPanel(this);
    views_->tabs()->insertTab(4, datasets_, tr("Datasets"));
    connect(datasets_, &DatasetPanel::renameRequested, actions_, &ProjectActions::renameDataset);
    connect(datasets_, &DatasetPanel::removeRequested, actions_, &ProjectActions::removeDataset);
    return views_;
}

void MainWindow::createMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Open or Import..."), QKeySequence::Open, this, [this] {
        const QStringList paths = QFileDialog::getOpenFileNames(
            this, tr("Open project or import datasets"), QString(),
            tr("Projects and datasets (*.routescope *.csv *.json *.jsonl);;All files (*)"));
        openPaths(paths);
    });
    file->addAction(tr("&New Project..."), QKeySequence::New, actions_, &ProjectActions::newProject);
    file->addAction(tr("Save Project &As..."), QKeySequence::SaveAs, actions_, &ProjectActions::saveProjectAs);
    recent_ = new RecentFiles(file->addMenu(tr("Open &Recent")), this);
    connect(recent_, &RecentFiles::openRequested, this, [this](const QString& path) { openPaths({path}); });
    file->addAction(tr("&Default Project Location..."), actions_, &ProjectActions::chooseDefaultProject);
    file->addSeparator();
    exports_->addTo(file);
    file->addSeparator();
    file->addAction(tr("&Clear Cached Features..."), actions_, &ProjectActions::clearFeatureCache);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    auto* logAxis = view->addAction(tr("&Logarithmic Cost Axis"));
    logAxis->setCheckable(true);
    logAxis->setChecked(true);
    connect(logAxis, &QAction::toggled, frontierPlot(), &FrontierPlot::setLogCost);
    bandAction_ = view->addAction(tr("Show 95 % &Band of the Selected Router"));
    bandAction_->setIconText(tr("95 % band"));
    bandAction_->setToolTip(tr("Shade the bootstrap band of the router chosen for the share plot (or clicked in "
                               "the metrics table) on the frontier"));
    bandAction_->setCheckable(true);
    connect(bandAction_, &QAction::toggled, views_, &ResultViews::showBand);

    auto* toolbar = addToolBar(tr("Workbench"));
    toolbar->setObjectName("workbench");
    toolbar->addAction(logAxis);
    toolbar->addAction(bandAction_);
    toolbar->addSeparator();
    toolbar->addWidget(new QLabel(tr(" Seed: "), toolbar));
    seed_ = new QComboBox(toolbar);
    seed_->setToolTip(tr("The seed whose split the plots and the slider show; the metrics table covers all seeds"));
    toolbar->addWidget(seed_);
    connect(seed_, &QComboBox::activated, this, [this](int index) {
        if (result().runs && result().complete)
            jobs_->reevaluate(result(), training_->policy(), std::size_t(index));
    });
}

const WorkbenchResult& MainWindow::result() const { return views_->result(); }
BudgetSlider* MainWindow::budgetSlider() const { return views_->slider(); }
SelectionSharePlot* MainWindow::sharePlot() const { return views_->shares()->plot(); }
FrontierPlot* MainWindow::frontierPlot() const { return views_->frontier(); }
LiveBudgetPanel* MainWindow::livePanel() const { return views_->live(); }
CallsPlot* MainWindow::callsPlot() const { return views_->calls(); }
MetricsTable* MainWindow::metricsTable() const { return views_->metricsPanel()->table(); }
QueryInspector* MainWindow::queryInspector() const { return views_->inspector(); }

void MainWindow::connectProject()
{
    connect(session_, &ProjectSession::opened, this, &MainWindow::projectOpenedAt);
    connect(session_, &ProjectSession::openFailed, this, [this](const QString& title, const QString& message) {
        pendingImports_.clear();
        showError(title, message);
        emit projectOpened(false);
    });
    connect(session_, &ProjectSession::changed, this, &MainWindow::refreshProject);
    connect(session_, &ProjectSession::busyChanged, this, [this](bool busy, const QString& message) {
        if (busy)
            status_->setText(message);
    });
    connect(session_, &ProjectSession::saved, this, [this](const QString& path, const QString& error) {
        if (error.isEmpty()) {
            openProject(path); // files dropped meanwhile go into the copy
            return;
        }
        showError(tr("Cannot save the project"), error);
        importFiles(std::exchange(pendingImports_, {}));
    });
    connect(session_, &ProjectSession::cacheCleared, this, [this](const QString& error) {
        if (!error.isEmpty())
            showError(tr("Cannot clear the feature cache"), error);
        else
            status_->setText(tr("Cleared the cached features."));
        emit featureCacheCleared(error.isEmpty());
        importFiles(std::exchange(pendingImports_, {})); // dropped while it cleared
    });
    connect(actions_, &ProjectActions::openRequested, this, [this](const QString& path) { openProject(path); });
    connect(actions_, &ProjectActions::status, status_, &QLabel::setText);
    connect(actions_, &ProjectActions::error, this, &MainWindow::showError);
    connect(actions_, &ProjectActions::experimentRenamed, this, [this](const QString& from, const QString& to) {
        if (result().label == from)
            views_->relabel(to);
        showCard(); // the session's change() refreshed the list before the label moved
    });
    connect(actions_, &ProjectActions::experimentDeleted, this, [this](const QString& label) {
        if (result().label == label)
            clearResult();
    });
    connect(actions_, &ProjectActions::datasetRemoved, this, [this] {
        if (!result().label.isEmpty() && !shownExperiment())
            clearResult(); // it went with the dataset
    });
    connect(experiments_, &ExperimentList::renameRequested, actions_, &ProjectActions::renameExperiment);
    connect(experiments_, &ExperimentList::deleteRequested, actions_, &ProjectActions::deleteExperiment);
}

void MainWindow::openProject(const QString& path, bool autoTrain)
{
    autoTrain_ = autoTrain;
    session_->open(path);
}

void MainWindow::openLastProject()
{
    if (const QString last = recent_->lastProject(); !last.isEmpty())
        openProject(last);
}

void MainWindow::projectOpenedAt(const QString& path)
{
    clearResult();
    const bool readOnly = session_->store()->readOnly();
    const QString absolute = QFileInfo(path).absoluteFilePath();
    setWindowTitle(tr("%1%2 - RouteScope").arg(absolute, readOnly ? tr(" (read-only)") : QString()));
    const bool isDefault = absolute == QFileInfo(ProjectActions::defaultProjectPath()).absoluteFilePath();
    datasets_->setProjectText(isDefault ? tr("Project: %1 (the default project; File > Default Project Location moves it)")
                                          .arg(absolute)
                                    : tr("Project: %1").arg(absolute));
    status_->setText(session_->readOnlyReason().isEmpty() ? tr("Opened %1").arg(absolute) : session_->readOnlyReason());
    recent_->remember(RecentFiles::Kind::Project, absolute);
    experiments_->setWritable(!readOnly);
    refreshProject();
    if (!saved_.empty())
        showExperiment(QString::fromStdString(saved_.back().label));
    else if (autoTrain_ && training_->datasetId() && !readOnly)
        startTraining();
    autoTrain_ = false;
    emit projectOpened(true);
    importFiles(std::exchange(pendingImports_, {}));
}

void MainWindow::refreshProject()
{
    if (!session_->isOpen())
        return;
    const auto datasets = session_->datasets();
    datasets_->table()->setDatasets(datasets);
    training_->setDatasets(datasets, [this](std::int64_t id) { return session_->tasks(id); });
    datasetNames_.clear();
    for (const auto& d : datasets)
        datasetNames_[d.id] = QString::fromStdString(d.name);
    saved_ = session_->experiments();
    experiments_->model()->setExperiments(saved_, datasetNames_);
    showCard();
}

void MainWindow::showCard()
{
    experiments_->setCurrent(result().label);
    if (const auto shown = shownExperiment())
        card_->setExperiment(*shown, datasetNames_);
}

std::optional<SavedExperiment> MainWindow::shownExperiment() const { return savedExperiment(result().label); }

std::optional<SavedExperiment> MainWindow::savedExperiment(const QString& label) const
{
    for (const auto& e : saved_)
        if (!label.isEmpty() && QString::fromStdString(e.label) == label)
            return e;
    return std::nullopt;
}

void MainWindow::showExperiment(const QString& label)
{
    if (!session_->isOpen() || (result().label == label && result().complete))
        return;
    if (jobs_->running() && !result().complete) {
        status_->setText(tr("An experiment is training: its results come first (or cancel it)."));
        experiments_->setCurrent(result().label);
        return;
    }
    status_->setText(tr("Showing experiment %1").arg(label));
    jobs_->loadSaved(session_->path(), label, training_->policy());
}

void MainWindow::startTraining()
{
    if (!session_->isOpen() || !training_->datasetId()) {
        showError(tr("Nothing to train on"), tr("Import a routing dataset first: drop a file on the window or use File > Open."));
        return;
    }
    if (const QString reason = session_->readOnlyReason(); !reason.isEmpty()) {
        showError(tr("Cannot train"), reason);
        return;
    }
    TrainingRequest request;
    try {
        request = training_->request();
    } catch (const std::exception& e) {
        showError(tr("Check the experiment settings"), QString::fromStdString(e.what()));
        return;
    }
    request.projectPath = session_->path();
    startTraining(request);
}

void MainWindow::startTraining(const TrainingRequest& asked)
{
    TrainingRequest request = asked;
    request.routerSkips = std::make_shared<std::vector<std::atomic<bool>>>(request.spec.routers.size());
    training_->setTraining(true, request.spec.routers, request.spec.seeds.size(), request.routerSkips);
    // The plots show the new experiment only, as its routers arrive, never the old one unlabelled.
    clearResult();
    // What trains, from the request: the form may change while it trains.
    card_->setTraining(request.trainDatasetId, request.testDatasetId, request.spec, datasetNames_,
                       request.scenario ? QString::fromStdString(request.scenario->name) : QString());
    status_->setText(tr("Training %n router(s) in the background...", nullptr, int(request.spec.routers.size())));
    jobs_->train(request);
}

void MainWindow::clearResult()
{
    views_->clear();
    seed_->clear();
    card_->clear();
    experiments_->setCurrent({});
}

void MainWindow::showResult(const WorkbenchResult& result)
{
    views_->showResult(result);
    showIntervals(result.summary);
    const QSignalBlocker blockSeed(seed_);
    seed_->clear();
    for (const auto& s : result.comparison.seeds)
        seed_->addItem(QString::number(s.seed));
    seed_->setCurrentIndex(int(result.seedIndex));
    const int routers = int(result.comparison.routerNames.size());
    if (!result.complete) {
        card_->setTrainingProgress(routers);
        status_->setText(tr("Training: %n router(s) ready...", nullptr, routers));
        emit resultShown(false);
        return;
    }
    if (!shownExperiment())
        refreshProject(); // a new experiment was saved: the list shows it
    else
        showCard();
    QStringList warnings;
    for (const auto& run : *result.runs)
        for (const auto& w : run.warnings)
            if (!warnings.contains(QString::fromStdString(w)))
                warnings << QString::fromStdString(w);
    status_->setText(tr("Experiment %1: %n router(s), ", nullptr, routers).arg(result.label) +
                     tr("%n seed(s), saved in the project", nullptr, int(result.comparison.seeds.size())) +
                     (warnings.isEmpty() ? QString() : tr(". Warning: %1").arg(warnings.join("; "))));
    emit resultShown(true);
}

void MainWindow::showIntervals(const ComparisonSummary& summary)
{
    const bool pending = result().complete && !summary.hasIntervals() && jobs_->summaryOptions().bootstrap.resamples > 0;
    views_->showIntervals(summary, pending);
    if (summary.hasIntervals())
        emit intervalsShown();
}

void MainWindow::openPaths(const QStringList& paths)
{
    QStringList datasetFiles;
    for (const auto& path : paths) {
        if (isProjectFile(path))
            openProject(path, true);
        else
            datasetFiles << path;
    }
    importFiles(datasetFiles);
}

void MainWindow::importFiles(const QStringList& paths)
{
    if (paths.isEmpty())
        return;
    if (!session_->isOpen() || session_->busy()) {
        // Into the project being opened, or else the default project, once it is open.
        pendingImports_ << paths;
        if (!session_->busy()) {
            QDir().mkpath(QFileInfo(ProjectActions::defaultProjectPath()).path());
            openProject(ProjectActions::defaultProjectPath());
        }
        return;
    }
    if (const QString reason = session_->readOnlyReason(); !reason.isEmpty()) {
        showError(tr("Cannot import"), reason);
        return;
    }
    imports_->importFiles(session_->path(), paths);
}

void MainWindow::showError(const QString& title, const QString& message)
{
    // Window-modal, not a nested event loop: background work goes on behind it.
    auto* box = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

QString MainWindow::exportReport(const QString& dir) { return exports_->exportReport(dir); }

QString MainWindow::exportMetrics(const QString& csvPath) { return exports_->exportMetrics(csvPath); }

std::optional<ReportDescription> MainWindow::reportDescription() const
{
    const auto shown = shownExperiment();
    if (!result().runs || !result().complete || !shown)
        return std::nullopt;
    ReportDescription description;
    description.experiment = shown->label;
    description.project = session_->path().toStdString();
    const auto dataset = datasetNames_.find(shown->trainDatasetId);
    description.dataset = dataset == datasetNames_.end() ? "" : dataset->second.toStdString();
    description.split = describeSplit(*shown, datasetNames_).toStdString();
    description.policy = result().comparison.policy;
    description.seeds = shown->seeds;
    description.routers = result().comparison.routerNames;
    for (const auto& m : views_->palette().modelsByPrice())
        description.modelsByPrice.push_back(m.toStdString());
    description.shareRouter = views_->shares()->router().toStdString();
    description.scenario = scenarioReportNote(result().scenario);
    return description;
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event)
{
    QStringList paths;
    for (const QUrl& url : event->mimeData()->urls())
        if (url.isLocalFile())
            paths << url.toLocalFile();
    if (paths.isEmpty())
        return;
    event->acceptProposedAction();
    openPaths(paths);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    imports_->cancel();
    jobs_->cancel();
    event->accept();
}

} // namespace routescope
