// routescope-cli evaluate: a saved experiment re-evaluated under a what-if scenario (other prices,
// another model pool) without retraining, printed and written exactly as `compare` does.

#include "cli/arguments.h"
#include "cli/commands.h"
#include "cli/experiment_source.h"
#include "cli/scenario_options.h"
#include "cli/summary_output.h"
#include "cli/terminal_progress.h"

#include "experiment/comparison.h"
#include "report/comparison_summary.h"
#include "scenario/scenario_store.h"

#include <climits>
#include <iostream>

namespace routescope::cli {

int runEvaluate(int argc, char** argv)
{
    const Arguments args(argc, argv, 2);
    auto allowed = scenarioOptionNames();
    allowed.insert(allowed.end(), {"--db", "--experiment", "--policy", "--json", "--latex", "--budgets", "--bootstrap",
                                   "--bootstrap-seed", "--reference", "--save-scenario"});
    args.allowOnly(allowed);
    if (!args.positionals().empty())
        throw UsageError("evaluate takes no file: name the project with --db and the experiment with --experiment");
    const BudgetPolicy policy = budgetPolicyFrom(args);
    const auto jsonPath = args.option("--json");
    const auto latexPath = args.option("--latex");
    const int budgets = static_cast<int>(args.integer("--budgets", 2, 1000).value_or(100));
    SummaryOptions summaryOptions;
    summaryOptions.bootstrap.resamples = static_cast<int>(args.integer("--bootstrap", 0, 100000).value_or(1000));
    summaryOptions.bootstrap.seed = static_cast<std::uint64_t>(args.integer("--bootstrap-seed", 0, LLONG_MAX).value_or(0));
    summaryOptions.reference = args.option("--reference");
    const auto saveAs = args.option("--save-scenario");
    if (saveAs && saveAs->empty())
        throw UsageError("--save-scenario needs a name");
    scenarioOptionsFrom(args); // its usage errors before the project is opened
    const std::string path = args.required("--db");
    args.required("--experiment");

    // Only saving a scenario writes the project.
    ProjectStore store(path, saveAs ? ProjectStore::Access::ReadWrite : ProjectStore::Access::ReadOnly);
    ScenarioEvaluation evaluation = evaluateScenario(store, args);
    const std::string& label = evaluation.experiment.label;
    if (saveAs) {
        if (loadScenario(store, label, *saveAs))
            throw UsageError("--save-scenario: a scenario named '" + *saveAs + "' is already saved for experiment '" +
                             label + "'");
        evaluation.scenario.name = *saveAs;
    }
    const auto& runs = evaluation.runs.runs;
    const auto& pool = evaluation.runs.modelNames;
    if (summaryOptions.reference) {
        std::vector<RouterSpec> specs;
        for (const auto& r : runs.front().routers)
            specs.push_back(r.spec);
        try {
            checkReference(*summaryOptions.reference, specs, pool);
        } catch (const std::invalid_argument& e) {
            throw UsageError(std::string("--reference: ") + e.what());
        }
    }

    const ComparisonSummary summary =
        summariseComparison(runs, compareRouters(runs, pool, policy, budgets), summaryOptions, terminalProgress());
    endTerminalProgress();
    const Scenario& scenario = evaluation.scenario;
    const std::string description = "experiment '" + label + "', scenario" +
                                    (scenario.name.empty() ? std::string() : " '" + scenario.name + "'") + ": " +
                                    describeScenario(scenario) + " (no router retrained)";
    writeSummaryOutputs(summary, jsonPath, latexPath, description, [&](JsonWriter& j) {
        j.key("experiment").value(label);
        j.key("scenario");
        writeJson(j, scenario, evaluation.models);
    });
    // Saved last: the results are out even when saving fails.
    if (saveAs) {
        try {
            saveScenario(store, label, scenario);
        } catch (const std::exception& e) {
            std::cerr << "scenario not saved in " << path << ": " << e.what() << "\n";
            return 1;
        }
        std::cerr << "saved in " << path << " as scenario '" << *saveAs << "' of experiment '" << label << "'\n";
    }
    return 0;
}

} // namespace routescope::cli
