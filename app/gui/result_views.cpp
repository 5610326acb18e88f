#include "result_views.h"

#include "budget_slider.h"
#include "calls_plot.h"
#include "experiment_list.h"
#include "frontier_plot.h"
#include "live_budget_panel.h"
#include "metrics_panel.h"
#include "metrics_table.h"
#include "query_inspector.h"
#include "share_panel.h"

#include <QProgressBar>
#include <QTabWidget>
#include <QVBoxLayout>

namespace routescope {

namespace {

std::vector<QString> qtNames(const std::vector<std::string>& names)
{
    std::vector<QString> out;
    for (const auto& n : names)
        out.push_back(QString::fromStdString(n));
    return out;
}

} // namespace

ResultViews::ResultViews(QWidget* parent) : QSplitter(Qt::Vertical, parent)
{
    frontier_ = new FrontierPlot(this);
    frontier_->setMinimumSize(300, 260);
    shares_ = new SharePanel(this);
    connect(shares_, &SharePanel::routerChanged, this, &ResultViews::refreshBand);
    auto* plots = new QSplitter(Qt::Horizontal, this);
    plots->addWidget(frontier_);
    plots->addWidget(shares_);
    plots->setSizes({640, 520});
    slider_ = new BudgetSlider(this);
    connect(slider_, &BudgetSlider::budgetChanged, this, &ResultViews::showBudget);

    live_ = new LiveBudgetPanel(this);
    tabs_ = new QTabWidget(this);
    tabs_->addTab(live_, tr("At this budget"));
    metricsPanel_ = new MetricsPanel(this);
    tabs_->addTab(metricsPanel_, tr("Metrics"));
    // A row clicked in the table becomes the selected router (share plot, band).
    connect(metricsPanel_->table(), &MetricsTable::routerActivated, shares_, &SharePanel::selectRouter);
    inspector_ = new QueryInspector(this);
    tabs_->addTab(inspector_, tr("Queries"));
    calls_ = new CallsPlot(this);
    tabs_->addTab(calls_, tr("Calls per query"));

    intervalProgress_ = new QProgressBar;
    intervalProgress_->setRange(0, 1000);
    intervalProgress_->setFixedWidth(300); // beside its Cancel button, its text on one line
    intervalProgress_->setToolTip(tr("The bootstrap of the metrics table's 95 % intervals, in the background"));
    intervalProgress_->hide();
    intervalCancel_ = new QPushButton(tr("Cancel intervals"));
    intervalCancel_->setToolTip(tr("Stop the bootstrap: the metrics table keeps its point estimates, the experiment stays saved"));
    intervalCancel_->hide();
    connect(intervalCancel_, &QPushButton::clicked, this, &ResultViews::intervalsCancelRequested);

    auto* top = new QWidget(this);
    auto* topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addWidget(plots, 1);
    topLayout->addWidget(slider_);
    addWidget(top);
    addWidget(tabs_);
    setSizes({620, 260});
    // The query inspector needs rows: showing it gives the tabs half the height at least.
    connect(tabs_, &QTabWidget::currentChanged, this, [this] {
        const QList<int> heights = sizes();
        if (tabs_->currentWidget() == inspector_ && heights.value(1) < heights.value(0))
            setSizes({(heights[0] + heights[1]) / 2, (heights[0] + heights[1]) / 2});
    });
}

ResultViews::~ResultViews()
{
    if (intervalProgress_ && !intervalProgress_->parent())
        delete intervalProgress_; // nobody put it in a status bar
    if (intervalCancel_ && !intervalCancel_->parent())
        delete intervalCancel_;
}

void ResultViews::showResult(const WorkbenchResult& result)
{
    result_ = result;
    palette_ = modelPalette(result_.comparison.modelNames,
                            result_.runs && !result_.runs->empty() ? result_.runs->front().trueCosts : Eigen::MatrixXd());
    frontier_->setComparison(result_.comparison, result_.seedIndex, palette_);
    inspector_->setRun(result_.testData, result_.runs, result_.seedIndex, result_.comparison.policy);
    shares_->setResult(result_.explorer, qtNames(result_.comparison.modelNames), palette_);
    calls_->setExplorer(result_.explorer);
    slider_->setExplorer(&result_.explorer);
    showBudget(slider_->index());
}

void ResultViews::clear()
{
    result_ = WorkbenchResult{};
    frontier_->clearComparison();
    shares_->clear();
    calls_->clearExplorer();
    live_->clearBudget();
    inspector_->clearRun();
    metricsPanel_->setSummary({}, false);
    slider_->setExplorer(nullptr);
}

void ResultViews::showIntervals(const ComparisonSummary& summary, bool pending)
{
    result_.summary = summary;
    metricsPanel_->setSummary(summary, pending);
    if (summary.hasIntervals())
        hideIntervalProgress();
    refreshBand();
}

void ResultViews::hideIntervalProgress()
{
    intervalProgress_->hide();
    intervalCancel_->hide();
}

void ResultViews::showIntervalProgress(double fraction, const QString& message)
{
    intervalProgress_->setValue(int(fraction * 1000));
    intervalProgress_->setFormat(tr("intervals: %1").arg(message));
    intervalProgress_->show();
    intervalCancel_->show();
}

void ResultViews::relabel(const QString& label)
{
    result_.label = label;
    if (result_.baseline) {
        auto baseline = std::make_shared<WorkbenchResult>(*result_.baseline);
        baseline->label = label;
        result_.baseline = std::move(baseline);
    }
}

ReportDescription ResultViews::describeForReport(const SavedExperiment& shown,
                                                 const std::map<std::int64_t, QString>& datasetNames,
                                                 const QString& project) const
{
    ReportDescription description;
    description.experiment = shown.label;
    description.project = project.toStdString();
    const auto dataset = datasetNames.find(shown.trainDatasetId);
    description.dataset = dataset == datasetNames.end() ? "" : dataset->second.toStdString();
    description.split = describeSplit(shown, datasetNames).toStdString();
    description.policy = result_.comparison.policy;
    description.seeds = shown.seeds;
    description.routers = result_.comparison.routerNames;
    for (const auto& m : palette_.modelsByPrice())
        description.modelsByPrice.push_back(m.toStdString());
    description.shareRouter = shares_->router().toStdString();
    description.scenario = scenarioReportNote(result_.scenario);
    return description;
}

void ResultViews::showBand(bool on)
{
    band_ = on;
    refreshBand();
}

void ResultViews::refreshBand()
{
    const QString name = shares_->router();
    const SummaryRow* row = result_.summary.row(name.toStdString());
    if (band_ && row && result_.seedIndex < row->bands.size())
        frontier_->setBand(name, row->bands[result_.seedIndex]);
    else
        frontier_->setBand({}, {});
}

void ResultViews::showBudget(int index)
{
    const auto& budgets = result_.explorer.budgets;
    if (index < 0 || std::size_t(index) >= budgets.size())
        return;
    frontier_->setBudget(result_.explorer, index);
    shares_->setBudget(result_.explorer, index);
    calls_->setBudget(result_.explorer, index);
    inspector_->setBudget(budgets[std::size_t(index)]);
    live_->setBudget(result_.explorer, index,
                     QString::fromStdString(result_.comparison.modelNames[std::size_t(result_.explorer.mostExpensiveModel)]));
}

} // namespace routescope
