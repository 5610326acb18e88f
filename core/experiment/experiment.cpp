#include "experiment/experiment.h"

#include "data/split.h"
#include "features/feature_cache.h"
#include "routers/router_factory.h"
#include "routers/router_settings.h"
#include "util/thread_budget.h"
#include "util/work_queue.h"

#include <algorithm>
#include <chrono>
#include <mutex>
#include <optional>
#include <stdexcept>

namespace routescope {

RouterSpec parseRouterSpec(const std::string& text)
{
    RouterSpec spec;
    spec.name = text;
    const auto colon = text.find(':');
    spec.kind = text.substr(0, colon);
    if (colon != std::string::npos) {
        std::string settings = text.substr(colon + 1);
        std::replace(settings.begin(), settings.end(), ':', ',');
        spec.settings = parseRouterSettings(settings);
    }
    if (spec.kind.empty())
        throw std::invalid_argument("router '" + text + "' has no kind");
    return spec;
}

namespace {

template <typename Matrix>
Matrix selectRows(const Matrix& m, const std::vector<Eigen::Index>& rows)
{
    return m(rows, Eigen::all);
}

template <typename Value>
std::vector<Value> selectItems(const std::vector<Value>& items, const std::vector<Eigen::Index>& rows)
{
    std::vector<Value> selected;
    selected.reserve(rows.size());
    for (auto r : rows)
        selected.push_back(items[static_cast<std::size_t>(r)]);
    return selected;
}

// One text field of every query, e.g. &QueryInfo::task.
std::vector<std::string> eachQuery(const OutcomeMatrix& data, std::string QueryInfo::*field)
{
    std::vector<std::string> values;
    values.reserve(data.queries.size());
    for (const auto& q : data.queries)
        values.push_back(q.*field);
    return values;
}

// Every query's prompt text, read from the project when the outcomes were loaded without it.
std::vector<std::string> queryTexts(const ExperimentData& data)
{
    if (!data.promptBytes)
        return eachQuery(*data.outcomes, &QueryInfo::text);
    if (!data.project || data.datasetId <= 0)
        throw std::invalid_argument("queries loaded without their text need the project that holds them");
    std::vector<std::string> texts = data.project->loadQueryTexts(data.datasetId);
    if (Eigen::Index(texts.size()) != data.outcomes->queryCount())
        throw std::invalid_argument("the project's dataset no longer has the queries loaded");
    return texts;
}

// What the cost model sees of the given rows: their tasks and prompt lengths.
std::vector<CostQuery> costInputs(const ExperimentData& data, const OutcomeMatrix& outcomes,
                                  const std::vector<Eigen::Index>& rows)
{
    std::vector<CostQuery> queries;
    queries.reserve(rows.size());
    for (auto r : rows) {
        const QueryInfo& q = outcomes.queries[static_cast<std::size_t>(r)];
        queries.push_back({q.task, data.promptBytes ? (*data.promptBytes)[std::size_t(r)] : double(q.text.size())});
    }
    return queries;
}

void checkUsable(const OutcomeMatrix& train, const OutcomeMatrix& test, bool sameDataset)
{
    if (train.modelCount() < 1)
        throw std::invalid_argument("the training data has no models");
    if (train.queryCount() < 2)
        throw std::invalid_argument("the training data needs at least 2 complete queries");
    if (!sameDataset) {
        if (test.queryCount() < 1)
            throw std::invalid_argument("the test data has no complete queries");
        if (test.models.size() != train.models.size())
            throw std::invalid_argument("the training and test data list different models");
    }
}

// Data on which training finishes but teaches little, said in words (checked on the training rows).
std::vector<std::string> trainingWarnings(const Eigen::MatrixXd& scores, const Eigen::MatrixXd& costs)
{
    constexpr Eigen::Index kFewQueries = 10;
    std::vector<std::string> warnings;
    if (scores.cols() == 1)
        warnings.push_back("only one model: every router picks it, there is nothing to route");
    else if (scores.size() > 0 && (scores.array() == scores(0, 0)).all())
        warnings.push_back("all scores equal: nothing to learn, every router is as good as the cheapest model");
    if (costs.size() > 0 && (costs.array() == 0.0).all())
        warnings.push_back("every cost is 0: budgets cannot tell the models apart");
    if (scores.rows() < kFewQueries)
        warnings.push_back("only " + std::to_string(scores.rows()) + (scores.rows() == 1 ? " training query" : " training queries") +
                           ": the routers learn next to nothing");
    return warnings;
}

// A sub-job's progress mapped into [from, to] of the whole experiment; `own` also hears the
// sub-job's own fraction.
JobControl subJob(const JobControl& job, double from, double to, const std::string& prefix,
                  std::function<void(double)> own = {})
{
    JobControl sub;
    sub.cancel = job.cancel;
    sub.progress = [&job, from, to, prefix, own](double fraction, const std::string& message) {
        job.report(from + (to - from) * fraction, prefix + message);
        if (own)
            own(fraction);
    };
    return sub;
}

// A featurizer fitted on the training rows, with the features of every query of the training
// dataset and, when the test set is another dataset, of that one.
struct TextFeatures {
    CachedFeatures fitted; // features: the training dataset's, then the test dataset's if another
    bool fromCache = false;
    const FeatureMatrix& train() const { return fitted.features.front(); }
    const FeatureMatrix& test() const { return fitted.features.back(); }
};

// Taken from the project's cache when it holds them, else fitted, transformed and cached there.
TextFeatures textFeatures(const ExperimentData& train, const ExperimentData& test, bool sameDataset,
                          const TextFeaturizerSettings& settings, const std::vector<Eigen::Index>& trainRows,
                          const JobControl& job, std::vector<std::string>& warnings)
{
    ProjectStore* project = train.project && train.datasetId > 0 && (sameDataset || test.datasetId > 0) &&
                                    (sameDataset || test.project == train.project)
                                ? train.project
                                : nullptr;
    // The test set is another dataset only when it is another dataset of the project, not another
    // copy of the training one.
    const bool separateTest = !sameDataset && !(project && test.datasetId == train.datasetId);
    const FeaturizerFit fit{train.datasetId, settings, trainRows};
    std::vector<std::int64_t> datasets = {train.datasetId};
    if (separateTest)
        datasets.push_back(test.datasetId);
    TextFeatures out;
    if (project) {
        job.report(0.0, "looking in the project");
        std::optional<CachedFeatures> cached;
        try {
            cached = loadCachedFeatures(*project, fit, datasets);
        } catch (const std::exception& e) { // the cache only saves time: fit instead
            warnings.push_back(std::string("cached features not read: ") + e.what());
        }
        // Rows must be the queries given, as loadOutcomes gives them.
        if (cached && cached->features.front().rows() == train.outcomes->queryCount() &&
            (!separateTest || cached->features.back().rows() == test.outcomes->queryCount())) {
            out.fitted = std::move(*cached);
            out.fromCache = true;
            job.report(1.0, "from the project");
            return out;
        }
    }
    TextFeaturizer& featurizer = out.fitted.featurizer;
    featurizer = TextFeaturizer(settings);
    const std::vector<std::string> trainTexts = queryTexts(train);
    featurizer.fit(selectItems(trainTexts, trainRows), job);
    out.fitted.features.push_back(featurizer.transform(trainTexts));
    if (separateTest)
        out.fitted.features.push_back(featurizer.transform(queryTexts(test)));
    job.throwIfCancelled();
    if (project && !project->readOnly()) {
        try {
            storeCachedFeatures(*project, fit, out.fitted, datasets);
        } catch (const std::exception& e) {
            warnings.push_back(std::string("features not cached in the project: ") + e.what());
        }
    }
    return out;
}

} // namespace

namespace {

// One seed made ready for training: its run (split, truth, cost prediction) and what its routers learn from.
struct PreparedSeed {
    ExperimentRun run;
    FeatureMatrix trainFeatures, validationFeatures, testFeatures;
    Eigen::MatrixXd trainScores, trainCosts, validationScores, validationCosts;
    std::vector<std::optional<TrainedRouter>> trained; // per router of the spec, once trained
};

PreparedSeed prepareSeed(const ExperimentData& train, const ExperimentData& test, const ExperimentSpec& spec,
                         const OutcomeMatrix& trainData, const OutcomeMatrix& testData, bool sameDataset,
                         std::uint64_t seed, const JobControl& job)
{
    PreparedSeed p;
    ExperimentRun& run = p.run;
    run.seed = seed;
    DataSplit split;
    if (!sameDataset)
        split = splitInDomain(eachQuery(trainData, &QueryInfo::task), {1.0, spec.validationFraction, run.seed});
    else if (!spec.heldOutTask.empty())
        split = splitOutOfDomain(eachQuery(trainData, &QueryInfo::task), spec.heldOutTask, spec.validationFraction, run.seed);
    else
        split = splitInDomain(eachQuery(trainData, &QueryInfo::task), {spec.trainFraction, spec.validationFraction, run.seed});
    bool unstratified = false;
    if (sameDataset && spec.heldOutTask.empty() && (split.train.empty() || split.test.empty())) {
        // Tasks too small to split one by one (a single query each): split the rows as one group.
        const std::vector<std::string> oneTask(static_cast<std::size_t>(trainData.queryCount()));
        split = splitInDomain(oneTask, {spec.trainFraction, spec.validationFraction, run.seed});
        unstratified = true;
    }
    if (!sameDataset) {
        split.test.resize(static_cast<std::size_t>(testData.queryCount()));
        for (Eigen::Index i = 0; i < testData.queryCount(); ++i)
            split.test[static_cast<std::size_t>(i)] = i;
    }
    if (split.train.empty() || split.test.empty())
        throw std::invalid_argument("the split leaves no training or no test queries");
    run.trainRows = split.train;
    run.validationRows = split.validation;
    run.testRows = split.test;

    p.trainScores = selectRows(trainData.scores, split.train);
    p.trainCosts = selectRows(trainData.costs, split.train);
    p.validationScores = selectRows(trainData.scores, split.validation);
    p.validationCosts = selectRows(trainData.costs, split.validation);
    run.warnings = trainingWarnings(p.trainScores, p.trainCosts);
    if (unstratified)
        run.warnings.push_back("too few queries per task to split each task: split without regard to tasks");
    run.trueScores = selectRows(testData.scores, split.test);
    run.trueCosts = selectRows(testData.costs, split.test);

    FittedPipeline pipeline;
    // Imported embeddings are used only when every query involved has them.
    const bool useEmbeddings = train.embeddings && (sameDataset || test.embeddings);
    run.textFeatures = !useEmbeddings;
    if (useEmbeddings) {
        const Eigen::MatrixXf* testEmbeddings = sameDataset ? train.embeddings : test.embeddings;
        p.trainFeatures = selectRows(*train.embeddings, split.train);
        p.validationFeatures = selectRows(*train.embeddings, split.validation);
        p.testFeatures = selectRows(*testEmbeddings, split.test);
    } else {
        TextFeaturizerSettings settings = spec.featurizer;
        settings.seed = run.seed;
        TextFeatures text = textFeatures(train, test, sameDataset, settings, split.train, job, run.warnings);
        p.trainFeatures = selectRows(text.train(), split.train);
        p.validationFeatures = selectRows(text.train(), split.validation);
        p.testFeatures = selectRows(text.test(), split.test);
        pipeline.featurizer = std::move(text.fitted.featurizer);
        run.featuresFromCache = text.fromCache;
    }
    job.throwIfCancelled();

    pipeline.costModel.fit(costInputs(train, trainData, split.train), p.trainCosts);
    run.predictedCost = pipeline.costModel.predict(costInputs(sameDataset ? train : test, testData, split.test));
    run.pipeline = std::move(pipeline);
    p.trained.resize(spec.routers.size());
    return p;
}

// The training of every (seed, router) unit side by side: progress, callbacks and results are
// handled here under one lock, so callbacks are called one at a time whichever thread trains.
class UnitTraining {
public:
    static constexpr double kPreparation = 0.15; // of the whole job: splits, features, cost models

    UnitTraining(std::vector<PreparedSeed>& seeds, const ExperimentSpec& spec, const std::vector<std::string>& modelNames,
                 const JobControl& job, const ExperimentCallbacks& callbacks)
        : seeds_(seeds), spec_(spec), modelNames_(modelNames), job_(job), callbacks_(callbacks),
          fractions_(seeds.size() * spec.routers.size(), 0.0)
    {
    }

    std::size_t units() const { return fractions_.size(); }

    void train(std::size_t unit, int threads)
    {
        const std::size_t s = unit / spec_.routers.size(), r = unit % spec_.routers.size();
        PreparedSeed& seed = seeds_[s];
        const std::atomic<bool>* skip = callbacks_.routerSkip ? callbacks_.routerSkip(r) : nullptr;
        if (skip && skip->load())
            return;
        TrainedRouter trained;
        trained.spec = spec_.routers[r];
        // Seeded routers follow the run's seed unless the spec fixes one.
        if (!trained.spec.settings.count("seed"))
            trained.spec.settings["seed"] = std::to_string(seed.run.seed);
        std::unique_ptr<Router> router = makeRouter(trained.spec.kind, trained.spec.settings);
        const std::string label = "seed " + std::to_string(seed.run.seed) + ": " + trained.spec.name;
        JobControl routerJob;
        routerJob.cancel = job_.cancel;
        routerJob.skip = skip;
        routerJob.threads = threads;
        routerJob.progress = [this, unit, s, r, label](double fraction, const std::string& message) {
            report(unit, s, r, fraction, label + ": " + message);
        };
        const TrainingSet trainingSet{seed.trainFeatures, seed.trainScores, seed.trainCosts, &modelNames_};
        const TrainingSet validationSet{seed.validationFeatures, seed.validationScores, seed.validationCosts, &modelNames_};
        const auto start = std::chrono::steady_clock::now();
        try {
            router->fit(trainingSet, seed.run.validationRows.empty() ? nullptr : &validationSet, routerJob);
        } catch (const Cancelled&) {
            if (job_.cancelled())
                throw;
            return; // this router was skipped; the others go on
        }
        trained.trainSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        trained.predictedQuality = router->predictQuality(seed.testFeatures);
        trained.router = std::unique_ptr<const Router>(std::move(router));
        job_.throwIfCancelled();

        const std::lock_guard lock(mutex_);
        fractions_[unit] = 1.0;
        seed.trained[r] = std::move(trained);
        // The run lists its routers trained so far in the spec's order.
        std::vector<TrainedRouter>& routers = seed.run.routers;
        std::size_t before = 0;
        for (std::size_t i = 0; i < r; ++i)
            before += seed.trained[i] ? 1 : 0;
        routers.insert(routers.begin() + std::ptrdiff_t(before), TrainedRouter{seed.trained[r]->spec, {},
                                                                            seed.trained[r]->predictedQuality,
                                                                            seed.trained[r]->trainSeconds});
        if (callbacks_.routerProgress)
            callbacks_.routerProgress(s, r, 1.0);
        if (callbacks_.routerTrained)
            callbacks_.routerTrained(seed.run, routers[before]);
    }

private:
    void report(std::size_t unit, std::size_t s, std::size_t r, double fraction, const std::string& message)
    {
        const std::lock_guard lock(mutex_);
        fractions_[unit] = fraction;
        double done = 0;
        for (const double f : fractions_)
            done += f;
        job_.report(kPreparation + (1.0 - kPreparation) * done / double(fractions_.size()), message);
        if (callbacks_.routerProgress)
            callbacks_.routerProgress(s, r, fraction);
    }

    std::vector<PreparedSeed>& seeds_;
    const ExperimentSpec& spec_;
    const std::vector<std::string>& modelNames_;
    const JobControl& job_;
    const ExperimentCallbacks& callbacks_;
    std::mutex mutex_;
    std::vector<double> fractions_;
};

} // namespace

std::vector<ExperimentRun> runExperiment(const ExperimentData& train, const ExperimentData& test,
                                         const ExperimentSpec& spec, const JobControl& job,
                                         const ExperimentCallbacks& callbacks)
{
    if (!train.outcomes)
        throw std::invalid_argument("no training data");
    const bool sameDataset = !test.outcomes || test.outcomes == train.outcomes;
    const OutcomeMatrix& trainData = *train.outcomes;
    // The test dataset's models in the training dataset's order (the same models may come listed
    // in another order, as LLMRouter's train.json and test.json list them).
    std::optional<OutcomeMatrix> reordered;
    if (!sameDataset && modelNames(*test.outcomes) != modelNames(trainData))
        reordered = withModelOrder(*test.outcomes, modelNames(trainData));
    const OutcomeMatrix& testData = sameDataset ? trainData : reordered ? *reordered : *test.outcomes;
    checkUsable(trainData, testData, sameDataset);
    for (const ExperimentData* data : {&train, &test})
        if (data->promptBytes && data->outcomes && Eigen::Index(data->promptBytes->size()) != data->outcomes->queryCount())
            throw std::invalid_argument(
                std::to_string(data->promptBytes->size()) + " prompt lengths for " +
                std::to_string(data->outcomes->queryCount()) +
                " queries: the project changed between reading its outcomes and their prompts' lengths; train again");
    if (spec.seeds.empty())
        throw std::invalid_argument("no seeds");

    std::vector<PreparedSeed> seeds;
    const double perSeed = UnitTraining::kPreparation / double(spec.seeds.size());
    for (std::size_t s = 0; s < spec.seeds.size(); ++s) {
        const std::string seedLabel = "seed " + std::to_string(spec.seeds[s]) + ": features: ";
        seeds.push_back(prepareSeed(train, test, spec, trainData, testData, sameDataset, spec.seeds[s],
                                    subJob(job, double(s) * perSeed, double(s + 1) * perSeed, seedLabel)));
    }

    // Units (seed, router) side by side, seed by seed, so the first seed's results come first.
    const std::vector<std::string> names = modelNames(trainData);
    UnitTraining training(seeds, spec, names, job, callbacks);
    runUnits(training.units(), threadsFor(job), [&](std::size_t unit, int threads) { training.train(unit, threads); });

    std::vector<ExperimentRun> runs;
    for (auto& seed : seeds) {
        seed.run.routers.clear();
        for (auto& trained : seed.trained)
            if (trained)
                seed.run.routers.push_back(std::move(*trained));
        runs.push_back(std::move(seed.run));
    }
    // A router skipped in one seed leaves the other seeds too: every run lists the same routers.
    for (std::size_t r = 0; r < spec.routers.size(); ++r) {
        const std::atomic<bool>* skip = callbacks.routerSkip ? callbacks.routerSkip(r) : nullptr;
        if (skip && skip->load())
            for (auto& run : runs)
                std::erase_if(run.routers, [&](const TrainedRouter& t) { return t.spec.name == spec.routers[r].name; });
    }
    job.report(1.0, "done");
    return runs;
}

} // namespace routescope
