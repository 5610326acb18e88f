#pragma once
// The RouteScope workbench: datasets come in by drop or File > Open, routers train in the
// background, and the frontier, selection-share, live and metrics views follow one budget slider.

#include "experiment_jobs.h"
#include "model_palette.h"
#include "store/project_store.h"

#include <QMainWindow>
#include <QStringList>

#include <atomic>
#include <memory>

class QAction;
class QCheckBox;
class QComboBox;
class QLabel;
class QMenu;
class QProgressBar;
class QPushButton;
class QTabWidget;

namespace routescope {

class BudgetSlider;
class CallsPlot;
class DatasetTable;
class FrontierPlot;
class LiveBudgetPanel;
class MetricsPanel;
class MetricsTable;
class PlotWidget;
class QueryInspector;
class SelectionSharePlot;
class TrainingPanel;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Opens (or creates) a project file; returns false and shows why when it cannot. Shows the
    // project's latest saved experiment, or trains the default routers when there is none and
    // autoTrain is set.
    bool openProject(const QString& path, bool autoTrain = false);
    // Imports dataset files one after another in the background, as a drop does.
    void importFiles(const QStringList& paths);
    // Project files are opened, dataset files imported.
    void openPaths(const QStringList& paths);
    void startTraining();
    // Trains as asked (the panel's settings, or a scenario's retraining), in the background.
    void startTraining(const TrainingRequest& request);

    bool importRunning() const { return importRunning_; }
    bool trainingRunning() const { return jobs_->running(); }
    void cancelTraining() { jobs_->cancel(); }
    const WorkbenchResult& result() const { return result_; }
    // Moves every view to slider position `index` (what dragging the slider does).
    void showBudget(int index);
    TrainingPanel* trainingPanel() const { return training_; }
    BudgetSlider* budgetSlider() const { return slider_; }
    SelectionSharePlot* sharePlot() const { return shareA_; }
    FrontierPlot* frontierPlot() const { return frontier_; }
    LiveBudgetPanel* livePanel() const { return live_; }
    CallsPlot* callsPlot() const { return calls_; }
    MetricsTable* metricsTable() const { return metrics_; }
    QueryInspector* queryInspector() const { return inspector_; }
    ExperimentJobs* jobs() const { return jobs_; }
    ProjectStore* project() const { return store_.get(); } // null until a project is open
    // Writes frontier and share figures (PNG, PDF, SVG), metrics.csv, metrics.tex and summary.md into `dir`.
    QString exportReport(const QString& dir);
    // Writes the metrics table as CSV to `csvPath` and as LaTeX beside it (.tex); an error or "".
    QString exportMetrics(const QString& csvPath);
    // View > Show 95 % Band: the frontier shades the selected router's bootstrap band.
    QAction* bandAction() const { return bandAction_; }
    // File > Clear Cached Features: asks, naming the size, then drops the project's feature cache.
    void clearFeatureCache();

signals:
    void importFinished(bool ok, const QString& message);
    void resultShown(bool complete);
    void intervalsShown();
    void trainingFinished();

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    void closeEvent(QCloseEvent* event) override;

private:
    // Shows why and returns true when the open project cannot be written.
    bool refuseReadOnly(const QString& title);
    enum class ImportOutcome { Imported, Failed, Cancelled };
    void createMenus();
    QWidget* createWorkbench();
    void refreshDatasets();
    void startNextImport();
    void showImportProgress(double fraction, const QString& message);
    void finishImport(ImportOutcome outcome, const QString& message);
    void chooseProject();
    void chooseDatasetFiles();
    void showResult(const WorkbenchResult& result);
    void refreshSharePlots();
    void showIntervals(const ComparisonSummary& summary);
    // The band of the router chosen for the share plot, when View > Show 95 % Band is on.
    void refreshBand();
    void rememberRecent(const QString& key, const QString& path);
    void rebuildRecentMenu();
    void exportFigure(PlotWidget* plot, const QString& name);
    void exportMetricsCsv();
    void chooseReportFolder();
    void showError(const QString& title, const QString& message);

    std::unique_ptr<ProjectStore> store_;
    ExperimentJobs* jobs_ = nullptr;
    WorkbenchResult result_;
    ModelPalette palette_;

    TrainingPanel* training_ = nullptr;
    DatasetTable* datasets_ = nullptr;
    FrontierPlot* frontier_ = nullptr;
    SelectionSharePlot* shareA_ = nullptr;
    SelectionSharePlot* shareB_ = nullptr;
    QComboBox* shareRouterA_ = nullptr;
    QComboBox* shareRouterB_ = nullptr;
    QCheckBox* compareShares_ = nullptr;
    bool shareRoutersChosen_ = false; // once the user picks, results keep the picks
    QComboBox* seed_ = nullptr;
    BudgetSlider* slider_ = nullptr;
    LiveBudgetPanel* live_ = nullptr;
    MetricsPanel* metricsPanel_ = nullptr;
    MetricsTable* metrics_ = nullptr; // metricsPanel_'s table
    QProgressBar* intervalProgress_ = nullptr;
    QAction* bandAction_ = nullptr;
    CallsPlot* calls_ = nullptr; // cascades: models called per query against the budget
    QueryInspector* inspector_ = nullptr;
    QTabWidget* tabs_ = nullptr;
    QMenu* recentMenu_ = nullptr;

    QProgressBar* progress_ = nullptr;
    QPushButton* cancelImport_ = nullptr;
    QLabel* status_ = nullptr;
    QStringList pendingImports_;
    bool importRunning_ = false;
    std::shared_ptr<std::atomic<bool>> importCancel_;
};

bool isProjectFile(const QString& path);

} // namespace routescope
