// routescope-cli: the headless RouteScope, for scripts, CI and benchmarks.

#include "cli/arguments.h"
#include "cli/commands.h"

#include "store/sqlite.h"

#include "build_info.h"

#include <sqlite3.h>

#include <cstring>
#include <exception>
#include <iostream>

namespace {

constexpr const char* kUsage = R"(usage: routescope-cli COMMAND [OPTIONS]
       routescope-cli --version   (the version and which build this is)

commands:
  import FILE... --db PROJECT [--name NAME] [--format auto|wide|scores-json|long-csv|long-jsonl]
                 [--prices PRICES.json] [--answer-tokens N]
      Import routing datasets into a project (created if missing). FILE "-" is standard input;
      pipes and FIFOs are read once. --answer-tokens (0..10000000, default 200): the answer
      length for costs from a price table when a scores file has no responses.
  info --db PROJECT [--json]
      List the project's datasets, their models, mean scores and costs, and the size of the
      feature cache. Only reads the project.
  check --db PROJECT [--quick]
      Check the project: SQLite's integrity check (--quick: quick_check), schema version,
      application id, and every stored value against its range. Exit 0 healthy, 1 damaged.
  upgrade --db PROJECT
      Take a project of an older RouteScope to this build's schema (a backup is kept first).
  clear-cache --db PROJECT
      Drop the text features cached in the project (made again when needed) and free the space.
  generate --out FILE.csv [--queries N] [--seed S] [--no-responses | --short-responses]
      Write a synthetic routing benchmark in RouterBench's wide CSV format (11 models,
      8 task families; defaults: 3000 queries (1..1000000), seed 1, full responses). Same
      seed, same bytes.
  compare (--train FILE [--test FILE] [--format F] [--prices P] | --db PROJECT --dataset NAME
           [--test-dataset NAME]) [--routers LIST] [--policy threshold|lambda|threshold,lambda] [--seeds 0,1,2]
           [--train-fraction 0.7] [--validation-fraction 0.1] [--held-out-task TASK]
           [--budgets 100 (2..1000)] [--bootstrap 1000] [--bootstrap-seed 0] [--reference NAME]
           [--json PATH|-] [--latex PATH] [--label NAME]
      Train routers and compare them with the baselines (random, zero router, every single
      model, oracle): AUC, AIQ, Peak, QNC, RCI and selection share (seed means and spread),
      95 % intervals from a paired bootstrap over test queries (--bootstrap N resamples, 0: off),
      and every learned router against --reference (default: the regression router with the
      highest AUC) with p-values. --json writes the same as JSON ("-": to stdout, no table),
      --latex as a booktabs table. With --db, the experiment is saved in the project (as
      --label, or named by the time).
      LIST: comma-separated kinds with optional settings, e.g. oracle,knn:k=20,equirouter:tie=none.
      Kinds: oracle, random, knn, ridge, mlp, mf, margin, equirouter, svm, sw, contrastive, cascade.
      Without --test, the training dataset is split per task (--train-fraction) for each seed.
  evaluate --db PROJECT --experiment LABEL [--price-scale MODEL=FACTOR]... [--price MODEL=IN/OUT]...
           [--drop-model MODEL]... [--scenario NAME] [--save-scenario NAME] [--policy threshold|lambda]
           [--budgets 100] [--bootstrap 1000] [--bootstrap-seed 0] [--reference NAME] [--json PATH|-] [--latex PATH]
      What if prices change? A saved experiment re-evaluated under a scenario, without retraining:
      --price-scale multiplies every cost of MODEL by FACTOR (> 0), --price gives it new prices in
      USD per 1M input/output tokens (costs from the dataset's token counts), --drop-model takes it
      out of the pool (each repeatable). True and predicted costs change alike; the routers keep
      their predictions (what they learned from the training prices); the oracle, baselines and
      every metric are computed anew. Prints and writes what compare does, the JSON with
      "scenario":{...}. --scenario NAME reuses a scenario saved for the experiment,
      --save-scenario NAME saves this one (the only case where the project is written).
  plot frontier|share|calls|report (--train FILE [--test FILE] | --db PROJECT --dataset NAME | --db PROJECT
           --experiment LABEL) [--routers LIST] [--router NAME] [--policy threshold|lambda] [--seeds S]
           [--size 3.5x2.6in] [--font-pt 8] [--dpi 300] [--budget-marker[=BUDGET]] [--linear]
           [--bootstrap N] --out FIGURE.pdf|.svg|.png|REPORT-FOLDER
      Draw the workbench's frontier figure, the selection share of --router (default: the first
      router) against the budget, or the models called per query against the budget for the
      cascades among the routers (default routers there: cascades with judge error 0, 0.1 and
      0.2), as File > Export in the workbench does: of a saved experiment (--experiment), or of
      routers trained as compare trains them. --size: the figure on paper (in, mm or cm; default
      a single column, 3.5x2.6in); --font-pt: its text; --dpi: PNG only; --budget-marker: mark
      the largest budget, or the one nearest BUDGET (T in $, or lambda), as the workbench's
      slider does. report: the folder the workbench's File > Export Report writes (frontier and
      share figures, metrics.csv and .tex, summary.md; --bootstrap resamples, default 1000),
      made if missing.
      With --experiment, evaluate's scenario options (--price-scale, --price,
      --drop-model, --scenario) draw it under a scenario, named in the title; --overlay-baseline
      adds the training prices' frontier, dotted.
)";

} // namespace

int main(int argc, char** argv)
{
    if (argc < 2 || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h")) {
        std::cout << kUsage;
        return argc < 2 ? 2 : 0;
    }
    if (!std::strcmp(argv[1], "--version")) {
        std::cout << "routescope-cli " << ROUTESCOPE_VERSION << " (" << routescopeBuildInfo() << ")\n";
        return 0;
    }
    const std::string command = argv[1];
    try {
        if (command == "import")
            return routescope::cli::runImport(argc, argv);
        if (command == "info")
            return routescope::cli::runInfo(argc, argv);
        if (command == "check")
            return routescope::cli::runCheck(argc, argv);
        if (command == "upgrade")
            return routescope::cli::runUpgrade(argc, argv);
        if (command == "clear-cache")
            return routescope::cli::runClearCache(argc, argv);
        if (command == "generate")
            return routescope::cli::runGenerate(argc, argv);
        if (command == "compare")
            return routescope::cli::runCompare(argc, argv);
        if (command == "evaluate")
            return routescope::cli::runEvaluate(argc, argv);
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
    } catch (const routescope::sqlite::Error& e) {
        // Damage found while reading, past the checks made on open.
        const int code = e.code() & 0xFF;
        const bool damaged = code == SQLITE_CORRUPT || code == SQLITE_NOTADB;
        std::cerr << "routescope-cli " << command << ": " << e.what()
                  << (damaged ? " (the project is damaged: routescope-cli check --db PROJECT lists every problem)" : "")
                  << "\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "routescope-cli " << command << ": " << e.what() << "\n";
        return 1;
    }
}
