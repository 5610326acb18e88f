#pragma once
// One EquiRouter training step spread over threads by splitting the batch into parts: each part's
// forward and backward runs on its own replica of the network, and the replicas' gradients are
// summed in part order. The parts depend on the batch alone, never on the thread count, so every
// thread count gives the same bits. Only two parallel regions per batch, because Eigen's own
// threaded products busy-wait for each other and crawl when the cores are shared with other work.

#include "nn/losses.h"
#include "nn/parameter.h"
#include "routers/equirouter_network.h"

#include <Eigen/Core>

#include <vector>

namespace routescope {

class EquiRouterParallelStep {
public:
    // network must outlive this object. A batch is split into at most maxParts parts of at least
    // minRowsPerPart rows: for small batches a parallel region costs more than it saves. Two parts:
    // each part repacks every weight matrix, so four cost 23 % more CPU than one (issue 12 wants
    // EquiRouter's training time not to grow; docs/performance.md), and two are what the README's
    // results were trained with.
    explicit EquiRouterParallelStep(EquiRouterNetwork& network, int maxParts = 2, int minRowsPerPart = 32);

    // Leaves the gradient of the whole batch's loss in network's parameters; returns the loss.
    // threads (>= 1) run the parts; the result does not depend on how many.
    float computeGradients(const Eigen::MatrixXf& x, const Eigen::MatrixXf& quality, const Eigen::MatrixXf& cost,
                           const nn::RankingLoss& loss, int threads);
    // Copies the network's (updated) values to the replicas; call after each optimiser step.
    void syncReplicas();

private:
    EquiRouterNetwork& network_;
    int minRowsPerPart_;
    std::vector<EquiRouterNetwork> replicas_; // maxParts - 1 copies
    std::vector<std::vector<nn::Parameter>> parameters_; // [0] the network's, then each replica's
    std::vector<EquiRouterNetwork::Activations> activations_;
    std::vector<Eigen::MatrixXf> partGrad_;
    Eigen::MatrixXf scores_, scoreGrad_;
};

} // namespace routescope
