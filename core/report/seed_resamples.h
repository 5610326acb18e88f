#pragma once
// One seed of a comparison under the bootstrap: every row's figures under each resample of the
// seed's test queries, and each frontier's 95 % band (used by comparison_summary.cpp).

#include "evaluation/bootstrap.h"
#include "report/row_figures.h"

#include <vector>

namespace routescope {

struct SeedResamples {
    std::vector<std::vector<RowFigures>> figures; // [resample][row]
    std::vector<std::vector<BandPoint>> bands;    // [row]: at each operating point; empty for single models
};

// The run's budget sweeps are made again at the seed's budgets (the same decisions), then
// resampled. stream: the test set's resample stream (bootstrap.h).
SeedResamples resampleSeed(const ExperimentRun& run, const SeedComparison& seed, BudgetPolicy policy,
                           const std::vector<RowPlan>& plans, int bestModel, const BootstrapSettings& settings,
                           std::uint64_t stream, const JobControl& job = {});

} // namespace routescope
