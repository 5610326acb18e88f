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
#include <QFileInfo>
#include <QLabel>
#include <QMessageBox>
#include <QMimeData>
#include <QStatusBar>
#include <QThreadPool>
#include <QVBoxLayout>

namespace routescope {

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent), session_(new ProjectSession(this)), jobs_(new ExperimentJobs(this)),
      imports_(new ImportControl(this))
{
    actions_ = new ProjectActions(session_, this, jobs_, [this] { return !jobs_->running() && !imports_->running(); });
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
    statusBar()->addPermanentWidget(views_->intervalCancel());
    connect(views_, &ResultViews::intervalsCancelRequested, jobs_, &ExperimentJobs::cancel);
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
        const QString title = failureTitle(jobs_->kind());
        status_->setText(title + ".");
        if (!result().complete)
            clearResult(); // a partial result's plots go with its training
        showError(title, message);
    });
    connect(jobs_, &ExperimentJobs::cancelled, this, [this] {
        if (jobs_->kind() == JobKind::Intervals) { // the result is saved; its table keeps the point estimates
            status_->setText(tr("95 % intervals cancelled; experiment '%1' is saved, and showing it again computes them.")
                                 .arg(result().label));
            views_->showIntervals(result().summary, false);
            return;
        }
        status_->setText(jobs_->training() ? tr("Training cancelled; nothing was saved.") : tr("Cancelled."));
        if (!result().complete)
            clearResult();
    });
    connect(jobs_, &ExperimentJobs::finished, this, [this] {
        training_->setTraining(false);
        views_->hideIntervalProgress();
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
        QString text = message;
        if (!pendingImports_.isEmpty())
            text += tr("\n\nThese files were not imported:\n- %1").arg(pendingImports_.join("\n- "));
        pendingImports_.clear();
        showError(title, text);
        emit projectOpened(false);
    });
    connect(session_, &ProjectSession::changed, this, &MainWindow::refreshProject);
    connect(session_, &ProjectSession::busyChanged, this, [this](bool busy, const QString& message) {
        if (busy)
            status_->setText(message);
    });
    connect(session_, &ProjectSession::saved, this, [this](const QString& path, const QString& error) {
        if (error.isEmpty() && openProject(path))
            return; // files dropped meanwhile go into the copy
        if (error.isEmpty())
            status_->setText(tr("Saved a copy as %1; the training goes on in this project.").arg(path));
        else
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

bool MainWindow::openProject(const QString& path, bool autoTrain)
{
    if (jobs_->training()) {
        QMessageBox box(QMessageBox::Question, tr("Open another project"),
                        tr("An experiment is training in this project. Opening %1 cancels it; nothing of it is saved.")
                            .arg(path), QMessageBox::NoButton, this);
        auto* open = box.addButton(tr("Cancel Training and Open"), QMessageBox::AcceptRole);
        box.setDefaultButton(box.addButton(tr("Keep Training"), QMessageBox::RejectRole));
        box.exec();
        if (box.clickedButton() != open)
            return false;
        clearResult(); // its results must not come into the other project's window
    }
    autoTrain_ = autoTrain;
    session_->open(path);
    return true;
}

void MainWindow::openLastProject()
{
    if (const QString last = recent_->lastProject(); !last.isEmpty())
        openProject(last);
}

void MainWindow::projectOpenedAt(const QString& path)
{
    clearResult();
    training_->clearProgress();
    const bool readOnly = session_->store()->readOnly();
    const QString absolute = QFileInfo(path).absoluteFilePath();
    setWindowTitle(tr("%1%2 - RouteScope").arg(absolute, readOnly ? tr(" (read-only)") : QString()));
    const bool isDefault = absolute == QFileInfo(ProjectActions::defaultProjectPath()).absoluteFilePath();
    QString projectText = isDefault ? tr("Project: %1 (the default project; File > Default Project Location moves it)")
                                          .arg(absolute)
                                    : tr("Project: %1").arg(absolute);
    // Opening a project of an older RouteScope upgraded it: say so, and where the old one is.
    if (const auto backup = session_->store()->migrationBackup())
        projectText += tr(". Upgraded from an older RouteScope's format; the project as it was is kept as %1")
                           .arg(QString::fromStdString(*backup));
    datasets_->setProjectText(projectText);
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
    if (jobs_->training()) {
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
    // The plots show the new experiment only, as its routers arrive, never the old one unlabelled.
    clearViews(); // the old job, superseded by this one, posts nothing more
    training_->setTraining(true, request.spec.routers, request.spec.seeds.size(), request.routerSkips);
    // What trains, from the request: the form may change while it trains.
    card_->setTraining(request.trainDatasetId, request.testDatasetId, request.spec, datasetNames_,
                       request.scenario ? QString::fromStdString(request.scenario->name) : QString());
    status_->setText(tr("Training %n router(s) in the background...", nullptr, int(request.spec.routers.size())));
    jobs_->train(request);
}

void MainWindow::clearResult()
{
    jobs_->retire(); // what it would post is for the result leaving the screen
    clearViews();
}

void MainWindow::clearViews()
{
    views_->clear();
    seed_->clear();
    card_->clear();
    experiments_->setCurrent({});
    emit resultCleared();
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
    training_->setTraining(false); // what remains, the bootstrap, is no training
    if (result.comparison.policy != training_->policy())
        jobs_->reevaluate(result, training_->policy(), result.seedIndex); // the menu changed while it trained
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
        if (!isProjectFile(path))
            datasetFiles << path;
        else if (!openProject(path, true))
            return; // the user keeps the training in the project open
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
    return views_->describeForReport(*shown, datasetNames_, session_->path());
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
