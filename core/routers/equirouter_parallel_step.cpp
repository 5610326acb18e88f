#include "routers/equirouter_parallel_step.h"

#include <algorithm>

namespace routescope {

EquiRouterParallelStep::EquiRouterParallelStep(EquiRouterNetwork& network, int maxParts, int minRowsPerPart)
    : network_(network), minRowsPerPart_(std::max(1, minRowsPerPart)), replicas_(std::size_t(std::max(1, maxParts) - 1), network),
      activations_(std::size_t(std::max(1, maxParts))), partGrad_(std::size_t(std::max(1, maxParts)))
{
    parameters_.push_back(network_.parameters());
    for (auto& replica : replicas_)
        parameters_.push_back(replica.parameters());
}

float EquiRouterParallelStep::computeGradients(const Eigen::MatrixXf& x, const Eigen::MatrixXf& quality,
                                               const Eigen::MatrixXf& cost, const nn::RankingLoss& rankingLoss,
                                               int threads)
{
    const Eigen::Index rows = x.rows();
    const int parts =
        int(std::max<Eigen::Index>(1, std::min<Eigen::Index>(Eigen::Index(parameters_.size()), rows / minRowsPerPart_)));
    const auto first = [&](int part) { return rows * part / parts; };
    const auto replica = [&](int part) -> EquiRouterNetwork& { return part == 0 ? network_ : replicas_[part - 1]; };
    const int team = std::max(1, std::min(threads, parts));

    scores_.resize(rows, quality.cols());
#pragma omp parallel for num_threads(team) schedule(static, 1) if (team > 1)
    for (int part = 0; part < parts; ++part)
        scores_.middleRows(first(part), first(part + 1) - first(part)) =
            replica(part).forward(x.middleRows(first(part), first(part + 1) - first(part)), activations_[part]);

    // The loss couples rows only through its normalisation, so it is taken over the whole batch.
    const float loss = nn::equiRouterLoss(scores_, quality, cost, rankingLoss, scoreGrad_);

#pragma omp parallel for num_threads(team) schedule(static, 1) if (team > 1)
    for (int part = 0; part < parts; ++part) {
        partGrad_[part] = scoreGrad_.middleRows(first(part), first(part + 1) - first(part));
        replica(part).backward(activations_[part], partGrad_[part]);
    }
    // Sum the replicas' gradients into the network's, in a fixed order so runs repeat exactly.
    auto& total = parameters_[0];
    for (int part = 1; part < parts; ++part)
        for (std::size_t i = 0; i < total.size(); ++i)
            *total[i].grad += *parameters_[part][i].grad;
    return loss;
}

void EquiRouterParallelStep::syncReplicas()
{
    for (std::size_t r = 1; r < parameters_.size(); ++r)
        for (std::size_t i = 0; i < parameters_[0].size(); ++i)
            *parameters_[r][i].value = *parameters_[0][i].value;
}

} // namespace routescope
