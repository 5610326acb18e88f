#include "experiment_jobs.h"

#include "experiment/experiment_inputs.h"
#include "experiment/experiment_store.h"
#include "scenario/scenario_dataset.h"
#include "store/project_store.h"

#include <algorithm>
#include <QMetaObject>
#include <QPointer>
#include <QThreadPool>

namespace routescope {

namespace {

// The predictions of a run so far, without the trained models (which cannot be copied).
ExperimentRun predictionsOf(const ExperimentRun& run)
{
    ExperimentRun copy;
    copy.seed = run.seed;
    copy.testRows = run.testRows;
    copy.trueScores = run.trueScores;
    copy.trueCosts = run.trueCosts;
    copy.predictedCost = run.predictedCost;
    for (const auto& r : run.routers)
        copy.routers.push_back({r.spec, {}, r.predictedQuality, r.trainSeconds});
    return copy;
}

WorkbenchResult evaluate(std::shared_ptr<const std::vector<ExperimentRun>> runs, std::shared_ptr<const OutcomeMatrix> testData,
                         const QString& label, const std::vector<std::string>& modelNames, BudgetPolicy policy,
                         std::size_t seedIndex, bool complete, SummaryOptions options)
{
    WorkbenchResult result;
    result.label = label;
    result.runs = runs;
    result.testData = testData;
    result.comparison = compareRouters(*runs, modelNames, policy);
    options.bootstrap.resamples = 0; // point estimates now; the intervals follow (ExperimentJobs::run)
    if (options.reference && !runs->empty()) {
        std::vector<RouterSpec> specs;
        for (const auto& r : runs->front().routers)
            specs.push_back(r.spec);
        const auto names = summaryRowNames(specs, modelNames);
        if (std::find(names.begin(), names.end(), *options.reference) == names.end())
            options.reference.reset(); // chosen for another experiment: the default here
    }
    result.summary = summariseComparison(*runs, result.comparison, options);
    result.seedIndex = std::min(seedIndex, runs->size() - 1);
    result.explorer = exploreBudgets((*runs)[result.seedIndex], policy);
    result.complete = complete;
    return result;
}

// The token counts of a saved experiment's test and training queries, for new prices per token.
std::shared_ptr<const ScenarioPricing> loadPricing(const QString& projectPath, const QString& label)
{
    ProjectStore store(projectPath.toStdString(), ProjectStore::Access::ReadOnly);
    if (const auto saved = findExperiment(store, label.toStdString()))
        return std::make_shared<const ScenarioPricing>(loadScenarioPricing(store, *saved));
    throw std::invalid_argument("no experiment labelled '" + label.toStdString() + "' in the project");
}

// `base` (the experiment as saved, evaluated) under `scenario`, nothing retrained.
WorkbenchResult underScenario(std::shared_ptr<const WorkbenchResult> base, const Scenario& scenario,
                              std::shared_ptr<const ScenarioPricing> pricing, const SummaryOptions& options)
{
    if (scenario.isBaseline())
        return *base;
    ScenarioRuns under = applyScenario(*base->runs, base->comparison.modelNames, scenario,
                                       pricing ? pricing->data() : PricingData{});
    // The test outcomes as the scenario's runs index them: the pool's models, repriced.
    auto testData = std::make_shared<const OutcomeMatrix>(
        outcomesUnderScenario(pricing ? pricing->test : *base->testData, scenario));
    WorkbenchResult result = evaluate(std::make_shared<const std::vector<ExperimentRun>>(std::move(under.runs)), testData,
                                      base->label, under.modelNames, base->comparison.policy, base->seedIndex, true, options);
    result.scenario = scenario;
    result.baseline = std::move(base);
    result.pricing = std::move(pricing);
    return result;
}

} // namespace

QString failureTitle(JobKind kind)
{
    switch (kind) {
    case JobKind::Training: return QObject::tr("Training failed");
    case JobKind::Loading: return QObject::tr("Cannot show the experiment");
    case JobKind::Reevaluating: return QObject::tr("Cannot re-evaluate the experiment");
    case JobKind::Summarising: return QObject::tr("Cannot summarise the experiment");
    case JobKind::Scenario: return QObject::tr("Cannot evaluate the scenario");
    case JobKind::Intervals: return QObject::tr("Cannot compute the 95 % intervals");
    case JobKind::None: break;
    }
    return QObject::tr("Background job failed");
}

ExperimentJobs::ExperimentJobs(QObject* parent) : QObject(parent)
{
    qRegisterMetaType<routescope::WorkbenchResult>();
    qRegisterMetaType<routescope::ComparisonSummary>();
}

ExperimentJobs::~ExperimentJobs()
{
    cancel();
    // Jobs post back to this object: let them see the cancel flag and finish first.
    QThreadPool::globalInstance()->waitForDone();
}

void ExperimentJobs::cancel()
{
    if (cancel_)
        cancel_->store(true);
}

void ExperimentJobs::retire()
{
    if (!running_)
        return;
    cancel();
    ++generation_;
    running_ = false;
    describeJob(JobKind::None, {}, {});
    emit finished();
}

bool ExperimentJobs::usesDataset(std::int64_t datasetId) const
{
    return std::find(datasets_.begin(), datasets_.end(), datasetId) != datasets_.end();
}

bool ExperimentJobs::usesExperiment(const QString& label) const { return !label.isEmpty() && label == experiment_; }

std::shared_ptr<std::atomic<bool>> ExperimentJobs::startJob()
{
    cancel();
    ++generation_;
    cancel_ = std::make_shared<std::atomic<bool>>(false);
    running_ = true;
    describeJob(JobKind::None, {}, {});
    return cancel_;
}

void ExperimentJobs::describeJob(JobKind kind, std::vector<std::int64_t> datasets, const QString& experiment)
{
    kind_ = kind;
    datasets_ = std::move(datasets);
    experiment_ = experiment;
}

template <typename F>
void ExperimentJobs::post(int generation, F&& f)
{
    QPointer<ExperimentJobs> self(this);
    QMetaObject::invokeMethod(
        this,
        [self, generation, f = std::forward<F>(f)]() mutable {
            if (self && generation == self->generation_)
                f(*self);
        },
        Qt::QueuedConnection);
}

void ExperimentJobs::run(std::function<WorkbenchResult(const JobControl& job, int generation)> work)
{
    const auto cancel = startJob();
    const int generation = generation_;
    SummaryOptions options = summaryOptions_;
    QThreadPool::globalInstance()->start([this, work = std::move(work), cancel, generation, options]() mutable {
        try {
            JobControl job;
            job.cancel = cancel.get();
            auto result = work(job, generation);
            post(generation, [result](ExperimentJobs& self) {
                if (result.complete) // done with the project: what remains is the bootstrap in memory
                    self.describeJob(JobKind::Intervals, {}, {});
                emit self.resultReady(result);
            });
            if (result.complete && options.bootstrap.resamples > 0 && !result.summary.hasIntervals()) {
                job.progress = [this, generation](double fraction, const std::string& message) {
                    post(generation, [fraction, message](ExperimentJobs& self) {
                        emit self.intervalProgress(fraction, QString::fromStdString(message));
                    });
                };
                options.reference = result.summary.referenceChosen ? std::optional(result.summary.reference) : std::nullopt;
                const auto summary = summariseComparison(*result.runs, result.comparison, options, job);
                post(generation, [summary](ExperimentJobs& self) { emit self.intervalsReady(summary); });
            }
        } catch (const Cancelled&) {
            post(generation, [](ExperimentJobs& self) { emit self.cancelled(); });
        } catch (const std::exception& e) {
            const QString message = QString::fromStdString(e.what());
            post(generation, [message](ExperimentJobs& self) { emit self.failed(message); });
        }
        post(generation, [](ExperimentJobs& self) {
            self.running_ = false;
            self.describeJob(JobKind::None, {}, {});
            emit self.finished();
        });
    });
}

void ExperimentJobs::train(const TrainingRequest& request)
{
    run([this, request = request, options = summaryOptions_](const JobControl& job, int generation) mutable {
        ProjectStore store(request.projectPath.toStdString());
        QString suffix;
        if (request.scenario) {
            // Copies of the datasets under the scenario, trained on as any dataset is.
            const std::string name = request.scenario->name.empty() ? "scenario" : request.scenario->name;
            for (const auto& d : store.datasets()) {
                if (d.id == request.trainDatasetId)
                    request.trainDatasetId = saveScenarioDataset(store, d.id, *request.scenario, d.name + " @ " + name);
                else if (request.testDatasetId && d.id == *request.testDatasetId)
                    request.testDatasetId = saveScenarioDataset(store, d.id, *request.scenario, d.name + " @ " + name);
            }
            suffix = QString::fromStdString(" (retrained under " + name + ")");
        }
        // With the prompts' text, which the views show (the query inspector): one read for both.
        const ExperimentInputs inputs =
            loadExperimentInputs(store, request.trainDatasetId, request.testDatasetId, /*withText=*/true);
        const auto testData = inputs.testOutcomes();
        const auto modelNames = inputs.modelNames();
        ExperimentCallbacks callbacks;
        if (request.routerSkips)
            callbacks.routerSkip = [skips = request.routerSkips](std::size_t r) -> const std::atomic<bool>* {
                return r < skips->size() ? &(*skips)[r] : nullptr;
            };
        callbacks.routerProgress = [this, generation](std::size_t seed, std::size_t router, double fraction) {
            post(generation, [seed, router, fraction](ExperimentJobs& self) {
                emit self.routerProgress(int(seed), int(router), fraction);
            });
        };
        // Plots fill in as routers arrive: the first seed's routers so far, evaluated here.
        callbacks.routerTrained = [&](const ExperimentRun& run, const TrainedRouter&) {
            if (run.seed != request.spec.seeds.front())
                return;
            auto partial = std::make_shared<std::vector<ExperimentRun>>();
            partial->push_back(predictionsOf(run));
            auto result = evaluate(partial, testData, {}, modelNames, request.policy, 0, false, options);
            post(generation, [result](ExperimentJobs& self) { emit self.resultReady(result); });
        };
        auto runs = std::make_shared<std::vector<ExperimentRun>>(
            runExperiment(inputs.trainData(&store), inputs.testData(&store), request.spec, job, callbacks));
        const QString label = QString::fromStdString(newExperimentLabel(store, suffix.toStdString()));
        saveExperiment(store, label.toStdString(), request.trainDatasetId, request.testDatasetId, request.spec, *runs);
        return evaluate(runs, testData, label, modelNames, request.policy, 0, true, options);
    });
    std::vector<std::int64_t> datasets{request.trainDatasetId};
    if (request.testDatasetId)
        datasets.push_back(*request.testDatasetId);
    describeJob(JobKind::Training, std::move(datasets), {});
}

void ExperimentJobs::loadSaved(const QString& projectPath, const QString& label, BudgetPolicy policy)
{
    run([projectPath, label, policy, options = summaryOptions_](const JobControl&, int) {
        ProjectStore store(projectPath.toStdString(), ProjectStore::Access::ReadOnly);
        const auto saved = findExperiment(store, label.toStdString());
        if (!saved)
            throw std::invalid_argument("no experiment labelled '" + label.toStdString() + "'");
        auto test = std::make_shared<const OutcomeMatrix>(loadTestOutcomes(store, *saved));
        auto runs = std::make_shared<std::vector<ExperimentRun>>(loadExperiment(store, label.toStdString(), *test));
        return evaluate(runs, test, label, modelNames(*test), policy, 0, true, options);
    });
    describeJob(JobKind::Loading, {}, label);
}

void ExperimentJobs::reevaluate(const WorkbenchResult& current, BudgetPolicy policy, std::size_t seedIndex)
{
    if (!current.runs || current.runs->empty())
        return;
    run([current, policy, seedIndex, options = summaryOptions_](const JobControl&, int) {
        const auto again = [&](const WorkbenchResult& shown) {
            if (policy == shown.comparison.policy) {
                // Another seed to show: the summary (over all seeds, with its intervals) stays.
                WorkbenchResult result = shown;
                result.seedIndex = std::min(seedIndex, shown.runs->size() - 1);
                result.explorer = exploreBudgets((*shown.runs)[result.seedIndex], policy);
                return result;
            }
            return evaluate(shown.runs, shown.testData, shown.label, shown.comparison.modelNames, policy, seedIndex,
                            true, options);
        };
        if (!current.baseline)
            return again(current);
        // Under a scenario: the baseline too, for overlay and side by side.
        WorkbenchResult result = again(current);
        result.scenario = current.scenario;
        result.pricing = current.pricing;
        result.baseline = std::make_shared<const WorkbenchResult>(again(*current.baseline));
        return result;
    });
    describeJob(JobKind::Reevaluating, {}, current.label);
}

void ExperimentJobs::resummarise(const WorkbenchResult& current)
{
    if (!current.runs || current.runs->empty())
        return;
    run([current, options = summaryOptions_](const JobControl&, int) {
        WorkbenchResult result = evaluate(current.runs, current.testData, current.label, current.comparison.modelNames,
                                          current.comparison.policy, current.seedIndex, true, options);
        result.scenario = current.scenario;
        result.baseline = current.baseline;
        result.pricing = current.pricing;
        return result;
    });
    describeJob(JobKind::Summarising, {}, current.label);
}

void ExperimentJobs::evaluateScenario(const WorkbenchResult& current, const Scenario& scenario, const QString& projectPath)
{
    if (!current.runs || current.runs->empty() || !current.complete || current.label.isEmpty())
        return;
    auto base = current.baseline ? current.baseline : std::make_shared<const WorkbenchResult>(current);
    run([base, scenario, projectPath, pricing = current.pricing, options = summaryOptions_](const JobControl&, int) {
        auto loaded = pricing;
        if (!scenario.prices.empty() && !loaded)
            loaded = loadPricing(projectPath, base->label);
        return underScenario(base, scenario, loaded, options);
    });
    describeJob(JobKind::Scenario, {}, base->label);
}

} // namespace routescope
