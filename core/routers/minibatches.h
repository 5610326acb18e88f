#pragma once
// Shuffled mini-batches over the rows of a training set, shared by the gradient-trained routers.

#include "nn/parameter.h"
#include "routers/router.h"
#include "routers/settings_reader.h"
#include "util/job_control.h"
#include "util/random.h"

#include <Eigen/Core>

#include <algorithm>
#include <cstdio>
#include <limits>
#include <numeric>
#include <string>
#include <vector>

namespace routescope {

// The settings every mini-batch-trained router shares, read by one function.
struct MinibatchTraining {
    int epochs = 30;
    float learningRate = 1e-3f;
    int batch = 64;
    std::uint64_t seed = 1;

    // epochs, lr, batch and seed from the settings, these values where a key is not given.
    MinibatchTraining read(const SettingsReader& s) const
    {
        MinibatchTraining t;
        t.epochs = int(s.integer("epochs", epochs, 1));
        t.learningRate = float(s.positive("lr", learningRate));
        t.batch = int(s.integer("batch", batch, 1));
        t.seed = std::uint64_t(s.integer("seed", long(seed), 0));
        return t;
    }
};

// Early stopping: the epoch with the best validation score so far and its parameter values.
class BestEpoch {
public:
    // lastEpoch: what epoch() says when nothing was offered (training without validation).
    explicit BestEpoch(int lastEpoch) : epoch_(lastEpoch) {}

    // Keeps the parameters' values when `score` (higher is better) beats every earlier epoch's.
    void offer(double score, int epoch, const std::vector<nn::Parameter>& parameters)
    {
        if (score > score_) {
            score_ = score;
            epoch_ = epoch;
            values_ = nn::snapshot(parameters);
        }
    }
    // Puts the kept values back; does nothing when no epoch was offered.
    void restore(const std::vector<nn::Parameter>& parameters) const
    {
        if (!values_.empty())
            nn::restore(parameters, values_);
    }
    int epoch() const { return epoch_; }

private:
    double score_ = -std::numeric_limits<double>::infinity();
    int epoch_;
    std::vector<Eigen::MatrixXf> values_;
};

// A fresh random order of 0..rows-1 for one epoch.
inline std::vector<int> epochOrder(Eigen::Index rows, Random& random)
{
    std::vector<int> order(static_cast<std::size_t>(rows));
    std::iota(order.begin(), order.end(), 0);
    random.shuffle(order);
    return order;
}

// dst = the rows order[start .. start+count) of src.
template <typename Source>
void gatherRows(const Source& src, const std::vector<int>& order, std::size_t start, Eigen::Index count,
                Eigen::MatrixXf& dst)
{
    dst.resize(count, src.cols());
    for (Eigen::Index i = 0; i < count; ++i)
        dst.row(i) = src.row(order[start + std::size_t(i)]).template cast<float>();
}

// One epoch of learning from the scores in shuffled mini-batches: for each batch, `step(x, scores)`
// does the forward pass, loss, backward pass and update, and returns the loss.
// Reports "epoch E/N, loss L" (the mean batch loss) as progress E/N; stops on cancel.
template <typename Step>
void minibatchEpoch(const TrainingSet& train, Eigen::Index batch, int epoch, int epochs, Random& random,
                    const JobControl& job, Step step)
{
    const Eigen::Index rows = train.features.rows();
    const std::vector<int> order = epochOrder(rows, random);
    Eigen::MatrixXf x, target;
    double lossSum = 0;
    long batches = 0;
    for (std::size_t start = 0; start < order.size(); start += std::size_t(batch)) {
        job.throwIfCancelled();
        const Eigen::Index count = std::min<Eigen::Index>(batch, rows - Eigen::Index(start));
        gatherRows(train.features, order, start, count, x);
        gatherRows(train.scores, order, start, count, target);
        lossSum += step(x, target);
        ++batches;
    }
    char message[64];
    std::snprintf(message, sizeof message, "epoch %d/%d, loss %.3g", epoch, epochs, lossSum / double(batches));
    job.report(double(epoch) / epochs, message);
}

} // namespace routescope
