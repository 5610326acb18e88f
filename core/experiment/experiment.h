#pragma once
// A routing experiment: split the data, featurize, predict costs, train every router for every
// seed, and keep the test-set predictions. Everything a budget policy and the metrics need is in
// the result, so any policy can be evaluated (and re-evaluated from the project) without retraining.

#include "data/outcome_matrix.h"
#include "features/text_featurizer.h"
#include "routers/cost_model.h"
#include "routers/router.h"
#include "store/project_store.h"
#include "util/job_control.h"
#include "util/load_on_first_use.h"

#include <Eigen/Core>

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace routescope {

struct RouterSpec {
    std::string name; // shown in tables and legends
    std::string kind; // a makeRouter() kind
    RouterSettings settings;
};

// "knn" or "knn:k=20:seed=3" (settings after the kind, each after a colon); the name is the
// whole text. Throws std::invalid_argument.
RouterSpec parseRouterSpec(const std::string& text);

struct ExperimentSpec {
    std::vector<RouterSpec> routers;
    std::vector<std::uint64_t> seeds = {0};
    // Used when the test queries come from the training dataset itself.
    double trainFraction = 0.7;
    std::string heldOutTask; // non-empty: leave this task out (out-of-domain) instead of a random split
    // Carved from the training queries, for the routers' model selection and early stopping.
    double validationFraction = 0.1;
    TextFeaturizerSettings featurizer;
};

// The queries of a dataset, and their imported embeddings if any (used instead of text features).
struct ExperimentData {
    const OutcomeMatrix* outcomes = nullptr;
    const Eigen::MatrixXf* embeddings = nullptr;
    // The project holding the dataset, if any: text features are then cached there (see
    // features/feature_cache.h), read-only projects only reading the cache. `outcomes` must be
    // the dataset's complete queries in import order, as ProjectStore::loadOutcomes gives them.
    ProjectStore* project = nullptr;
    std::int64_t datasetId = 0;
    // Set when `outcomes` were loaded without their text (ProjectStore::loadOutcomes(id, false)):
    // each query's prompt length in bytes, for the cost model. The text is then read from
    // `project` only when text features must be made, not when they come from its cache.
    const std::vector<double>* promptBytes = nullptr;
};

struct TrainedRouter {
    RouterSpec spec;
    // The trained model, or empty (predictions only). A reopened run reads it from the project on
    // first use (cascades at once: their sweeps need them); see loadExperiment().
    LoadOnFirstUse<std::unique_ptr<const Router>> router;
    Eigen::MatrixXd predictedQuality; // P on the test rows
    double trainSeconds = 0;
};

// A run's fitted text featurizer (fitted on the training rows, when textFeatures) and cost model.
struct FittedPipeline {
    TextFeaturizer featurizer;
    CostModel costModel;
};

// One seed of an experiment.
struct ExperimentRun {
    std::uint64_t seed = 0;
    std::vector<Eigen::Index> trainRows;      // rows of the training dataset used for fitting
    std::vector<Eigen::Index> validationRows; // rows of the training dataset held out for validation
    std::vector<Eigen::Index> testRows;       // rows of the test dataset
    Eigen::MatrixXd trueScores;               // A on the test rows
    Eigen::MatrixXd trueCosts;                // K on the test rows
    Eigen::MatrixXd predictedCost;            // C on the test rows, shared by every router
    bool textFeatures = true;                 // false: imported embeddings were used
    bool featuresFromCache = false;           // the text features came from the project's cache
    // What featurizes a new query and predicts its costs; a reopened run reads it on first use.
    LoadOnFirstUse<FittedPipeline> pipeline;
    std::vector<TrainedRouter> routers;
    // Why the result may mean little though training finished ("all scores equal: nothing to learn").
    std::vector<std::string> warnings;
};

// Live views of a running experiment. Routers of several seeds train side by side on threads of
// their own (util/work_queue.h); routerProgress and routerTrained are called from those threads,
// one call at a time, never two at once.
struct ExperimentCallbacks {
    // A router's own training progress in [0, 1] (seed index, router index in the spec).
    std::function<void(std::size_t seed, std::size_t router, double fraction)> routerProgress;
    // After each router is trained and has predicted the test rows. `run` lists its seed's routers
    // trained so far, in the spec's order, with their predictions (router models come with the result).
    std::function<void(const ExperimentRun& run, const TrainedRouter& router)> routerTrained;
    // A flag that skips one router (router index in the spec) while it trains, or nullptr. A
    // skipped router is left out of every seed's results; the others go on.
    std::function<const std::atomic<bool>*(std::size_t router)> routerSkip;
};

// test.outcomes == nullptr (or the same as train): split train per spec. Otherwise train on all of
// `train` (less validation) and test on all of `test`; both must list the same models in the same
// order. Throws std::invalid_argument for unusable data, Cancelled on cancel. Seeds are prepared
// one after the other, then every (seed, router) unit trains on one of job.threads workers
// (threadsFor(job): the free cores); the results are the same whatever the number of workers.
std::vector<ExperimentRun> runExperiment(const ExperimentData& train, const ExperimentData& test,
                                         const ExperimentSpec& spec, const JobControl& job = {},
                                         const ExperimentCallbacks& callbacks = {});

} // namespace routescope
