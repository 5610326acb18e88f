#pragma once
// A synthetic routing benchmark in RouterBench's wide CSV format, made from a seed: task families
// with their own vocabulary, per-model abilities per task and per topic (whose words show in the
// prompt), per-query difficulty that shows in the text, and correlated 0/1 scores so that most
// queries are solved by several models at once (the exact top-score ties behind routing collapse).

#include "util/job_control.h"

#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

namespace routescope {

struct PricedModel {
    std::string name;
    double inputPrice = 0;  // USD per 1M prompt tokens
    double outputPrice = 0; // USD per 1M response tokens
};

// RouterBench's 11 models with their prices, in RouterBench's response and cost column order.
const std::vector<PricedModel>& routerBenchModels();

struct SyntheticBenchmarkOptions {
    enum class Responses { None, Short, Full };

    std::uint64_t seed = 1;
    std::int64_t queries = 3000;
    // Short keeps only each response's final answer; Full writes text as long as the response's
    // token count. Costs always count the full response, so they do not depend on this choice.
    Responses responses = Responses::Full;
};

struct SyntheticBenchmarkSummary {
    std::int64_t queries = 0;
    double topTieRate = 0; // share of queries whose top score is shared by two or more models
};

// Writes the CSV: an unnamed index column, sample_id, prompt, eval_name, one score column per
// model (sorted by name), `<model>|model_response` (unless Responses::None), `<model>|total_cost`,
// oracle_model_to_route_to (the cheapest model with the top score). Byte-identical for a seed.
SyntheticBenchmarkSummary writeSyntheticRouterBench(std::ostream& out, const SyntheticBenchmarkOptions& options,
                                                    const JobControl& job = {});

} // namespace routescope
