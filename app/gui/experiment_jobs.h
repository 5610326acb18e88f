#pragma once
// Background jobs of the workbench: train an experiment, reload a saved one, re-evaluate under
// another policy or seed. Each job runs on the thread pool with its own project connection and
// posts plain values back; a generation counter drops the results of superseded jobs. A complete
// result is posted with point estimates first; the bootstrap's intervals follow, with progress.

#include "experiment/budget_explorer.h"
#include "experiment/comparison.h"
#include "experiment/experiment.h"
#include "report/comparison_summary.h"
#include "scenario/scenario.h"
#include "scenario/scenario_runs.h"

#include <QObject>
#include <QString>

#include <atomic>
#include <functional>
#include <memory>

namespace routescope {

// What the views show: the comparison (metrics, frontiers) and one seed's explorer (slider).
struct WorkbenchResult {
    QString label; // the saved experiment's label; empty while training
    std::shared_ptr<const std::vector<ExperimentRun>> runs;
    std::shared_ptr<const OutcomeMatrix> testData; // what the runs' test rows index into
    Comparison comparison;
    ComparisonSummary summary; // point estimates, then (intervalsReady) with intervals
    BudgetExplorer explorer;
    std::size_t seedIndex = 0;
    bool complete = false; // false: routers are still training
    // Under a what-if scenario (the Scenario panel), everything above is the scenario's, nothing
    // retrained; `baseline` is the experiment at its training prices, for overlay and side by side.
    Scenario scenario;
    std::shared_ptr<const WorkbenchResult> baseline;
    // What new prices per token need (scenario/scenario_runs.h), loaded by the first job that needed it.
    std::shared_ptr<const ScenarioPricing> pricing;
};

struct TrainingRequest {
    QString projectPath;
    std::int64_t trainDatasetId = 0;
    std::optional<std::int64_t> testDatasetId;
    // Train on copies of the datasets under this scenario ("Retrain under this scenario").
    std::optional<Scenario> scenario;
    ExperimentSpec spec;
    BudgetPolicy policy = BudgetPolicy::CostThreshold;
    // One flag per router of the spec: set, it skips that router (the panel's Skip buttons).
    std::shared_ptr<std::vector<std::atomic<bool>>> routerSkips;
};

// What the running job is doing; a training job's complete result turns it into Intervals (the
// bootstrap in memory, which no longer reads or writes the project).
enum class JobKind { None, Training, Loading, Reevaluating, Summarising, Scenario, Intervals };

// The title of the message that a job of this kind failed ("Training failed").
QString failureTitle(JobKind kind);

class ExperimentJobs : public QObject {
    Q_OBJECT
public:
    explicit ExperimentJobs(QObject* parent = nullptr);
    ~ExperimentJobs() override;

    void train(const TrainingRequest& request);
    void loadSaved(const QString& projectPath, const QString& label, BudgetPolicy policy);
    // The same runs under another policy or seed.
    void reevaluate(const WorkbenchResult& current, BudgetPolicy policy, std::size_t seedIndex);
    // The same result summarised again under the current summary options (another reference).
    void resummarise(const WorkbenchResult& current);
    // The experiment of `current` under a what-if scenario, without retraining (the baseline
    // itself when the scenario changes nothing); token counts are read from the project once.
    void evaluateScenario(const WorkbenchResult& current, const Scenario& scenario, const QString& projectPath);
    void cancel();
    // Cancels the job and drops all it posts from now on (its result left the screen or the
    // project closed); finished() follows at once.
    void retire();
    bool running() const { return running_; }
    // A training job is running (other jobs, as a bootstrap, give way to new ones).
    bool training() const { return kind_ == JobKind::Training; }
    JobKind kind() const { return kind_; }
    // Whether the running job reads or writes this dataset or saved experiment in the project
    // (it must not be renamed or removed under it).
    bool usesDataset(std::int64_t datasetId) const;
    bool usesExperiment(const QString& label) const;
    // How summaries are made (bootstrap resamples and seed, the reference), from the next job on.
    void setSummaryOptions(const SummaryOptions& options) { summaryOptions_ = options; }
    const SummaryOptions& summaryOptions() const { return summaryOptions_; }

signals:
    void routerProgress(int seed, int router, double fraction);
    void resultReady(const routescope::WorkbenchResult& result);
    // The shown result's summary again, with the bootstrap's intervals.
    void intervalsReady(const routescope::ComparisonSummary& summary);
    void intervalProgress(double fraction, const QString& message);
    void failed(const QString& message);
    void cancelled();
    void finished();

private:
    // Runs `work` on the pool and posts its result, or failed()/cancelled(), then finished().
    void run(std::function<WorkbenchResult(const JobControl& job, int generation)> work);
    std::shared_ptr<std::atomic<bool>> startJob();
    // What the job just started is, and what of the project it needs until its result is posted.
    void describeJob(JobKind kind, std::vector<std::int64_t> datasets, const QString& experiment);
    template <typename F>
    void post(int generation, F&& f);

    std::atomic<int> generation_{0};
    std::shared_ptr<std::atomic<bool>> cancel_;
    bool running_ = false;
    JobKind kind_ = JobKind::None;
    std::vector<std::int64_t> datasets_; // what the running job uses in the project
    QString experiment_;
    SummaryOptions summaryOptions_;
};

} // namespace routescope

Q_DECLARE_METATYPE(routescope::WorkbenchResult)
Q_DECLARE_METATYPE(routescope::ComparisonSummary)
