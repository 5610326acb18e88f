#include "cli/arguments.h"
#include "cli/commands.h"
#include "cli/experiment_source.h"
#include "cli/terminal_progress.h"

#include "import/importer.h"
#include "import/text_input.h"
#include "store/value_limits.h"

#include <algorithm>
#include <iostream>

namespace routescope::cli {

int runImport(int argc, char** argv)
{
    const Arguments args(argc, argv, 2);
    args.allowOnly({"--db", "--name", "--format", "--prices", "--answer-tokens"});
    const auto& files = args.positionals();
    if (files.empty())
        throw UsageError("import needs at least one FILE");
    if (files.size() > 1 && args.option("--name"))
        throw UsageError("--name applies to a single FILE");
    if (std::count_if(files.begin(), files.end(), TextInput::isStandardInput) > 1)
        throw UsageError("'-' (standard input) can be imported once per command");

    ImportOptions options;
    options.format = parseFormatName(args.option("--format").value_or("auto"));
    options.datasetName = args.option("--name").value_or("");
    options.pricesPath = args.option("--prices").value_or("");
    if (auto tokens = args.integer("--answer-tokens", 0, limits::kMaxAnswerTokens))
        options.defaultAnswerTokens = *tokens;

    ProjectStore store(args.required("--db"));
    if (store.migrationBackup())
        std::cerr << "upgraded " << store.path() << " to this RouteScope's format; the old one is kept as "
                  << *store.migrationBackup() << "\n";
    const JobControl job = terminalProgress();
    // Each file is its own transaction: a bad file stops the command and leaves the earlier ones imported.
    for (const auto& file : files) {
        const ImportReport report = importForCommand(store, file, options, job);
        endTerminalProgress();
        const std::string shown = TextInput::isStandardInput(file) ? "standard input" : file;
        std::cout << "imported " << shown << " as '" << report.datasetName << "' (" << formatName(report.format)
                  << "): " << report.queries << " queries, " << report.models << " models";
        if (report.incompleteRows)
            std::cout << ", " << report.incompleteRows << " incomplete rows skipped";
        std::cout << "\n";
        for (const auto& warning : report.warnings)
            std::cerr << "warning: " << shown << ": " << warning << "\n";
    }
    return 0;
}

} // namespace routescope::cli
