#include "experiment/experiment.h"

#include "data/split.h"
#include "features/feature_cache.h"
#include "routers/router_factory.h"
#include "routers/router_settings.h"

#include <algorithm>
#include <chrono>
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

std::vector<std::string> selectTexts(const OutcomeMatrix& data, const std::vector<Eigen::Index>& rows)
{
    std::vector<std::string> texts;
    texts.reserve(rows.size());
    for (auto r : rows)
        texts.push_back(data.queries[static_cast<std::size_t>(r)].text);
    return texts;
}

std::vector<QueryInfo> selectQueries(const OutcomeMatrix& data, const std::vector<Eigen::Index>& rows)
{
    std::vector<QueryInfo> queries;
    queries.reserve(rows.size());
    for (auto r : rows)
        queries.push_back(data.queries[static_cast<std::size_t>(r)]);
    return queries;
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
    featurizer.fit(selectTexts(*train.outcomes, trainRows), job);
    out.fitted.features.push_back(featurizer.transform(eachQuery(*train.outcomes, &QueryInfo::text)));
    if (separateTest)
        out.fitted.features.push_back(featurizer.transform(eachQuery(*test.outcomes, &QueryInfo::text)));
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
    if (spec.seeds.empty())
        throw std::invalid_argument("no seeds");
    // Imported embeddings are used only when every query involved has them.
    const bool useEmbeddings = train.embeddings && (sameDataset || test.embeddings);
    const Eigen::MatrixXf* testEmbeddings = sameDataset ? train.embeddings : test.embeddings;

    std::vector<ExperimentRun> runs;
    const double perSeed = 1.0 / double(spec.seeds.size());
    for (std::size_t s = 0; s < spec.seeds.size(); ++s) {
        ExperimentRun run;
        run.seed = spec.seeds[s];
        const double seedStart = double(s) * perSeed;
        const std::string seedLabel = "seed " + std::to_string(run.seed) + ": ";

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

        const Eigen::MatrixXd trainScores = selectRows(trainData.scores, split.train);
        const Eigen::MatrixXd trainCosts = selectRows(trainData.costs, split.train);
        const Eigen::MatrixXd validationScores = selectRows(trainData.scores, split.validation);
        const Eigen::MatrixXd validationCosts = selectRows(trainData.costs, split.validation);
        run.warnings = trainingWarnings(trainScores, trainCosts);
        if (unstratified)
            run.warnings.push_back("too few queries per task to split each task: split without regard to tasks");
        run.trueScores = selectRows(testData.scores, split.test);
        run.trueCosts = selectRows(testData.costs, split.test);

        FeatureMatrix trainFeatures, validationFeatures, testFeatures;
        run.textFeatures = !useEmbeddings;
        if (useEmbeddings) {
            trainFeatures = selectRows(*train.embeddings, split.train);
            validationFeatures = selectRows(*train.embeddings, split.validation);
            testFeatures = selectRows(*testEmbeddings, split.test);
        } else {
            TextFeaturizerSettings settings = spec.featurizer;
            settings.seed = run.seed;
            TextFeatures text = textFeatures(train, test, sameDataset, settings, split.train,
                                             subJob(job, seedStart, seedStart + 0.15 * perSeed, seedLabel + "features: "),
                                             run.warnings);
            trainFeatures = selectRows(text.train(), split.train);
            validationFeatures = selectRows(text.train(), split.validation);
            testFeatures = selectRows(text.test(), split.test);
            run.featurizer = std::move(text.fitted.featurizer);
            run.featuresFromCache = text.fromCache;
        }
        job.throwIfCancelled();

        run.costModel.fit(selectQueries(trainData, split.train), trainCosts);
        run.predictedCost = run.costModel.predict(selectQueries(testData, split.test));

        const std::vector<std::string> names = modelNames(trainData);
        const TrainingSet trainingSet{trainFeatures, trainScores, trainCosts, &names};
        const TrainingSet validationSet{validationFeatures, validationScores, validationCosts, &names};
        const bool haveValidation = !split.validation.empty();
        const double routerSpan = 0.85 * perSeed / double(std::max<std::size_t>(1, spec.routers.size()));
        for (std::size_t r = 0; r < spec.routers.size(); ++r) {
            const std::atomic<bool>* skip = callbacks.routerSkip ? callbacks.routerSkip(r) : nullptr;
            if (skip && skip->load())
                continue;
            TrainedRouter trained;
            trained.spec = spec.routers[r];
            // Seeded routers follow the run's seed unless the spec fixes one.
            if (!trained.spec.settings.count("seed"))
                trained.spec.settings["seed"] = std::to_string(run.seed);
            trained.router = makeRouter(trained.spec.kind, trained.spec.settings);
            const double from = seedStart + 0.15 * perSeed + double(r) * routerSpan;
            const auto start = std::chrono::steady_clock::now();
            std::function<void(double)> own;
            if (callbacks.routerProgress)
                own = [&callbacks, s, r](double fraction) { callbacks.routerProgress(s, r, fraction); };
            JobControl routerJob = subJob(job, from, from + routerSpan, seedLabel + trained.spec.name + ": ", own);
            routerJob.skip = skip;
            try {
                trained.router->fit(trainingSet, haveValidation ? &validationSet : nullptr, routerJob);
            } catch (const Cancelled&) {
                if (job.cancelled())
                    throw;
                continue; // this router was skipped; the others go on
            }
            trained.trainSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            trained.predictedQuality = trained.router->predictQuality(testFeatures);
            job.throwIfCancelled();
            run.routers.push_back(std::move(trained));
            if (callbacks.routerProgress)
                callbacks.routerProgress(s, r, 1.0);
            if (callbacks.routerTrained)
                callbacks.routerTrained(run, run.routers.back());
        }
        runs.push_back(std::move(run));
    }
    // A router skipped in a later seed leaves the earlier seeds too: every run lists the same routers.
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
