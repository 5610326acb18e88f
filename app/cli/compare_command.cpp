#include "cli/arguments.h"
#include "cli/commands.h"
#include "cli/experiment_source.h"
#include "cli/summary_output.h"
#include "cli/terminal_progress.h"

#include "experiment/comparison.h"
#include "experiment/experiment.h"
#include "experiment/experiment_store.h"
#include "report/comparison_summary.h"
#include "report/summary_table.h"
#include "util/json_writer.h"
#include "util/vector_instructions.h"

#include <climits>
#include <iostream>

namespace routescope::cli {

namespace {

// With --db, the experiment is saved in the project, so the workbench shows it as well: under
// --label, or named by the time. Checked before training, so a taken label costs nothing.
std::optional<std::string> labelToSave(const ExperimentSource& source, const std::optional<std::string>& label)
{
    ProjectStore* project = source.project();
    if (!project) {
        if (label)
            throw UsageError("--label names the experiment saved in a project: use it with --db");
        return std::nullopt;
    }
    if (project->readOnly()) {
        const std::string why = ": " + project->readOnlyReason();
        if (label)
            throw std::runtime_error("cannot save the experiment '" + *label + "': " + project->path() + why);
        std::cerr << "not saved: " << project->path() << why << "\n";
        return std::nullopt;
    }
    if (!label)
        return newExperimentLabel(*project);
    if (label->empty())
        throw UsageError("--label needs a name");
    if (uniqueExperimentLabel(*project, *label) != *label)
        throw UsageError("an experiment labelled '" + *label + "' is already in " + project->path());
    return label;
}

} // namespace

int runCompare(int argc, char** argv)
{
    const Arguments args(argc, argv, 2);
    auto allowed = experimentOptionNames();
    allowed.insert(allowed.end(), {"--json", "--budgets", "--label", "--bootstrap", "--bootstrap-seed", "--reference",
                                   "--latex"});
    args.allowOnly(allowed);
    const ExperimentSpec spec = experimentSpecFrom(args, "oracle,random,knn,ridge,margin");
    const auto policies = budgetPoliciesFrom(args);
    const auto jsonPath = args.option("--json");
    const auto latexPath = args.option("--latex");
    if (jsonPath && policies.size() != 1)
        throw UsageError("--json takes one --policy");
    if (latexPath && policies.size() != 1)
        throw UsageError("--latex takes one --policy");
    const int budgets = static_cast<int>(args.integer("--budgets", 2, 1000).value_or(100));
    SummaryOptions summaryOptions;
    summaryOptions.bootstrap.resamples = static_cast<int>(args.integer("--bootstrap", 0, 100000).value_or(1000));
    summaryOptions.bootstrap.seed = static_cast<std::uint64_t>(args.integer("--bootstrap-seed", 0, LLONG_MAX).value_or(0));
    summaryOptions.reference = args.option("--reference");

    const ExperimentSource source(args);
    if (summaryOptions.reference) {
        try {
            checkReference(*summaryOptions.reference, spec.routers, source.modelNames());
        } catch (const std::invalid_argument& e) {
            throw UsageError(std::string("--reference: ") + e.what());
        }
    }
    const auto saveAs = labelToSave(source, args.option("--label"));
    const auto runs = runExperiment(source.train(), source.test(), spec, terminalProgress());
    endTerminalProgress();
    for (const auto& run : runs)
        for (const auto& warning : run.warnings)
            std::cerr << "warning: seed " << run.seed << ": " << warning << "\n";
    // One training, every policy evaluated on the same predictions.
    const auto summarise = [&](BudgetPolicy policy) {
        const auto summary =
            summariseComparison(runs, compareRouters(runs, source.modelNames(), policy, budgets), summaryOptions,
                                terminalProgress());
        endTerminalProgress();
        return summary;
    };
    for (std::size_t i = 0; i + 1 < policies.size(); ++i) {
        writeSummaryTable(std::cout, summarise(policies[i]), source.description());
        std::cout << "\n";
    }
    const ComparisonSummary summary = summarise(policies.back());
    // Which core trained the routers: descent ends in other bits on another core (docs/performance.md).
    writeSummaryOutputs(summary, jsonPath, latexPath, source.description(), [](JsonWriter& json) {
        json.key("trained_on_core").value(std::string(coreVectorInstructions()));
    });
    // Saved last: the results are out even when saving fails.
    if (saveAs) {
        try {
            saveExperiment(*source.project(), *saveAs, source.trainDatasetId(), source.testDatasetId(), spec, runs);
        } catch (const std::exception& e) {
            std::cerr << "not saved in " << source.project()->path() << ": " << e.what() << "\n";
            return 1;
        }
        std::cerr << "saved in " << source.project()->path() << " as experiment '" << *saveAs << "'\n";
    }
    return 0;
}

} // namespace routescope::cli
