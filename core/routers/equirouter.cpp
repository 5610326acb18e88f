#include "routers/equirouter.h"

#include "nn/adam.h"
#include "routers/equirouter_parallel_step.h"
#include "routers/margin_router.h"
#include "routers/minibatches.h"
#include "routers/router_format.h"
#include "util/thread_budget.h"
#include "routers/settings_reader.h"
#include "routers/validation_frontier.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <stdexcept>

namespace routescope {

namespace {

constexpr const char* kMagic = "routescope.equirouter";
constexpr std::uint32_t kVersion = 2; // 1: before tie_norm, tie_weight, steps and decide=margin
constexpr int kChecksPerRun = 20;     // validation checks of each run when selecting
const float kTieWeightGrid[] = {0.0f, 0.01f, 0.03f, 0.1f, 0.3f};
// The ranking loss spreads scores over several units, wider than the regressors' [0, 1].
const std::vector<double> kMarginGrid = {0, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 1, 2};

// How scores become the quality the budget policies see.
struct Decision {
    bool margin = false;      // decide=margin
    bool marginGiven = false; // else chosen on validation
    double value = 0.05;      // the margin when given, or when there is no validation set
    double tolerance = 0.01;
};

// The margin a network decides with and the validation frontier area it reaches with it.
struct Checked {
    double margin = 0;
    double area = 0;
};

Checked checkOnValidation(const EquiRouterNetwork& network, const TrainingSet& validation,
                          const Eigen::RowVectorXd& modelCost, const Decision& decision)
{
    Eigen::MatrixXd predicted = network.predict(validation.features).cast<double>();
    Checked checked;
    if (decision.margin)
        checked.margin = decision.marginGiven
                             ? decision.value
                             : MarginRouter::chooseMargin(predicted, modelCost, validation, decision.tolerance, kMarginGrid);
    if (checked.margin > 0)
        predicted = MarginRouter::withinMarginOfBest(predicted, checked.margin);
    checked.area = costThresholdFrontierArea(predicted, modelCost, validation.scores, validation.costs);
    if (std::isnan(checked.area)) // a diverged network ranks below every real one
        checked.area = -std::numeric_limits<double>::infinity();
    return checked;
}

} // namespace

struct EquiRouter::Options {
    nn::RankingLoss loss;
    std::vector<float> tieWeights; // one run per entry
    bool select = false;
    long steps = 0; // 0: from minSteps and epochs
    long minSteps = 200;
    long epochs = 5;
    long patience = 5; // checks without a better validation area before a run stops; 0: never
    float learningRate = 1e-4f;
    int batch = 128;
    std::uint64_t seed = 1;
    int threads = 0; // 0: what the job allows (JobControl::threads)
    EquiRouterShape shape;
    Decision decision;
};

EquiRouter::EquiRouter(RouterSettings settings) : settings_(std::move(settings))
{
    options(true); // validates the settings now rather than at fit time
}

EquiRouter::Options EquiRouter::options(bool haveValidation) const
{
    const SettingsReader s(settings_, kind(),
                           {"tie", "tie_norm", "tie_weight", "rank_weight", "steps", "min_steps", "epochs", "lr",
                            "batch", "seed", "trunk", "embedding", "head", "select", "decide", "margin", "tolerance",
                            "threads", "patience", "max_epochs"});
    Options o;
    const std::string select = s.text("select", "auto");
    if (select != "auto" && select != "validation" && select != "none")
        throw std::invalid_argument("equirouter: select must be auto, validation or none");
    if (select == "validation" && !haveValidation)
        throw std::invalid_argument("equirouter: select=validation needs a validation set");
    o.select = select == "validation" || (select == "auto" && haveValidation);
    o.loss.tie = nn::parseTieOrder(s.text("tie", "top"));
    o.loss.norm = nn::parseTieNorm(s.text("tie_norm", "separate"));
    o.loss.rankWeight = float(s.nonNegative("rank_weight", 50));
    const bool pooled = o.loss.norm == nn::TieNorm::Pooled;
    if (s.has("tie_weight") || pooled || o.loss.tie == nn::TieOrder::None || !o.select)
        o.tieWeights = {float(s.nonNegative("tie_weight", pooled ? 1.0 : 0.03))};
    else
        o.tieWeights.assign(std::begin(kTieWeightGrid), std::end(kTieWeightGrid));
    o.steps = s.integer("steps", 0, 1);
    o.minSteps = s.integer("min_steps", 200, 0);
    // max_epochs: the older name of epochs when selecting, so saved experiments still load. Both
    // are read, whichever is used, so a bad value is refused when the router is made.
    const long maxEpochs = s.integer("max_epochs", 8, 1);
    o.epochs = s.integer("epochs", o.select ? maxEpochs : 5, 1);
    o.patience = s.integer("patience", 5, 0);
    o.learningRate = float(s.positive("lr", 1e-4));
    o.batch = int(s.integer("batch", 128, 1));
    o.seed = std::uint64_t(s.integer("seed", 1, 0));
    o.shape.trunk = s.integers("trunk", {1024, 512, 512}, 1);
    o.shape.embedding = int(s.integer("embedding", 128, 1));
    o.shape.head = int(s.integer("head", 512, 1));
    o.threads = int(s.integer("threads", 0, 0));
    const std::string decide = s.text("decide", "argmax");
    if (decide != "argmax" && decide != "margin")
        throw std::invalid_argument("equirouter: decide must be argmax or margin");
    o.decision.margin = decide == "margin";
    o.decision.marginGiven = s.has("margin");
    o.decision.value = s.nonNegative("margin", 0.05);
    o.decision.tolerance = s.nonNegative("tolerance", 0.01);
    if ((s.has("margin") || s.has("tolerance")) && !o.decision.margin)
        throw std::invalid_argument("equirouter: margin and tolerance need decide=margin");
    return o;
}

void EquiRouter::fit(const TrainingSet& train, const TrainingSet* validation, const JobControl& job)
{
    Options o = options(validation != nullptr);
    const Eigen::Index rows = train.features.rows();
    const Eigen::Index models = train.scores.cols();
    if (rows == 0 || models == 0 || train.scores.rows() != rows || train.costs.rows() != rows ||
        train.costs.cols() != models)
        throw std::invalid_argument("equirouter: training set is empty or its parts disagree in shape");
    if (validation && (validation->scores.cols() != models || validation->features.cols() != train.features.cols()))
        throw std::invalid_argument("equirouter: validation set does not match the training set");
    o.shape.inputs = int(train.features.cols());
    o.shape.models = int(models);
    // Threads split each batch (equirouter_parallel_step.h); Eigen's own threaded products
    // busy-wait, would only compete with them, and change the last bits with the thread count.
    const int threads = o.threads > 0 ? std::min(o.threads, threadsFor(job)) : threadsFor(job);
    const ScopedOpenMpThreads singleThreadedProducts(1);

    const Eigen::RowVectorXd meanCost = train.costs.colwise().mean();
    const long batchesPerPass = long((rows + o.batch - 1) / o.batch);
    const long steps = o.steps > 0 ? o.steps : std::max(o.minSteps, o.epochs * batchesPerPass);
    const long checkEvery = std::max(1L, (steps + kChecksPerRun - 1) / kChecksPerRun);
    const double totalSteps = double(steps) * double(o.tieWeights.size());
    long stepsDone = 0;

    Selection best;
    best.validationArea = -std::numeric_limits<double>::infinity();
    std::vector<Eigen::MatrixXf> bestValues;
    std::vector<double> bestLosses;
    EquiRouterNetwork kept;

    Eigen::MatrixXf x, quality, cost;
    for (const float tieWeight : o.tieWeights) {
        nn::RankingLoss loss = o.loss;
        loss.tieWeight = tieWeight;
        Random random(o.seed);
        EquiRouterNetwork network(o.shape, random);
        const auto parameters = network.parameters();
        nn::Adam adam(parameters, o.learningRate);
        EquiRouterParallelStep step(network);
        char runName[48];
        if (loss.tie == nn::TieOrder::None)
            std::snprintf(runName, sizeof runName, "tie none");
        else
            std::snprintf(runName, sizeof runName, "tie weight %g", double(tieWeight));
        std::vector<int> order;
        std::size_t next = 0;
        std::vector<double> losses; // one per completed pass
        double passLoss = 0;
        long passBatches = 0;
        double runBestArea = 0; // this run's best validation check, shown in the progress
        long runBestStep = 0;
        for (long s = 1; s <= steps; ++s) {
            job.throwIfCancelled();
            if (next == order.size()) {
                order = epochOrder(rows, random);
                next = 0;
            }
            const Eigen::Index count = std::min<Eigen::Index>(o.batch, rows - Eigen::Index(next));
            gatherRows(train.features, order, next, count, x);
            gatherRows(train.scores, order, next, count, quality);
            gatherRows(train.costs, order, next, count, cost);
            passLoss += step.computeGradients(x, quality, cost, loss, threads);
            adam.step();
            step.syncReplicas();
            next += std::size_t(count);
            ++passBatches;
            ++stepsDone;
            char message[160];
            const int length = std::snprintf(message, sizeof message, "%s, step %ld/%ld, loss %.3g", runName, s, steps,
                                             passLoss / double(passBatches));
            if (runBestStep > 0)
                std::snprintf(message + length, sizeof message - std::size_t(length),
                              ", validation area %.4f at step %ld", runBestArea, runBestStep);
            job.report(double(stepsDone) / totalSteps, message);
            if (next == order.size() || s == steps) {
                losses.push_back(passLoss / double(passBatches));
                passLoss = 0;
                passBatches = 0;
            }
            if (!o.select || (s % checkEvery != 0 && s != steps))
                continue;
            const Checked checked = checkOnValidation(network, *validation, meanCost, o.decision);
            if (runBestStep == 0 || checked.area > runBestArea) {
                runBestArea = checked.area;
                runBestStep = s;
            }
            if (bestValues.empty() || checked.area > best.validationArea) {
                best = {loss, s, checked.margin, checked.area};
                bestValues = nn::snapshot(parameters);
                bestLosses = losses;
                if (passBatches > 0)
                    bestLosses.push_back(passLoss / double(passBatches));
            }
            if (o.patience > 0 && s - runBestStep >= o.patience * checkEvery) { // early stop
                stepsDone += steps - s;
                break;
            }
        }
        if (!o.select) {
            best = {loss, steps, 0.0, std::numeric_limits<double>::quiet_NaN()};
            bestLosses = losses;
            kept = std::move(network);
        }
    }
    if (o.select) {
        Random unused(0); // every value is overwritten by the kept step's
        kept = EquiRouterNetwork(o.shape, unused);
        nn::restore(kept.parameters(), bestValues);
    } else if (o.decision.margin) {
        best.margin = o.decision.marginGiven || !validation
                          ? o.decision.value
                          : checkOnValidation(kept, *validation, meanCost, o.decision).margin;
    }
    network_ = std::move(kept);
    selection_ = best;
    epochLosses_ = std::move(bestLosses);
    if (o.select) {
        char message[128];
        std::snprintf(message, sizeof message, "kept tie weight %g, step %ld of %ld, margin %g: validation area %.4f",
                      double(best.loss.tieWeight), best.steps, steps, best.margin, best.validationArea);
        job.report(1.0, message);
    }
}

Eigen::MatrixXd EquiRouter::predictQuality(const FeatureMatrix& features) const
{
    if (network_.shape().models == 0)
        throw std::logic_error("equirouter: predict before fit");
    if (features.cols() != network_.shape().inputs)
        throw std::invalid_argument("equirouter: feature width differs from training");
    const Eigen::MatrixXd scores = network_.predict(features).cast<double>();
    return selection_.margin > 0 ? MarginRouter::withinMarginOfBest(scores, selection_.margin) : scores;
}

void EquiRouter::save(BinaryWriter& out) const
{
    writeRouterHeader(out, kMagic, kVersion, settings_);
    const auto& shape = network_.shape();
    out.write<std::int32_t>(shape.inputs);
    out.write<std::int32_t>(shape.models);
    out.write<std::uint32_t>(std::uint32_t(shape.trunk.size()));
    for (int width : shape.trunk)
        out.write<std::int32_t>(width);
    out.write<std::int32_t>(shape.embedding);
    out.write<std::int32_t>(shape.head);
    const Selection& kept = selection_;
    out.writeString(nn::tieOrderName(kept.loss.tie));
    out.writeString(nn::tieNormName(kept.loss.norm));
    out.write<double>(kept.loss.tieWeight);
    out.write<double>(kept.loss.rankWeight);
    out.write<std::int64_t>(kept.steps);
    out.write<double>(kept.margin);
    out.write<double>(kept.validationArea);
    out.write<std::uint64_t>(epochLosses_.size());
    for (double loss : epochLosses_)
        out.write<double>(loss);
    network_.save(out);
}

void EquiRouter::load(BinaryReader& in)
{
    std::uint32_t version = 0;
    RouterSettings settings = readRouterHeader(in, kMagic, 1, kVersion, "an EquiRouter", version);
    EquiRouterShape shape;
    shape.inputs = in.read<std::int32_t>();
    shape.models = in.read<std::int32_t>();
    const auto layers = in.read<std::uint32_t>();
    if (layers == 0 || layers > 64)
        throw FormatError("EquiRouter trunk depth out of range");
    shape.trunk.assign(layers, 0);
    for (auto& width : shape.trunk)
        width = in.read<std::int32_t>();
    shape.embedding = in.read<std::int32_t>();
    shape.head = in.read<std::int32_t>();
    Selection selection;
    try {
        selection.loss.tie = nn::parseTieOrder(in.readString());
        if (version >= 2)
            selection.loss.norm = nn::parseTieNorm(in.readString());
        else // version 1 pooled all pairs and counted epochs; its step count was not kept
            selection.loss.norm = nn::TieNorm::Pooled;
    } catch (const std::invalid_argument& e) {
        throw FormatError(e.what());
    }
    if (version >= 2) {
        selection.loss.tieWeight = float(in.read<double>());
        selection.loss.rankWeight = float(in.read<double>());
        selection.steps = long(in.read<std::int64_t>());
        selection.margin = in.read<double>();
    } else {
        in.read<std::int32_t>(); // epochs
    }
    selection.validationArea = in.read<double>();
    if (!(selection.margin >= 0) || !std::isfinite(selection.margin) || !(selection.loss.tieWeight >= 0))
        throw FormatError("EquiRouter decision settings out of range");
    const auto lossCount = in.read<std::uint64_t>();
    if (lossCount > 100000)
        throw FormatError("EquiRouter loss history out of range");
    std::vector<double> losses(lossCount);
    for (auto& loss : losses)
        loss = in.read<double>();
    const auto sane = [](int v) { return v > 0 && v <= (1 << 20); };
    bool ok = sane(shape.inputs) && sane(shape.models) && sane(shape.embedding) && sane(shape.head);
    for (int width : shape.trunk)
        ok = ok && sane(width);
    if (!ok)
        throw FormatError("EquiRouter network size out of range");
    // Sizes come from the blob; initial values are overwritten by the stored parameters.
    Random random(0);
    EquiRouterNetwork network(shape, random);
    network.load(in);
    settings_ = std::move(settings);
    network_ = std::move(network);
    selection_ = selection;
    epochLosses_ = std::move(losses);
}

} // namespace routescope
