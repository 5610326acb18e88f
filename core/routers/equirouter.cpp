#include "routers/equirouter.h"

#include "nn/adam.h"
#include "routers/equirouter_parallel_step.h"
#include "routers/minibatches.h"
#include "routers/router_format.h"
#include "routers/scoped_eigen_threads.h"
#include "routers/settings_reader.h"
#include "routers/validation_frontier.h"

#include <cmath>
#include <cstdio>
#include <limits>
#include <stdexcept>

namespace routescope {

namespace {
constexpr const char* kMagic = "routescope.equirouter";
constexpr std::uint32_t kVersion = 1;
} // namespace

struct EquiRouter::Options {
    std::vector<nn::TieOrder> ties; // one run per entry
    bool select = false;
    int epochs = 5;
    float rankWeight = 50;
    float learningRate = 1e-4f;
    int batch = 128;
    std::uint64_t seed = 1;
    int threads = 2;
    EquiRouterShape shape;
};

EquiRouter::EquiRouter(RouterSettings settings) : settings_(std::move(settings))
{
    options(true); // validates the settings now rather than at fit time
}

EquiRouter::Options EquiRouter::options(bool haveValidation) const
{
    const SettingsReader s(settings_, kind(),
                           {"tie", "rank_weight", "epochs", "max_epochs", "lr", "batch", "seed", "trunk",
                            "embedding", "head", "select", "threads"});
    Options o;
    const std::string select = s.text("select", "auto");
    if (select != "auto" && select != "validation" && select != "none")
        throw std::invalid_argument("equirouter: select must be auto, validation or none");
    if (select == "validation" && !haveValidation)
        throw std::invalid_argument("equirouter: select=validation needs a validation set");
    o.select = select == "validation" || (select == "auto" && haveValidation);
    const nn::TieOrder tie = nn::parseTieOrder(s.text("tie", "top"));
    if (o.select && !s.has("tie"))
        o.ties = {nn::TieOrder::None, nn::TieOrder::Top};
    else
        o.ties = {tie};
    // Both read, whichever is used, so a bad value is refused when the router is made.
    const long epochs = s.integer("epochs", 5, 1);
    const long maxEpochs = s.integer("max_epochs", 8, 1);
    o.epochs = int(o.select ? maxEpochs : epochs);
    o.rankWeight = float(s.nonNegative("rank_weight", 50));
    o.learningRate = float(s.positive("lr", 1e-4));
    o.batch = int(s.integer("batch", 128, 1));
    o.seed = std::uint64_t(s.integer("seed", 1, 0));
    o.shape.trunk = s.integers("trunk", {1024, 512, 512}, 1);
    o.shape.embedding = int(s.integer("embedding", 128, 1));
    o.shape.head = int(s.integer("head", 512, 1));
    o.threads = int(s.integer("threads", 2, 1));
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
    // busy-wait and would only compete with them.
    const ScopedEigenThreads singleThreadedProducts(1);

    const Eigen::RowVectorXd meanCost = train.costs.colwise().mean();
    const long batchesPerEpoch = long((rows + o.batch - 1) / o.batch);
    const double totalBatches = double(batchesPerEpoch) * o.epochs * double(o.ties.size());
    long batchesDone = 0;

    Selection best;
    best.validationArea = -std::numeric_limits<double>::infinity();
    std::vector<Eigen::MatrixXf> bestValues;
    std::vector<double> bestLosses;
    EquiRouterNetwork kept;

    Eigen::MatrixXf x, quality, cost;
    for (const nn::TieOrder tie : o.ties) {
        Random random(o.seed);
        EquiRouterNetwork network(o.shape, random);
        const auto parameters = network.parameters();
        nn::Adam adam(parameters, o.learningRate);
        EquiRouterParallelStep step(network, o.threads);
        std::vector<double> losses;
        for (int epoch = 1; epoch <= o.epochs; ++epoch) {
            const std::vector<int> order = epochOrder(rows, random);
            double lossSum = 0;
            long batches = 0;
            for (std::size_t start = 0; start < order.size(); start += std::size_t(o.batch)) {
                job.throwIfCancelled();
                const Eigen::Index count = std::min<Eigen::Index>(o.batch, rows - Eigen::Index(start));
                gatherRows(train.features, order, start, count, x);
                gatherRows(train.scores, order, start, count, quality);
                gatherRows(train.costs, order, start, count, cost);
                lossSum += step.computeGradients(x, quality, cost, tie, o.rankWeight);
                adam.step();
                step.syncReplicas();
                ++batches;
                ++batchesDone;
                char message[96];
                std::snprintf(message, sizeof message, "tie %s, epoch %d/%d, loss %.3g", nn::tieOrderName(tie).c_str(),
                              epoch, o.epochs, lossSum / double(batches));
                job.report(double(batchesDone) / totalBatches, message);
            }
            losses.push_back(lossSum / double(batches));
            if (!o.select)
                continue;
            const Eigen::MatrixXd predicted = network.predict(validation->features).cast<double>();
            double area = costThresholdFrontierArea(predicted, meanCost, validation->scores, validation->costs);
            if (std::isnan(area)) // a diverged network ranks below every real one
                area = -std::numeric_limits<double>::infinity();
            if (bestValues.empty() || area > best.validationArea) {
                best = {tie, epoch, area};
                bestValues = nn::snapshot(parameters);
                bestLosses = losses;
            }
        }
        if (!o.select) {
            best = {tie, o.epochs, std::numeric_limits<double>::quiet_NaN()};
            bestLosses = losses;
            kept = std::move(network);
        }
    }
    if (o.select) {
        Random unused(0); // every value is overwritten by the kept epoch's
        kept = EquiRouterNetwork(o.shape, unused);
        nn::restore(kept.parameters(), bestValues);
    }
    network_ = std::move(kept);
    selection_ = best;
    epochLosses_ = std::move(bestLosses);
}

Eigen::MatrixXd EquiRouter::predictQuality(const FeatureMatrix& features) const
{
    if (network_.shape().models == 0)
        throw std::logic_error("equirouter: predict before fit");
    if (features.cols() != network_.shape().inputs)
        throw std::invalid_argument("equirouter: feature width differs from training");
    return network_.predict(features).cast<double>();
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
    out.writeString(nn::tieOrderName(selection_.tie));
    out.write<std::int32_t>(selection_.epochs);
    out.write<double>(selection_.validationArea);
    out.write<std::uint64_t>(epochLosses_.size());
    for (double loss : epochLosses_)
        out.write<double>(loss);
    network_.save(out);
}

void EquiRouter::load(BinaryReader& in)
{
    RouterSettings settings = readRouterHeader(in, kMagic, kVersion, "an EquiRouter");
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
        selection.tie = nn::parseTieOrder(in.readString());
    } catch (const std::invalid_argument& e) {
        throw FormatError(e.what());
    }
    selection.epochs = in.read<std::int32_t>();
    selection.validationArea = in.read<double>();
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
