#pragma once
// Where a CLI command's training and test queries come from: two files imported into a temporary
// project (--train/--test), or datasets already in a project (--db/--dataset[/--test-dataset]),
// whose feature cache is then used (read-only when another RouteScope writes the project).

#include "cli/arguments.h"

#include "data/outcome_matrix.h"
#include "evaluation/budget_policy.h"
#include "experiment/experiment.h"
#include "experiment/experiment_inputs.h"
#include "import/importer.h"
#include "store/project_store.h"

#include <Eigen/Core>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

namespace routescope::cli {

class ExperimentSource {
public:
    // Reads --train/--test (with --format, --prices) or --db/--dataset/--test-dataset.
    explicit ExperimentSource(const Arguments& args);
    ~ExperimentSource();

    // With --db, both carry the project, whose feature cache the experiment then uses.
    ExperimentData train() const;
    // outcomes == nullptr when the test queries are split off the training dataset.
    ExperimentData test() const;
    std::vector<std::string> modelNames() const { return inputs_.modelNames(); }
    // With --db: the project (read-only when another RouteScope writes it) and the datasets.
    ProjectStore* project() const { return project_.get(); }
    std::int64_t trainDatasetId() const { return inputs_.trainDatasetId; }
    std::optional<std::int64_t> testDatasetId() const { return inputs_.testDatasetId; }
    std::string description() const { return description_; }

    // The option names this source reads, for Arguments::allowOnly.
    static std::vector<std::string> optionNames();

private:
    std::int64_t importInto(ProjectStore& store, const std::string& file, const Arguments& args);

    std::filesystem::path temporaryDir_;
    std::unique_ptr<ProjectStore> project_; // --db: kept open for the feature cache
    ExperimentInputs inputs_;
    std::string description_;
};

// importDataset, its errors in the command line's words (a missing price table names --prices).
ImportReport importForCommand(ProjectStore& store, const std::string& file, const ImportOptions& options,
                              const JobControl& job = {});

// The experiment options every training command shares: --routers, --seeds, --train-fraction,
// --validation-fraction, --held-out-task, --policy, and the data options of ExperimentSource.
std::vector<std::string> experimentOptionNames();
// defaultRouters: e.g. "oracle,knn"; "oracle" is dropped (it is always measured, from the truth).
ExperimentSpec experimentSpecFrom(const Arguments& args, const std::string& defaultRouters);
// --policy threshold (default) or lambda/wtp.
BudgetPolicy budgetPolicyFrom(const Arguments& args);
// The same, allowing a list: --policy threshold,lambda.
std::vector<BudgetPolicy> budgetPoliciesFrom(const Arguments& args);

} // namespace routescope::cli
