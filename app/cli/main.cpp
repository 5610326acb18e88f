// routescope-cli: the headless RouteScope, for scripts, CI and benchmarks.

#include "cli/arguments.h"
#include "cli/commands.h"

#include <cstring>
#include <exception>
#include <iostream>

namespace {

constexpr const char* kUsage = R"(usage: routescope-cli COMMAND [OPTIONS]

commands:
  import FILE... --db PROJECT [--name NAME] [--format auto|wide|scores-json|long-csv|long-jsonl]
                 [--prices PRICES.json] [--answer-tokens N]
      Import routing datasets into a project (created if missing).
  info --db PROJECT [--json]
      List the project's datasets, their models, mean scores and costs, and the size of the
      feature cache.
  clear-cache --db PROJECT
      Drop the text features cached in the project (made again when needed) and free the space.
  generate --out FILE.csv [--queries N] [--seed S] [--no-responses | --short-responses]
      Write a synthetic routing benchmark in RouterBench's wide CSV format (11 models,
      8 task families; defaults: 3000 queries, seed 1, full responses). Same seed, same bytes.
  compare (--train FILE [--test FILE] [--format F] [--prices P] | --db PROJECT --dataset NAME
           [--test-dataset NAME]) [--routers LIST] [--policy threshold|lambda|threshold,lambda] [--seeds 0,1,2]
           [--train-fraction 0.7] [--validation-fraction 0.1] [--held-out-task TASK]
           [--budgets 100] [--json PATH|-] [--label NAME]
      Train routers and compare them: a table of AUC, AIQ, Peak, QNC, RCI and selection share
      (seed means and spread); --json writes the same as JSON ("-": to stdout, no table).
      With --db, the experiment is saved in the project (as --label, or named by the time).
      LIST: comma-separated kinds with optional settings, e.g. oracle,knn:k=20,equirouter:tie=none.
      Kinds: oracle, random, knn, ridge, mlp, mf, margin, equirouter, svm, sw, contrastive, cascade.
      Without --test, the training dataset is split per task (--train-fraction) for each seed.
  plot frontier|share|calls (--train FILE [--test FILE] | --db PROJECT --dataset NAME) [--routers LIST]
           [--router NAME] [--policy threshold|lambda] [--seeds S] [--width W --height H --dpi D]
           [--linear] --out FIGURE.png|.pdf|.svg
      Train as compare does and draw the workbench's frontier figure, the selection share of
      --router (default: the first router) against the budget, or the models called per query
      against the budget for the cascades among the routers (default routers: cascades with
      judge error 0, 0.1 and 0.2), without a display.
)";

} // namespace

int main(int argc, char** argv)
{
    if (argc < 2 || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h")) {
        std::cout << kUsage;
        return argc < 2 ? 2 : 0;
    }
    const std::string command = argv[1];
    try {
        if (command == "import")
            return routescope::cli::runImport(argc, argv);
        if (command == "info")
            return routescope::cli::runInfo(argc, argv);
        if (command == "clear-cache")
            return routescope::cli::runClearCache(argc, argv);
        if (command == "generate")
            return routescope::cli::runGenerate(argc, argv);
        if (command == "compare")
            return routescope::cli::runCompare(argc, argv);
        if (command == "plot") {
#ifdef ROUTESCOPE_CLI_PLOT
            return routescope::cli::runPlot(argc, argv);
#else
            std::cerr << "routescope-cli: this build has no plot command (built without the GUI)\n";
            return 1;
#endif
        }
        std::cerr << "routescope-cli: unknown command '" << command << "' (see --help)\n";
        return 2;
    } catch (const routescope::cli::UsageError& e) {
        std::cerr << "routescope-cli " << command << ": " << e.what() << " (see --help)\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "routescope-cli " << command << ": " << e.what() << "\n";
        return 1;
    }
}
