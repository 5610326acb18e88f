#pragma once

#include "store/project_store.h"

#include <QMainWindow>
#include <QStringList>

#include <atomic>
#include <memory>

class QLabel;
class QProgressBar;
class QPushButton;

namespace routescope {

class DatasetTable;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Opens (or creates) a project file; returns false and shows why when it cannot.
    bool openProject(const QString& path);
    // Imports dataset files one after another in the background, as a drop does.
    void importFiles(const QStringList& paths);
    // Project files are opened, dataset files imported.
    void openPaths(const QStringList& paths);
    bool importRunning() const { return importRunning_; }

signals:
    void importFinished(bool ok, const QString& message);

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    void closeEvent(QCloseEvent* event) override;

private:
    void createMenus();
    void refreshDatasets();
    void startNextImport();
    void showImportProgress(double fraction, const QString& message);
    enum class ImportOutcome { Imported, Failed, Cancelled };
    void finishImport(ImportOutcome outcome, const QString& message);
    void chooseProject();
    void chooseDatasetFiles();

    std::unique_ptr<ProjectStore> store_;
    DatasetTable* datasets_ = nullptr;
    QProgressBar* progress_ = nullptr;
    QPushButton* cancel_ = nullptr;
    QLabel* status_ = nullptr;
    QStringList pendingImports_;
    bool importRunning_ = false;
    std::shared_ptr<std::atomic<bool>> cancelImport_;
};

bool isProjectFile(const QString& path);

} // namespace routescope
