#pragma once
// The RouteScope workbench: datasets come in by drop or File > Open, routers train in the
// background, and the frontier, selection-share, live and metrics views follow one budget slider.
// The window lays out the views and menus and wires them to the jobs that do the work:
// ProjectSession (the open project), ImportJobs, ExperimentJobs and ProjectActions.

#include "experiment/experiment_store.h"
#include "experiment_jobs.h"
#include "report/report_folder.h"

#include <QMainWindow>
#include <QStringList>

#include <map>
#include <optional>

class QAction;
class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QTabWidget;

namespace routescope {

class BudgetSlider;
class CallsPlot;
class DatasetPanel;
class ExperimentCard;
class ExperimentList;
class ExportActions;
class FrontierPlot;
class ImportControl;
class LiveBudgetPanel;
class MetricsPanel;
class MetricsTable;
class PlotWidget;
class ProjectActions;
class ProjectSession;
class QueryInspector;
class RecentFiles;
class ResultViews;
class SelectionSharePlot;
class SharePanel;
class TrainingPanel;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Opens (or creates) a project file in the background; projectOpened() follows. Shows the
    // project's latest saved experiment, or trains the default routers when there is none and
    // autoTrain is set. While an experiment trains, asks first: false when the user keeps it.
    bool openProject(const QString& path, bool autoTrain = false);
    // The project opened last, if there is one (at launch with no file given).
    void openLastProject();
    // Imports dataset files one after another in the background, as a drop does.
    void importFiles(const QStringList& paths);
    // Project files are opened, dataset files imported.
    void openPaths(const QStringList& paths);
    void startTraining();
    // Shows a saved experiment of the open project (what selecting it in the list does).
    void showExperiment(const QString& label);
    // Trains as asked (the panel's settings, or a scenario's retraining), in the background.
    void startTraining(const TrainingRequest& request);

    ProjectSession* project() const { return session_; }
    ProjectActions* projectActions() const { return actions_; }
    bool trainingRunning() const { return jobs_->running(); }
    void cancelTraining() { jobs_->cancel(); }
    const WorkbenchResult& result() const;
    TrainingPanel* trainingPanel() const { return training_; }
    ExperimentCard* experimentCard() const { return card_; }
    ExperimentList* experimentList() const { return experiments_; }
    ResultViews* views() const { return views_; }
    BudgetSlider* budgetSlider() const;
    SelectionSharePlot* sharePlot() const;
    FrontierPlot* frontierPlot() const;
    LiveBudgetPanel* livePanel() const;
    CallsPlot* callsPlot() const;
    MetricsTable* metricsTable() const;
    QueryInspector* queryInspector() const;
    ExperimentJobs* jobs() const { return jobs_; }
    // Writes frontier and share figures (PNG, PDF, SVG), metrics.csv, metrics.tex and summary.md
    // into `dir`, made if missing; returns an error or "".
    QString exportReport(const QString& dir);
    // Writes the metrics table as CSV to `csvPath` and as LaTeX beside it (.tex); an error or "".
    QString exportMetrics(const QString& csvPath);
    // View > Show 95 % Band: the frontier shades the selected router's bootstrap band.
    QAction* bandAction() const { return bandAction_; }
    // The open project's saved experiment of this label, as last read (no query on the GUI thread).
    std::optional<SavedExperiment> savedExperiment(const QString& label) const;

signals:
    void projectOpened(bool ok);
    void importFinished(bool ok, const QString& message);
    void resultShown(bool complete);
    // No result on screen any more (another project, a new training, the experiment deleted).
    void resultCleared();
    void intervalsShown();
    void trainingFinished();
    void featureCacheCleared(bool ok);

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    void closeEvent(QCloseEvent* event) override;

private:
    void createMenus();
    QWidget* createWorkbench();
    void connectProject();
    void projectOpenedAt(const QString& path);
    void refreshProject();
    // The list marks, and the card describes, the experiment on screen.
    void showCard();
    // Clears the views and retires the job working for them.
    void clearResult();
    // The views only: for a new job, which supersedes the old one itself.
    void clearViews();
    void showResult(const WorkbenchResult& result);
    void showIntervals(const ComparisonSummary& summary);
    std::optional<ReportDescription> reportDescription() const;
    void showError(const QString& title, const QString& message);
    // The saved experiment on screen, if the result is one.
    std::optional<SavedExperiment> shownExperiment() const;

    ProjectSession* session_ = nullptr;
    ProjectActions* actions_ = nullptr;
    ExperimentJobs* jobs_ = nullptr;
    ImportControl* imports_ = nullptr;
    ExportActions* exports_ = nullptr;
    RecentFiles* recent_ = nullptr;
    std::vector<SavedExperiment> saved_; // the open project's experiments
    std::map<std::int64_t, QString> datasetNames_; // the open project's datasets by id
    bool autoTrain_ = false;             // train once the project being opened is open
    QStringList pendingImports_;         // imported once the project being opened is open

    TrainingPanel* training_ = nullptr;
    ExperimentCard* card_ = nullptr;
    ExperimentList* experiments_ = nullptr;
    DatasetPanel* datasets_ = nullptr;
    ResultViews* views_ = nullptr;
    QComboBox* seed_ = nullptr;
    QAction* bandAction_ = nullptr;
    QLabel* status_ = nullptr;
};

} // namespace routescope
