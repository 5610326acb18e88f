#pragma once
// The views of the result on screen, all following one budget slider: the frontier and the
// selection shares above the slider, and below it the tabs (the live panel, the metrics, the
// query inspector, the calls per query; the window adds its own). Holds the result they show.

#include "experiment/experiment_store.h"
#include "experiment_jobs.h"
#include "model_palette.h"
#include "report/report_folder.h"

#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>

#include <map>

class QTabWidget;

namespace routescope {

class BudgetSlider;
class CallsPlot;
class FrontierPlot;
class LiveBudgetPanel;
class MetricsPanel;
class QueryInspector;
class SharePanel;

class ResultViews : public QSplitter {
    Q_OBJECT
public:
    explicit ResultViews(QWidget* parent = nullptr);
    ~ResultViews() override;

    void showResult(const WorkbenchResult& result);
    void clear();
    // pending: intervals are still being computed for it.
    void showIntervals(const ComparisonSummary& summary, bool pending);
    // Moves every view to slider position `index`.
    void showBudget(int index);
    // The bootstrap's progress, in a bar the window puts in its status bar with its Cancel button.
    void showIntervalProgress(double fraction, const QString& message);
    void hideIntervalProgress();
    QProgressBar* intervalProgress() const { return intervalProgress_; }
    QPushButton* intervalCancel() const { return intervalCancel_; }
    // Shades the selected router's 95 % band on the frontier (View > Show 95 % Band).
    void showBand(bool on);
    // The result was renamed in the project (and so its baseline, under a scenario).
    void relabel(const QString& label);
    // What summary.md says of the result on screen, the saved experiment `shown`.
    ReportDescription describeForReport(const SavedExperiment& shown, const std::map<std::int64_t, QString>& datasetNames,
                                        const QString& project) const;

    const WorkbenchResult& result() const { return result_; }
    const ModelPalette& palette() const { return palette_; }
    QTabWidget* tabs() const { return tabs_; }
    FrontierPlot* frontier() const { return frontier_; }
    SharePanel* shares() const { return shares_; }
    BudgetSlider* slider() const { return slider_; }
    LiveBudgetPanel* live() const { return live_; }
    MetricsPanel* metricsPanel() const { return metricsPanel_; }
    QueryInspector* inspector() const { return inspector_; }
    CallsPlot* calls() const { return calls_; }

signals:
    void intervalsCancelRequested();

private:
    void refreshBand();

    WorkbenchResult result_;
    ModelPalette palette_;
    bool band_ = false;
    FrontierPlot* frontier_ = nullptr;
    SharePanel* shares_ = nullptr;
    BudgetSlider* slider_ = nullptr;
    LiveBudgetPanel* live_ = nullptr;
    MetricsPanel* metricsPanel_ = nullptr;
    QueryInspector* inspector_ = nullptr;
    CallsPlot* calls_ = nullptr; // cascades: models called per query against the budget
    QTabWidget* tabs_ = nullptr;
    // Made without a parent: a QSplitter takes every child widget as a pane (and this one took the tabs' height).
    QPointer<QProgressBar> intervalProgress_;
    QPointer<QPushButton> intervalCancel_;
};

} // namespace routescope
