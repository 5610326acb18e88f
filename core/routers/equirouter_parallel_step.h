#pragma once
// One EquiRouter training step spread over threads by splitting the batch: each thread runs
// forward and backward of its rows on its own replica of the network, and the replicas'
// gradients are summed. Only two parallel regions per batch, because Eigen's own threaded
// products busy-wait for each other and crawl when the cores are shared with other work.

#include "nn/losses.h"
#include "nn/parameter.h"
#include "routers/equirouter_network.h"

#include <Eigen/Core>

#include <vector>

namespace routescope {

class EquiRouterParallelStep {
public:
    // network must outlive this object; threads >= 1. A batch is split only into parts of at least
    // minRowsPerPart rows: for small batches a parallel region costs more than it saves.
    EquiRouterParallelStep(EquiRouterNetwork& network, int threads, int minRowsPerPart = 32);

    // Leaves the gradient of the whole batch's loss in network's parameters; returns the loss.
    float computeGradients(const Eigen::MatrixXf& x, const Eigen::MatrixXf& quality, const Eigen::MatrixXf& cost,
                           const nn::RankingLoss& loss);
    // Copies the network's (updated) values to the replicas; call after each optimiser step.
    void syncReplicas();

private:
    EquiRouterNetwork& network_;
    int minRowsPerPart_;
    std::vector<EquiRouterNetwork> replicas_; // threads - 1 copies
    std::vector<std::vector<nn::Parameter>> parameters_; // [0] the network's, then each replica's
    std::vector<EquiRouterNetwork::Activations> activations_;
    std::vector<Eigen::MatrixXf> partGrad_;
    Eigen::MatrixXf scores_, scoreGrad_;
};

} // namespace routescope
