#pragma once
// Shuffled mini-batches over the rows of a training set, shared by the gradient-trained routers.

#include "util/random.h"
#include "routers/router.h"
#include "util/job_control.h"

#include <Eigen/Core>

#include <algorithm>
#include <cstdio>
#include <numeric>
#include <string>
#include <vector>

namespace routescope {

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

// One epoch of regressing the scores on the features in shuffled mini-batches: for each batch,
// `step(x, target)` does the forward pass, loss, backward pass and update, and returns the loss.
// Reports "epoch E/N, loss L" (the mean batch loss) as progress E/N; stops on cancel.
template <typename Step>
void scoreRegressionEpoch(const TrainingSet& train, Eigen::Index batch, int epoch, int epochs, Random& random,
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
