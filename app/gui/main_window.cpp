#include "main_window.h"

#include "budget_slider.h"
#include "calls_plot.h"
#include "dataset_table.h"
#include "experiment/experiment_store.h"
#include "features/feature_cache.h"
#include "figure_dialog.h"
#include "frontier_plot.h"
#include "import/importer.h"
#include "live_budget_panel.h"
#include "metrics_panel.h"
#include "metrics_table.h"
#include "plot_export.h"
#include "query_inspector.h"
#include "report/summary_table.h"
#include "scenario_workbench.h"
#include "selection_share_plot.h"
#include "store/project_check.h"
#include "training_panel.h"

#include <QApplication>
#include <QCheckBox>
#include <QCloseEvent>
#include <QComboBox>
#include <QDialog>
#include <QDir>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTextStream>
#include <QThreadPool>
#include <QToolBar>
#include <QVBoxLayout>

#include <algorithm>
#include <numeric>
#include <sstream>

namespace routescope {

namespace {

constexpr int kMaxRecent = 8;

// Models ordered by their mean true cost on the test rows, cheapest first.
ModelPalette paletteFor(const WorkbenchResult& result)
{
    return modelPalette(result.comparison.modelNames,
                        result.runs && !result.runs->empty() ? result.runs->front().trueCosts : Eigen::MatrixXd());
}

std::vector<QString> qtNames(const std::vector<std::string>& names)
{
    std::vector<QString> out;
    for (const auto& n : names)
        out.push_back(QString::fromStdString(n));
    return out;
}

} // namespace

bool isProjectFile(const QString& path)
{
    if (path.endsWith(".routescope", Qt::CaseInsensitive))
        return true;
    QFile file(path);
    return file.open(QIODevice::ReadOnly) && file.read(16) == QByteArray("SQLite format 3\0", 16);
}

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent), jobs_(new ExperimentJobs(this))
{
    setWindowTitle(tr("RouteScope"));
    setAcceptDrops(true);
    setCentralWidget(createWorkbench());

    training_ = new TrainingPanel(this);
    auto* dock = new QDockWidget(tr("Experiment"), this);
    dock->setObjectName("experiment");
    dock->setWidget(training_);
    dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    addDockWidget(Qt::LeftDockWidgetArea, dock);
    resizeDocks({dock}, {dock->minimumSizeHint().width()}, Qt::Horizontal); // the plots get the width

    status_ = new QLabel(tr("Drop routing dataset files here, or use File > Open (Ctrl+O)."), this);
    progress_ = new QProgressBar(this);
    progress_->setRange(0, 1000);
    progress_->setMaximumWidth(260);
    progress_->hide();
    cancelImport_ = new QPushButton(tr("Cancel import"), this);
    cancelImport_->hide();
    intervalProgress_ = new QProgressBar(this);
    intervalProgress_->setRange(0, 1000);
    intervalProgress_->setMaximumWidth(260);
    intervalProgress_->setToolTip(tr("The bootstrap of the metrics table's 95 % intervals, in the background"));
    intervalProgress_->hide();
    statusBar()->addWidget(status_, 1);
    statusBar()->addPermanentWidget(intervalProgress_);
    statusBar()->addPermanentWidget(progress_);
    statusBar()->addPermanentWidget(cancelImport_);
    connect(cancelImport_, &QPushButton::clicked, this, [this] {
        if (importCancel_)
            importCancel_->store(true);
        pendingImports_.clear();
    });

    connect(training_, &TrainingPanel::trainRequested, this, [this] { startTraining(); });
    connect(training_, &TrainingPanel::cancelRequested, jobs_, &ExperimentJobs::cancel);
    connect(training_, &TrainingPanel::policyChanged, this, [this](BudgetPolicy policy) {
        if (result_.runs && result_.complete)
            jobs_->reevaluate(result_, policy, result_.seedIndex);
    });
    connect(jobs_, &ExperimentJobs::routerProgress, training_, &TrainingPanel::showRouterProgress);
    connect(jobs_, &ExperimentJobs::resultReady, this, &MainWindow::showResult);
    connect(jobs_, &ExperimentJobs::intervalsReady, this, &MainWindow::showIntervals);
    connect(jobs_, &ExperimentJobs::intervalProgress, this, [this](double fraction, const QString& message) {
        intervalProgress_->setValue(int(fraction * 1000));
        intervalProgress_->setFormat(tr("intervals: %1").arg(message));
        intervalProgress_->show();
    });
    connect(jobs_, &ExperimentJobs::failed, this, [this](const QString& message) {
        training_->setTraining(false);
        showError(tr("Training failed"), message);
    });
    connect(jobs_, &ExperimentJobs::cancelled, this, [this] {
        status_->setText(tr("Training cancelled; nothing was saved."));
    });
    connect(jobs_, &ExperimentJobs::finished, this, [this] {
        training_->setTraining(false);
        intervalProgress_->hide();
        emit trainingFinished();
    });

    createMenus();
    new ScenarioWorkbench(this); // what-if scenarios: their panel, jobs and views (scenario_workbench.h)
    resize(1500, 920);
}

MainWindow::~MainWindow()
{
    if (importCancel_)
        importCancel_->store(true);
    jobs_->cancel();
    QThreadPool::globalInstance()->waitForDone();
}

QWidget* MainWindow::createWorkbench()
{
    frontier_ = new FrontierPlot(this);
    frontier_->setMinimumSize(300, 260);

    auto* shareArea = new QWidget(this);
    auto* shareLayout = new QVBoxLayout(shareArea);
    shareLayout->setContentsMargins(0, 0, 0, 0);
    auto* shareBar = new QHBoxLayout;
    shareRouterA_ = new QComboBox(shareArea);
    shareRouterB_ = new QComboBox(shareArea);
    compareShares_ = new QCheckBox(tr("side by side with"), shareArea);
    shareBar->addWidget(new QLabel(tr("Router:"), shareArea));
    shareBar->addWidget(shareRouterA_, 1);
    shareBar->addWidget(compareShares_);
    shareBar->addWidget(shareRouterB_, 1);
    shareLayout->addLayout(shareBar);
    auto* shares = new QSplitter(Qt::Horizontal, shareArea);
    shareA_ = new SelectionSharePlot(shares);
    shareB_ = new SelectionSharePlot(shares);
    shareB_->hide();
    shareRouterB_->setEnabled(false);
    shareLayout->addWidget(shares, 1);
    connect(shareRouterA_, &QComboBox::currentIndexChanged, this, &MainWindow::refreshSharePlots);
    connect(shareRouterA_, &QComboBox::activated, this, [this] { shareRoutersChosen_ = true; });
    connect(shareRouterB_, &QComboBox::activated, this, [this] { shareRoutersChosen_ = true; });
    connect(shareRouterB_, &QComboBox::currentIndexChanged, this, &MainWindow::refreshSharePlots);
    connect(compareShares_, &QCheckBox::toggled, this, [this](bool on) {
        shareB_->setVisible(on);
        shareRouterB_->setEnabled(on);
        refreshSharePlots();
    });

    auto* plots = new QSplitter(Qt::Horizontal, this);
    plots->addWidget(frontier_);
    plots->addWidget(shareArea);
    plots->setSizes({640, 520});

    slider_ = new BudgetSlider(this);
    connect(slider_, &BudgetSlider::budgetChanged, this, &MainWindow::showBudget);

    live_ = new LiveBudgetPanel(this);
    datasets_ = new DatasetTable(this);
    tabs_ = new QTabWidget(this);
    tabs_->addTab(live_, tr("At this budget"));
    metricsPanel_ = new MetricsPanel(this);
    metrics_ = metricsPanel_->table();
    tabs_->addTab(metricsPanel_, tr("Metrics"));
    connect(metricsPanel_, &MetricsPanel::referenceChosen, this, [this](const QString& name) {
        SummaryOptions options = jobs_->summaryOptions();
        options.reference = name.toStdString();
        jobs_->setSummaryOptions(options);
        if (result_.runs && result_.complete)
            jobs_->resummarise(result_);
    });
    // A row clicked in the table becomes the selected router (share plot, band).
    connect(metrics_, &MetricsTable::routerActivated, this, [this](const QString& name) {
        const int index = shareRouterA_->findText(name);
        if (index >= 0) {
            shareRoutersChosen_ = true;
            shareRouterA_->setCurrentIndex(index);
        }
    });
    inspector_ = new QueryInspector(this);
    tabs_->addTab(inspector_, tr("Queries"));
    tabs_->addTab(datasets_, tr("Datasets"));
    calls_ = new CallsPlot(this);
    tabs_->addTab(calls_, tr("Calls per query"));

    auto* top = new QWidget(this);
    auto* topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addWidget(plots, 1);
    topLayout->addWidget(slider_);
    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(top);
    split->addWidget(tabs_);
    split->setSizes({620, 260});
    // The query inspector needs rows: showing it gives the tabs half the height at least.
    connect(tabs_, &QTabWidget::currentChanged, this, [this, split] {
        const QList<int> sizes = split->sizes();
        if (tabs_->currentWidget() == inspector_ && sizes.value(1) < sizes.value(0))
            split->setSizes({(sizes[0] + sizes[1]) / 2, (sizes[0] + sizes[1]) / 2});
    });
    return split;
}

void MainWindow::createMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Open or Import..."), QKeySequence::Open, this, &MainWindow::chooseDatasetFiles);
    file->addAction(tr("Open or Create &Project..."), QKeySequence(tr("Ctrl+Shift+O")), this, &MainWindow::chooseProject);
    recentMenu_ = file->addMenu(tr("Open &Recent"));
    rebuildRecentMenu();
    file->addSeparator();
    file->addAction(tr("Export &Frontier Figure..."), this, [this] { exportFigure(frontier_, "frontier"); });
    file->addAction(tr("Export &Selection-Share Figure..."), this, [this] { exportFigure(shareA_, "share"); });
    file->addAction(tr("Export C&alls-per-Query Figure..."), this, [this] { exportFigure(calls_, "calls"); });
    file->addAction(tr("Export &Metrics Table (CSV)..."), this, &MainWindow::exportMetricsCsv);
    file->addAction(tr("Export &Report..."), QKeySequence(tr("Ctrl+E")), this, &MainWindow::chooseReportFolder);
    file->addSeparator();
    file->addAction(tr("&Clear Cached Features..."), this, &MainWindow::clearFeatureCache);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    auto* logAxis = view->addAction(tr("&Logarithmic Cost Axis"));
    logAxis->setCheckable(true);
    logAxis->setChecked(true);
    connect(logAxis, &QAction::toggled, frontier_, &FrontierPlot::setLogCost);
    bandAction_ = view->addAction(tr("Show 95 % &Band of the Selected Router"));
    bandAction_->setIconText(tr("95 % band"));
    bandAction_->setToolTip(tr("Shade the bootstrap band of the router chosen for the share plot (or clicked in "
                               "the metrics table) on the frontier"));
    bandAction_->setCheckable(true);
    connect(bandAction_, &QAction::toggled, this, &MainWindow::refreshBand);

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
        if (result_.runs && result_.complete)
            jobs_->reevaluate(result_, training_->policy(), std::size_t(index));
    });
}

namespace {

// What the workbench says when the project check fails, and what to do.
QString damagedProjectMessage(const QString& path, const ProjectCheck& check)
{
    QString problems;
    for (std::size_t i = 0; i < check.problems.size() && i < 5; ++i)
        problems += QStringLiteral("\n- ") + QString::fromStdString(check.problems[i]);
    if (check.problems.size() > 5)
        problems += QObject::tr("\n- and %1 more").arg(check.problems.size() - 5);
    return QObject::tr("RouteScope did not open %1: the project is damaged or holds values no RouteScope writes.\n%2\n\n"
              "Nothing was written to it. Keep a copy of the file, run\n  routescope-cli check --db %1\n"
              "to see every problem, and restore the project from a backup.")
        .arg(path, problems);
}

} // namespace

bool MainWindow::openProject(const QString& path, bool autoTrain)
{
    std::vector<SavedExperiment> saved;
    try {
        // A project another RouteScope writes opens read-only here, and the title says so.
        auto store = std::make_unique<ProjectStore>(path.toStdString(), ProjectStore::Access::ReadWriteIfFree);
        // The check of `routescope-cli check --quick`: a damaged project, or one holding values no
        // RouteScope writes, is not shown as if it were sound.
        QApplication::setOverrideCursor(Qt::WaitCursor);
        const ProjectCheck check = checkProject(path.toStdString(), CheckDepth::Quick);
        QApplication::restoreOverrideCursor();
        if (!check.healthy()) {
            showError(tr("Damaged project"), damagedProjectMessage(path, check));
            return false;
        }
        saved = listExperiments(*store);
        store_ = std::move(store);
    } catch (const std::exception& e) {
        showError(tr("Cannot open project"), QString::fromStdString(e.what()));
        return false;
    }
    QString readOnly;
    if (store_->inUseBy())
        readOnly = tr(" (read-only: being written by process %1)").arg(*store_->inUseBy());
    else if (store_->readOnly())
        readOnly = tr(" (read-only: you may not write this file or its folder)");
    setWindowTitle(tr("RouteScope - %1").arg(QFileInfo(path).fileName()) + readOnly);
    if (store_->inUseBy())
        status_->setText(tr("Another RouteScope (process %1) is writing this project: it is open read-only, "
                            "so importing and training are off until it closes.").arg(*store_->inUseBy()));
    else if (store_->readOnly())
        status_->setText(tr("This project is read-only for you: results can be viewed, but importing and "
                            "training need a copy you may write."));
    rememberRecent("recentProjects", QFileInfo(path).absoluteFilePath());
    refreshDatasets();
    if (!saved.empty()) {
        status_->setText(tr("Showing experiment %1").arg(QString::fromStdString(saved.back().label)));
        jobs_->loadSaved(path, QString::fromStdString(saved.back().label), training_->policy());
    } else if (autoTrain && training_->datasetId() && !store_->readOnly()) {
        startTraining();
    }
    return true;
}

void MainWindow::refreshDatasets()
{
    if (!store_)
        return;
    const auto datasets = store_->datasets();
    datasets_->setDatasets(datasets);
    training_->setDatasets(datasets, [this](std::int64_t id) { return store_->tasks(id); });
}

void MainWindow::startTraining()
{
    if (!store_ || !training_->datasetId()) {
        showError(tr("Nothing to train on"), tr("Import a routing dataset first: drop a file on the window or use File > Open."));
        return;
    }
    if (refuseReadOnly(tr("Cannot train")))
        return;
    TrainingRequest request;
    try {
        request.spec = training_->spec();
    } catch (const std::exception& e) {
        showError(tr("Check the experiment settings"), QString::fromStdString(e.what()));
        return;
    }
    request.projectPath = QString::fromStdString(store_->path());
    request.trainDatasetId = *training_->datasetId();
    request.testDatasetId = training_->testDatasetId();
    request.policy = training_->policy();
    startTraining(request);
}

void MainWindow::startTraining(const TrainingRequest& asked)
{
    TrainingRequest request = asked;
    request.routerSkips = std::make_shared<std::vector<std::atomic<bool>>>(request.spec.routers.size());
    training_->setTraining(true, request.spec.routers, request.spec.seeds.size(), request.routerSkips);
    status_->setText(tr("Training %n router(s) in the background...", nullptr, int(request.spec.routers.size())));
    jobs_->train(request);
}

void MainWindow::showResult(const WorkbenchResult& result)
{
    result_ = result;
    palette_ = paletteFor(result_);
    frontier_->setComparison(result_.comparison, result_.seedIndex, palette_);
    showIntervals(result_.summary);
    inspector_->setRun(result_.testData, result_.runs, result_.seedIndex, result_.comparison.policy);

    const QSignalBlocker blockSeed(seed_);
    seed_->clear();
    for (const auto& s : result_.comparison.seeds)
        seed_->addItem(QString::number(s.seed));
    seed_->setCurrentIndex(int(result_.seedIndex));

    // Share plots: keep the user's routers; until they choose, kNN and EquiRouter when trained.
    const QString previousA = shareRouterA_->currentText(), previousB = shareRouterB_->currentText();
    {
        const QSignalBlocker blockA(shareRouterA_), blockB(shareRouterB_);
        shareRouterA_->clear();
        shareRouterB_->clear();
        for (const auto& r : result_.explorer.routers) {
            shareRouterA_->addItem(QString::fromStdString(r.name));
            shareRouterB_->addItem(QString::fromStdString(r.name));
        }
        auto pick = [this](QComboBox* box, const QString& previous, const QString& preferred, int fallback) {
            int i = shareRoutersChosen_ ? box->findText(previous) : box->findText(preferred);
            if (i < 0)
                i = box->findText(previous);
            box->setCurrentIndex(i >= 0 ? i : std::min(fallback, box->count() - 1));
        };
        pick(shareRouterA_, previousA, "knn", 1);
        pick(shareRouterB_, previousB, "equirouter", shareRouterB_->count() - 1);
    }
    refreshSharePlots();
    calls_->setExplorer(result_.explorer);
    slider_->setExplorer(&result_.explorer);
    QStringList warnings;
    if (result_.runs)
        for (const auto& run : *result_.runs)
            for (const auto& w : run.warnings)
                if (!warnings.contains(QString::fromStdString(w)))
                    warnings << QString::fromStdString(w);
    if (result_.complete)
        status_->setText(tr("Experiment %1: %n router(s), ", nullptr, int(result_.comparison.routerNames.size()))
                             .arg(result_.label) +
                         tr("%n seed(s), saved in the project", nullptr, int(result_.comparison.seeds.size())) +
                         (warnings.isEmpty() ? QString() : tr(". Warning: %1").arg(warnings.join("; "))));
    else
        status_->setText(tr("Training: %n router(s) ready...", nullptr, int(result_.comparison.routerNames.size())));
    emit resultShown(result_.complete);
}

void MainWindow::showIntervals(const ComparisonSummary& summary)
{
    result_.summary = summary;
    const bool pending = result_.complete && !summary.hasIntervals() && jobs_->summaryOptions().bootstrap.resamples > 0;
    metricsPanel_->setSummary(summary, pending);
    if (summary.hasIntervals()) {
        intervalProgress_->hide();
        emit intervalsShown();
    }
    refreshBand();
}

void MainWindow::refreshBand()
{
    const QString name = shareRouterA_->currentText();
    const SummaryRow* row = result_.summary.row(name.toStdString());
    if (bandAction_->isChecked() && row && result_.seedIndex < row->bands.size())
        frontier_->setBand(name, row->bands[result_.seedIndex]);
    else
        frontier_->setBand({}, {});
}

void MainWindow::refreshSharePlots()
{
    const auto names = qtNames(result_.comparison.modelNames);
    shareA_->setRouter(result_.explorer, shareRouterA_->currentText(), names, palette_);
    if (compareShares_->isChecked())
        shareB_->setRouter(result_.explorer, shareRouterB_->currentText(), names, palette_);
    showBudget(slider_->index());
    refreshBand();
}

void MainWindow::showBudget(int index)
{
    if (result_.explorer.budgets.empty())
        return;
    frontier_->setBudget(result_.explorer, index);
    shareA_->setBudget(result_.explorer, index);
    if (compareShares_->isChecked())
        shareB_->setBudget(result_.explorer, index);
    calls_->setBudget(result_.explorer, index);
    const auto& names = result_.comparison.modelNames;
    inspector_->setBudget(result_.explorer.budgets[std::size_t(index)]);
    live_->setBudget(result_.explorer, index,
                     QString::fromStdString(names[std::size_t(result_.explorer.mostExpensiveModel)]));
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
    if (!datasetFiles.isEmpty())
        importFiles(datasetFiles);
}

void MainWindow::importFiles(const QStringList& paths)
{
    if (!store_) {
        const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
        QDir().mkpath(dir);
        if (!openProject(dir + "/default.routescope"))
            return;
    }
    if (refuseReadOnly(tr("Cannot import")))
        return;
    pendingImports_ << paths;
    if (!importRunning_)
        startNextImport();
}

void MainWindow::clearFeatureCache()
{
    if (!store_ || refuseReadOnly(tr("Cannot clear the feature cache")))
        return;
    if (trainingRunning() || importRunning_) {
        showError(tr("Cannot clear the feature cache"), tr("Wait until the running training or import has finished."));
        return;
    }
    const FeatureCacheSize size = featureCacheSize(*store_);
    if (size.fits == 0) {
        status_->setText(tr("The feature cache is empty."));
        return;
    }
    const QString amount = tr("%n cached feature fit(s), %1 MB", nullptr, int(size.fits)).arg(double(size.bytes) / 1e6, 0, 'f', 1);
    if (QMessageBox::question(this, tr("Clear Cached Features"),
                              tr("Drop %1 from this project? Experiments keep their results; the features are "
                                 "made again when an experiment needs them.").arg(amount)) != QMessageBox::Yes)
        return;
    QApplication::setOverrideCursor(Qt::WaitCursor);
    try {
        routescope::clearFeatureCache(*store_);
        status_->setText(tr("Cleared %1.").arg(amount));
    } catch (const std::exception& e) {
        showError(tr("Cannot clear the feature cache"), QString::fromStdString(e.what()));
    }
    QApplication::restoreOverrideCursor();
}

bool MainWindow::refuseReadOnly(const QString& title)
{
    if (!store_ || !store_->readOnly())
        return false;
    showError(title, store_->inUseBy()
                         ? tr("Another RouteScope (process %1) is writing this project; close it there, then open "
                              "the project again.").arg(*store_->inUseBy())
                         : tr("This project is read-only for you (the file or its folder): make a copy you may "
                              "write and open that."));
    return true;
}

void MainWindow::startNextImport()
{
    if (pendingImports_.isEmpty())
        return;
    const QString path = pendingImports_.takeFirst();
    importRunning_ = true;
    importCancel_ = std::make_shared<std::atomic<bool>>(false);
    progress_->setValue(0);
    progress_->show();
    cancelImport_->show();
    status_->setText(tr("Importing %1...").arg(QFileInfo(path).fileName()));
    rememberRecent("recentFiles", QFileInfo(path).absoluteFilePath());

    QPointer<MainWindow> self(this);
    const std::string projectPath = store_->path();
    auto cancel = importCancel_;
    // The import writes through its own connection, so the GUI thread never waits on it; the
    // window waits for the pool when it closes, after setting the cancel flag.
    QThreadPool::globalInstance()->start([self, projectPath, path, cancel] {
        JobControl job;
        job.cancel = cancel.get();
        job.progress = [self](double fraction, const std::string& message) {
            QMetaObject::invokeMethod(qApp, [self, fraction, message] {
                if (self)
                    self->showImportProgress(fraction, QString::fromStdString(message));
            }, Qt::QueuedConnection);
        };
        auto outcome = ImportOutcome::Failed;
        QString message;
        try {
            ProjectStore store(projectPath);
            const auto report = importDataset(store, path.toStdString(), {}, job);
            outcome = ImportOutcome::Imported;
            message = QObject::tr("Imported %1 as '%2': %3 queries, %4 models")
                          .arg(QFileInfo(path).fileName(), QString::fromStdString(report.datasetName))
                          .arg(report.queries)
                          .arg(report.models);
            if (report.incompleteRows)
                message += QObject::tr(", %1 incomplete rows skipped").arg(report.incompleteRows);
        } catch (const Cancelled&) {
            outcome = ImportOutcome::Cancelled;
            message = QObject::tr("Import of %1 cancelled; the project is unchanged.").arg(QFileInfo(path).fileName());
        } catch (const std::exception& e) {
            message = QString::fromStdString(e.what());
        }
        QMetaObject::invokeMethod(qApp, [self, outcome, message] {
            if (self)
                self->finishImport(outcome, message);
        }, Qt::QueuedConnection);
    });
}

void MainWindow::showImportProgress(double fraction, const QString& message)
{
    progress_->setValue(int(fraction * 1000));
    if (!message.isEmpty())
        progress_->setFormat(message);
}

void MainWindow::finishImport(ImportOutcome outcome, const QString& message)
{
    importRunning_ = false;
    progress_->hide();
    cancelImport_->hide();
    refreshDatasets();
    status_->setText(message);
    if (outcome == ImportOutcome::Failed)
        showError(tr("Import failed"), message + tr("\n\nThe project is unchanged."));
    if (outcome == ImportOutcome::Imported)
        tabs_->setCurrentWidget(datasets_);
    emit importFinished(outcome == ImportOutcome::Imported, message);
    startNextImport();
}

void MainWindow::showError(const QString& title, const QString& message)
{
    // Window-modal, not a nested event loop: background work goes on behind it.
    auto* box = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::chooseProject()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Open or create project"), QString(),
                                                      tr("RouteScope projects (*.routescope)"), nullptr,
                                                      QFileDialog::DontConfirmOverwrite);
    if (!path.isEmpty())
        openProject(path);
}

void MainWindow::chooseDatasetFiles()
{
    const QStringList paths = QFileDialog::getOpenFileNames(
        this, tr("Open project or import datasets"), QString(),
        tr("Projects and datasets (*.routescope *.csv *.json *.jsonl);;All files (*)"));
    if (!paths.isEmpty())
        openPaths(paths);
}

void MainWindow::rememberRecent(const QString& key, const QString& path)
{
    QSettings settings;
    QStringList list = settings.value(key).toStringList();
    list.removeAll(path);
    list.prepend(path);
    while (list.size() > kMaxRecent)
        list.removeLast();
    settings.setValue(key, list);
    rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu()
{
    if (!recentMenu_)
        return;
    recentMenu_->clear();
    QSettings settings;
    for (const QString& key : {QStringLiteral("recentProjects"), QStringLiteral("recentFiles")}) {
        for (const QString& path : settings.value(key).toStringList())
            recentMenu_->addAction(QFileInfo(path).fileName() + "  (" + QFileInfo(path).path() + ")", this,
                                   [this, path] { openPaths({path}); });
        recentMenu_->addSeparator();
    }
    recentMenu_->setEnabled(!recentMenu_->isEmpty());
}

void MainWindow::exportFigure(PlotWidget* plot, const QString& name)
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export figure"), name + ".pdf",
                                                      tr("PDF document (*.pdf);;SVG drawing (*.svg);;PNG image (*.png)"));
    if (path.isEmpty())
        return;
    FigureDialog dialog(QFileInfo(path).suffix(), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const QString error = routescope::exportFigure(*plot, path, dialog.options());
    if (!error.isEmpty())
        showError(tr("Export failed"), error);
    else
        status_->setText(tr("Wrote %1").arg(path));
}

void MainWindow::exportMetricsCsv()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export metrics (CSV, and LaTeX beside it)"),
                                                      "metrics.csv", tr("CSV (*.csv)"));
    if (path.isEmpty())
        return;
    const QString error = exportMetrics(path);
    if (!error.isEmpty())
        showError(tr("Export failed"), error);
    else
        status_->setText(tr("Wrote %1 and its LaTeX table beside it").arg(path));
}

QString MainWindow::exportMetrics(const QString& csvPath)
{
    const QFileInfo info(csvPath);
    const QString texPath = info.dir().filePath(info.completeBaseName() + ".tex");
    for (const auto& [path, text] : {std::pair{csvPath, metrics_->toCsv()}, std::pair{texPath, metrics_->toLatex()}}) {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Text) || file.write(text.toUtf8()) < 0)
            return tr("%1 could not be written").arg(path);
    }
    return {};
}

void MainWindow::chooseReportFolder()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Export report into folder"));
    if (dir.isEmpty())
        return;
    const QString error = exportReport(dir);
    if (!error.isEmpty())
        showError(tr("Export failed"), error);
    else
        status_->setText(tr("Report written to %1").arg(dir));
}

QString MainWindow::exportReport(const QString& dir)
{
    if (!result_.runs)
        return tr("There are no results to export yet.");
    QDir().mkpath(dir);
    for (const QString& suffix : {QStringLiteral("png"), QStringLiteral("pdf"), QStringLiteral("svg")}) {
        for (auto [plot, name] : {std::pair<PlotWidget*, QString>{frontier_, "frontier"}, {shareA_, "share"}}) {
            const QString error = routescope::exportFigure(*plot, dir + "/" + name + "." + suffix, FigureDialog::remembered());
            if (!error.isEmpty())
                return error;
        }
    }
    if (const QString error = exportMetrics(dir + "/metrics.csv"); !error.isEmpty())
        return error;

    QFile summary(dir + "/summary.md");
    if (!summary.open(QIODevice::WriteOnly | QIODevice::Text))
        return tr("%1 could not be written").arg(summary.fileName());
    QTextStream out(&summary);
    const auto& c = result_.comparison;
    out << "# RouteScope report\n\n";
    out << "- Experiment: " << result_.label << "\n";
    out << "- Project: " << QString::fromStdString(store_ ? store_->path() : std::string()) << "\n";
    out << "- Dataset: " << training_->datasetDescription() << "\n";
    out << "- Split: " << training_->splitDescription() << "\n";
    if (!result_.scenario.isBaseline()) // what-if scenarios (scenario_workbench.h)
        out << "- Scenario: " << QString::fromStdString(result_.scenario.name.empty() ? "(not saved)" : result_.scenario.name)
            << ": " << QString::fromStdString(describeScenario(result_.scenario)) << " (no router retrained)\n";
    out << "- Budget policy: " << QString::fromStdString(std::string(budgetPolicyName(c.policy))) << "\n";
    out << "- Seeds:";
    for (const auto& s : c.seeds)
        out << " " << s.seed;
    out << "\n- Routers:";
    if (!result_.runs->empty())
        for (const auto& r : result_.runs->front().routers)
            out << " `" << QString::fromStdString(r.spec.name) << "`";
    out << "\n- Models (cheapest first):";
    for (const auto& m : palette_.modelsByPrice())
        out << " " << m;
    out << "\n\nFigures: `frontier.{png,pdf,svg}`, `share.{png,pdf,svg}` (selection share of "
        << shareA_->router() << "). The metrics below, every router and baseline with its 95 % interval and "
        << "the tests against the reference, are also in `metrics.csv` and, as a booktabs table, `metrics.tex`.\n\n";
    std::ostringstream table;
    writeSummaryTable(table, result_.summary,
                      (training_->datasetDescription() + ", " + training_->splitDescription()).toStdString());
    out << "```\n" << QString::fromStdString(table.str()) << "```\n";
    return {};
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
    if (importCancel_)
        importCancel_->store(true);
    jobs_->cancel();
    event->accept();
}

} // namespace routescope
