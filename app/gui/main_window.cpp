#include "main_window.h"

#include "dataset_table.h"
#include "import/importer.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDragEnterEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QStandardPaths>
#include <QStatusBar>
#include <QThreadPool>

namespace routescope {

bool isProjectFile(const QString& path)
{
    if (path.endsWith(".routescope", Qt::CaseInsensitive))
        return true;
    QFile file(path);
    return file.open(QIODevice::ReadOnly) && file.read(16) == QByteArray("SQLite format 3\0", 16);
}

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent)
{
    setWindowTitle(tr("RouteScope"));
    setAcceptDrops(true);
    datasets_ = new DatasetTable(this);
    setCentralWidget(datasets_);

    status_ = new QLabel(this);
    progress_ = new QProgressBar(this);
    progress_->setRange(0, 1000);
    progress_->setMaximumWidth(240);
    progress_->hide();
    cancel_ = new QPushButton(tr("Cancel"), this);
    cancel_->hide();
    connect(cancel_, &QPushButton::clicked, this, [this] {
        if (cancelImport_)
            cancelImport_->store(true);
        pendingImports_.clear();
    });
    statusBar()->addWidget(status_, 1);
    statusBar()->addPermanentWidget(progress_);
    statusBar()->addPermanentWidget(cancel_);
    createMenus();
    resize(1100, 700);
}

MainWindow::~MainWindow()
{
    if (cancelImport_)
        cancelImport_->store(true);
}

void MainWindow::createMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Open or Import..."), QKeySequence::Open, this, &MainWindow::chooseDatasetFiles);
    file->addAction(tr("Open &Project..."), QKeySequence(tr("Ctrl+Shift+O")), this, &MainWindow::chooseProject);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
}

bool MainWindow::openProject(const QString& path)
{
    try {
        auto store = std::make_unique<ProjectStore>(path.toStdString());
        store_ = std::move(store);
    } catch (const std::exception& e) {
        QMessageBox::critical(this, tr("Cannot open project"), QString::fromStdString(e.what()));
        return false;
    }
    setWindowTitle(tr("RouteScope - %1").arg(QFileInfo(path).fileName()));
    refreshDatasets();
    return true;
}

void MainWindow::refreshDatasets()
{
    if (!store_)
        return;
    const auto datasets = store_->datasets();
    datasets_->setDatasets(datasets);
    status_->setText(tr("%n dataset(s) in %1", nullptr, int(datasets.size())).arg(QString::fromStdString(store_->path())));
}

void MainWindow::openPaths(const QStringList& paths)
{
    QStringList datasetFiles;
    for (const auto& path : paths) {
        if (isProjectFile(path))
            openProject(path);
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
    pendingImports_ << paths;
    if (!importRunning_)
        startNextImport();
}

void MainWindow::startNextImport()
{
    if (pendingImports_.isEmpty())
        return;
    const QString path = pendingImports_.takeFirst();
    importRunning_ = true;
    cancelImport_ = std::make_shared<std::atomic<bool>>(false);
    progress_->setValue(0);
    progress_->show();
    cancel_->show();
    status_->setText(tr("Importing %1...").arg(QFileInfo(path).fileName()));

    QPointer<MainWindow> self(this);
    const std::string projectPath = store_->path();
    auto cancel = cancelImport_;
    // The import writes through its own connection, so the GUI thread never waits on it; the
    // global pool is waited for when the application quits, after the cancel flag is set.
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
    cancel_->hide();
    refreshDatasets();
    status_->setText(message);
    if (outcome == ImportOutcome::Failed) {
        // Window-modal, not a nested event loop: imports queued behind this one go on.
        auto* box = new QMessageBox(QMessageBox::Warning, tr("Import failed"),
                                    message + tr("\n\nThe project is unchanged."), QMessageBox::Ok, this);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    }
    emit importFinished(outcome == ImportOutcome::Imported, message);
    startNextImport();
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
    if (cancelImport_)
        cancelImport_->store(true);
    event->accept();
}

} // namespace routescope
