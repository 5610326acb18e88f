#pragma once
// Experiments kept in the project: every seed's split, cost prediction, featurizer and trained
// routers, written in one transaction, so the workbench reopens results without retraining and
// a trained router predicts exactly as before.

#include "experiment/experiment.h"
#include "store/project_store.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace routescope {

struct SavedExperiment {
    std::string label;
    std::int64_t trainDatasetId = 0;
    std::optional<std::int64_t> testDatasetId; // empty: split off the training dataset
    std::vector<std::uint64_t> seeds;
    std::vector<std::string> routerNames; // each the spec it was trained from ("knn:k=20")
    std::string createdAt;                // UTC, "YYYY-MM-DD HH:MM:SS"
    // How the training dataset was split when the test queries came from it (see ExperimentSpec).
    double trainFraction = 0.7;
    double validationFraction = 0.1;
    std::string heldOutTask;
    std::string features; // the featurizer's settings, or "embeddings"
    // Its runs keep their training rows (saved by a build with scenarios): new prices per token
    // can then be applied to it (scenario/scenario_runs.h).
    bool trainingRows = false;
};

// Throws std::invalid_argument when the label is taken; the project is unchanged then.
void saveExperiment(ProjectStore& store, const std::string& label, std::int64_t trainDatasetId,
                    std::optional<std::int64_t> testDatasetId, const ExperimentSpec& spec,
                    const std::vector<ExperimentRun>& runs);

std::vector<SavedExperiment> listExperiments(ProjectStore& store);
// The saved experiment of this label, if the project holds one.
std::optional<SavedExperiment> findExperiment(ProjectStore& store, const std::string& label);

// `base`, or `base (2)`, `base (3)`, ... whichever no saved experiment uses.
std::string uniqueExperimentLabel(ProjectStore& store, const std::string& base);
// A new experiment's label: the local time, "2026-11-28 02:14:16", then `suffix`, made unique.
std::string newExperimentLabel(ProjectStore& store, const std::string& suffix = "");

// The outcomes a saved experiment was tested on: its test dataset's, models in the training
// dataset's order as when it was trained (or the training dataset's when it split it).
OutcomeMatrix loadTestOutcomes(ProjectStore& store, const SavedExperiment& saved);

// The runs of a saved experiment with their routers restored (trainRows empty where the
// experiment was saved before RouteScope kept them). `test` is loadTestOutcomes(). Throws FormatError for a
// damaged or unknown saved format. The fitted featurizers and cost models and the routers' models
// (cascades excepted) are read from the project's file on first use (LoadOnFirstUse::value()),
// which throws FormatError naming the experiment, seed and router when one is damaged.
std::vector<ExperimentRun> loadExperiment(ProjectStore& store, const std::string& label, const OutcomeMatrix& test);

void removeExperiment(ProjectStore& store, const std::string& label);
// Throws std::invalid_argument when `to` is empty or taken, or `from` is not saved; the project is unchanged then.
void renameExperiment(ProjectStore& store, const std::string& from, const std::string& to);

} // namespace routescope
