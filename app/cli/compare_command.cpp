#include "cli/arguments.h"
#include "cli/commands.h"
#include "cli/experiment_source.h"
#include "cli/terminal_progress.h"

#include "experiment/comparison.h"
#include "experiment/experiment.h"
#include "experiment/experiment_store.h"
#include "evaluation/seed_summary.h"

#include <cstdio>
#include <ctime>
#include <fstream>
#include <iostream>

namespace routescope::cli {

namespace {

std::string cell(const MetricSummary& s, int decimals)
{
    if (!s.mean)
        return "not reached";
    char buf[64];
    if (s.stddev)
        std::snprintf(buf, sizeof buf, "%.*f±%.*f", decimals, *s.mean, decimals, *s.stddev);
    else
        std::snprintf(buf, sizeof buf, "%.*f", decimals, *s.mean);
    std::string text = buf;
    if (s.reached < s.seeds)
        text += " (" + std::to_string(s.reached) + "/" + std::to_string(s.seeds) + ")";
    return text;
}


// Pads to a width in characters, not bytes ("±" is two bytes in UTF-8).
std::string pad(const std::string& text, std::size_t width)
{
    std::size_t characters = 0;
    for (unsigned char c : text)
        characters += (c & 0xC0) != 0x80;
    return text + std::string(characters < width ? width - characters : 1, ' ');
}

void printCells(std::ostream& out, const std::vector<std::string>& cells)
{
    static const std::size_t widths[] = {22, 16, 16, 16, 18, 18, 18, 16, 16, 0};
    for (std::size_t i = 0; i < cells.size(); ++i)
        out << (i + 1 < cells.size() ? pad(cells[i], widths[i]) : cells[i]);
    out << "\n";
}

void printRow(std::ostream& out, const std::string& name, const std::vector<RouterEvaluation>& perSeed,
              const std::vector<double>& shares, const std::vector<double>& seconds)
{
    const auto summaries = summariseSeeds(perSeed);
    std::vector<std::optional<double>> shareValues(shares.begin(), shares.end());
    std::vector<std::optional<double>> secondValues(seconds.begin(), seconds.end());
    printCells(out, {name, cell(findMetric(summaries, "auc"), 4), cell(findMetric(summaries, "aiq"), 4),
                     cell(findMetric(summaries, "peak"), 4), cell(findMetric(summaries, "qnc"), 3),
                     cell(findMetric(summaries, "qnc@0.95"), 3), cell(findMetric(summaries, "qnc@0.9"), 3),
                     cell(findMetric(summaries, "rci"), 3), cell(summariseMetric("share", shareValues), 3),
                     seconds.empty() ? "-" : cell(summariseMetric("seconds", secondValues), 2)});
}

void printTable(std::ostream& out, const Comparison& comparison, const std::string& description)
{
    const auto& first = comparison.seeds.front();
    out << "data: " << description << "\n";
    out << "policy: " << budgetPolicyName(comparison.policy) << ", seeds:";
    for (const auto& s : comparison.seeds)
        out << " " << s.seed;
    out << ", " << first.oracle.selectionShare.rows() << " budgets\n";
    const auto& best = first.reference.bestSingle;
    char line[512];
    std::snprintf(line, sizeof line,
                  "best single model (seed %llu): %s, quality %.4f, cost $%.6f per query; top-score ties on %.1f%% of "
                  "queries; most expensive: %s\n\n",
                  static_cast<unsigned long long>(first.seed), comparison.modelNames[std::size_t(best.model)].c_str(),
                  best.quality, best.cost, 100 * first.reference.topTieRate,
                  comparison.modelNames[std::size_t(first.mostExpensiveModel)].c_str());
    out << line;
    printCells(out, {"router", "AUC", "AIQ", "Peak", "QNC", "QNC@0.95", "QNC@0.9", "RCI", "top share", "train s"});

    std::vector<RouterEvaluation> oracle;
    std::vector<double> oracleShares;
    for (const auto& s : comparison.seeds) {
        oracle.push_back(s.oracle);
        oracleShares.push_back(topModelShare(s.oracle, s.mostExpensiveModel));
    }
    printRow(out, "oracle", oracle, oracleShares, {});
    for (std::size_t r = 0; r < comparison.routerNames.size(); ++r) {
        std::vector<RouterEvaluation> perSeed;
        std::vector<double> shares, seconds;
        for (const auto& s : comparison.seeds) {
            perSeed.push_back(s.routers[r]);
            shares.push_back(topModelShare(s.routers[r], s.mostExpensiveModel));
            seconds.push_back(s.trainSeconds[r]);
        }
        printRow(out, comparison.routerNames[r], perSeed, shares, seconds);
    }
    out << "\nmean ± sample std over seeds; (k/n): reached by k of n seeds. QNC: cost to reach the best single\n"
           "model's quality over its cost (lower is better). RCI: routing collapse index at the largest budget.\n"
           "top share: share of the most expensive model at the largest budget.\n";
}

// The local time as the workbench names experiments: "2026-11-28 02:14:16".
std::string timeLabel()
{
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S", &local);
    return text;
}

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
        return uniqueExperimentLabel(*project, timeLabel());
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
    allowed.insert(allowed.end(), {"--json", "--budgets", "--label"});
    args.allowOnly(allowed);
    const ExperimentSpec spec = experimentSpecFrom(args, "oracle,random,knn,ridge,margin");
    const auto policies = budgetPoliciesFrom(args);
    const auto jsonPath = args.option("--json");
    if (jsonPath && policies.size() != 1)
        throw UsageError("--json takes one --policy");
    const int budgets = static_cast<int>(args.integer("--budgets", 2, 1000).value_or(100));

    const ExperimentSource source(args);
    const auto saveAs = labelToSave(source, args.option("--label"));
    const auto runs = runExperiment(source.train(), source.test(), spec, terminalProgress());
    endTerminalProgress();
    for (const auto& run : runs)
        for (const auto& warning : run.warnings)
            std::cerr << "warning: seed " << run.seed << ": " << warning << "\n";
    // One training, every policy evaluated on the same predictions.
    for (std::size_t i = 0; i + 1 < policies.size(); ++i) {
        printTable(std::cout, compareRouters(runs, source.modelNames(), policies[i], budgets), source.description());
        std::cout << "\n";
    }
    const Comparison comparison = compareRouters(runs, source.modelNames(), policies.back(), budgets);
    if (jsonPath) {
        JsonWriter json;
        writeJson(json, comparison);
        if (*jsonPath == "-") {
            std::cout << json.str() << "\n";
        } else {
            std::ofstream file(*jsonPath);
            file << json.str() << "\n";
            if (!file)
                throw std::runtime_error("cannot write " + *jsonPath);
        }
    }
    if (!jsonPath || *jsonPath != "-")
        printTable(std::cout, comparison, source.description());
    std::cout.flush();
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
