#include "cli/summary_output.h"

#include "report/summary_json.h"
#include "report/summary_latex.h"
#include "report/summary_table.h"

#include <fstream>
#include <iostream>
#include <stdexcept>

namespace routescope::cli {

namespace {

void writeFile(const std::string& path, const std::string& text)
{
    std::ofstream file(path);
    file << text;
    if (!file)
        throw std::runtime_error("cannot write " + path);
}

} // namespace

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
            writeFile(*jsonPath, json.str() + "\n");
    }
    if (latexPath)
        writeFile(*latexPath, summaryLatex(summary));
    if (!jsonPath || *jsonPath != "-")
        writeSummaryTable(std::cout, summary, description);
    std::cout.flush();
}

} // namespace routescope::cli
