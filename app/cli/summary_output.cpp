#include "cli/summary_output.h"

#include "report/summary_json.h"
#include "report/summary_latex.h"
#include "report/summary_table.h"
#include "util/text_file.h"

#include <iostream>

namespace routescope::cli {

void writeSummaryOutputs(const ComparisonSummary& summary, const std::optional<std::string>& jsonPath,
                         const std::optional<std::string>& latexPath, const std::string& description,
                         const std::function<void(JsonWriter&)>& moreKeys)
{
    if (jsonPath) {
        JsonWriter json;
        writeJson(json, summary, moreKeys);
        if (*jsonPath == "-")
            std::cout << json.str() << "\n";
        else
            writeTextFile(*jsonPath, json.str() + "\n");
    }
    if (latexPath)
        writeTextFile(*latexPath, summaryLatex(summary));
    if (!jsonPath || *jsonPath != "-")
        writeSummaryTable(std::cout, summary, description);
    std::cout.flush();
}

} // namespace routescope::cli
