// RouterBench's wide CSV: one row per query, one score column and one `<model>|total_cost`
// column per model, optional `<model>|model_response` columns that only size the answer.

#include "import/csv_reader.h"
#include "import/field_values.h"
#include "import/import_session.h"
#include "import/python_literal.h"
#include "util/number_text.h"

#include <algorithm>
#include <optional>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace routescope {

namespace {

constexpr std::string_view kCostSuffix = "total_cost";
constexpr std::string_view kResponseSuffix = "model_response";

struct ModelColumns {
    std::string name;
    std::size_t score = 0;
    std::optional<std::size_t> cost;
    std::optional<std::size_t> response;
    int index = 0; // the writer's model index
    std::string scoreLabel, costLabel; // for messages, made once rather than per cell
};

// What each column of a wide file means, worked out from the header.
struct WideLayout {
    std::optional<std::size_t> rowIndex; // pandas' unnamed index column
    std::optional<std::size_t> sampleId;
    std::optional<std::size_t> prompt;
    std::optional<std::size_t> task;
    std::optional<std::size_t> embeddingJson;
    std::vector<std::size_t> embeddingElements; // emb_0, emb_1, ... in order
    std::vector<ModelColumns> models;
    std::vector<bool> skipped;
};

bool isEmbeddingElement(const std::string& name, std::size_t& index)
{
    if (name.size() <= 4 || name.compare(0, 4, "emb_") != 0)
        return false;
    index = 0;
    for (std::size_t i = 4; i < name.size(); ++i) {
        if (name[i] < '0' || name[i] > '9')
            return false;
        index = index * 10 + static_cast<std::size_t>(name[i] - '0');
    }
    return true;
}

WideLayout readLayout(const CsvReader& header, const std::string& file, std::vector<std::string>& warnings)
{
    WideLayout layout;
    const auto line = header.recordLine();
    const auto count = header.size();
    layout.skipped.assign(count, false);
    auto fail = [&](std::size_t column, const std::string& problem) {
        throw ImportError(file, line, static_cast<std::int64_t>(column + 1), problem);
    };
    std::unordered_map<std::string, std::size_t> modelByName;
    std::unordered_map<std::string, std::size_t> costs;
    std::unordered_map<std::string, std::size_t> responses;
    std::unordered_set<std::string> seen;
    std::vector<std::pair<std::size_t, std::size_t>> elements; // (emb index, column)
    for (std::size_t c = 0; c < count; ++c) {
        const std::string& name = header.text(c);
        const std::string lower = asciiLowercase(name); // known columns in any letter case
        if (!seen.insert(name).second)
            fail(c, "duplicate column name " + quotedExcerpt(name));
        std::size_t element = 0;
        if (name.empty()) {
            if (c != 0)
                fail(c, "column " + std::to_string(c + 1) + " has no name");
            layout.rowIndex = c;
        } else if (lower == "sample_id") {
            layout.sampleId = c;
        } else if (lower == "prompt") {
            layout.prompt = c;
        } else if (lower == "eval_name") {
            layout.task = c;
        } else if (lower == "oracle_model_to_route_to") {
            layout.skipped[c] = true;
        } else if (lower == "embedding") {
            layout.embeddingJson = c;
        } else if (isEmbeddingElement(lower, element)) {
            elements.emplace_back(element, c);
        } else if (const auto bar = name.rfind('|'); bar != std::string::npos) {
            const std::string model = name.substr(0, bar);
            const std::string_view suffix = std::string_view(name).substr(bar + 1);
            if (suffix == kCostSuffix) {
                costs.emplace(model, c);
            } else if (suffix == kResponseSuffix) {
                responses.emplace(model, c);
                layout.skipped[c] = true;
            } else {
                layout.skipped[c] = true;
                warnings.push_back("column " + quotedExcerpt(name) + " is not a score, cost or response column; ignored");
            }
        } else {
            modelByName.emplace(name, layout.models.size());
            layout.models.push_back({name, c, std::nullopt, std::nullopt, 0});
        }
    }
    if (!layout.prompt)
        throw ImportError(file, line, 0, "no 'prompt' column in the header");
    if (layout.models.empty())
        throw ImportError(file, line, 0,
                          "no model score columns in the header (expected one column per model and '<model>|total_cost')");
    for (auto& model : layout.models) {
        const auto cost = costs.find(model.name);
        if (cost == costs.end())
            fail(model.score, "model " + quotedExcerpt(model.name) + " has a score column but no " +
                                  quotedExcerpt(model.name + "|total_cost") + " column");
        model.cost = cost->second;
        if (const auto response = responses.find(model.name); response != responses.end())
            model.response = response->second;
    }
    for (const auto& [model, column] : costs)
        if (!modelByName.count(model))
            fail(column, "column " + quotedExcerpt(model + "|total_cost") + " has no score column " + quotedExcerpt(model));
    for (const auto& [model, column] : responses)
        if (!modelByName.count(model))
            warnings.push_back("column " + quotedExcerpt(model + "|model_response") + " has no score column; ignored");
    if (!elements.empty()) {
        if (layout.embeddingJson)
            fail(*layout.embeddingJson, "both 'embedding' and 'emb_<k>' columns; use one form");
        std::sort(elements.begin(), elements.end());
        for (std::size_t k = 0; k < elements.size(); ++k) {
            if (elements[k].first != k)
                fail(elements[k].second, "embedding columns must run emb_0, emb_1, ... without gaps; emb_" +
                                             std::to_string(k) + " is missing");
            layout.embeddingElements.push_back(elements[k].second);
        }
    }
    if (!layout.sampleId)
        warnings.push_back("no 'sample_id' column: queries are identified by their data row number (1, 2, ...)");
    return layout;
}

} // namespace

void importRouterBenchWide(ImportSession& session)
{
    const std::string& file = session.input.path();
    CsvReader csv(session.input);
    if (!csv.next())
        throw ImportError(file, 1, 0, "empty file");
    const WideLayout layout = readLayout(csv, file, session.warnings);
    const auto columns = csv.size();
    csv.setSkipped(layout.skipped);

    auto& writer = session.writer;
    std::vector<ModelColumns> models = layout.models;
    for (auto& model : models) {
        model.index = writer.addModel(model.name);
        model.scoreLabel = "score for model " + quotedExcerpt(model.name);
        model.costLabel = "cost for model " + quotedExcerpt(model.name);
    }

    std::vector<std::int64_t> queryLines; // where each query was first seen, for duplicate errors
    std::unordered_set<std::string> rowIndexes;
    std::vector<float> embedding;
    std::int64_t rowNumber = 0;
    while (csv.next()) {
        ++rowNumber;
        const auto line = csv.recordLine();
        if (csv.size() != columns)
            throw ImportError(file, line, 0, "row has " + std::to_string(csv.size()) + " cells, the header has " +
                                                 std::to_string(columns));
        auto place = [&](std::size_t column) {
            return SourcePlace{file, csv.field(column).line, static_cast<std::int64_t>(column + 1)};
        };
        std::string sampleId = layout.sampleId ? csv.text(*layout.sampleId) : std::to_string(rowNumber);
        if (sampleId.empty())
            throw ImportError(file, line, static_cast<std::int64_t>(*layout.sampleId + 1), "empty sample_id");
        if (layout.rowIndex && !rowIndexes.insert(csv.text(*layout.rowIndex)).second)
            throw ImportError(file, line, static_cast<std::int64_t>(*layout.rowIndex + 1),
                              "duplicate row index " + quotedExcerpt(csv.text(*layout.rowIndex)));
        if (const auto earlier = writer.findQuery(sampleId)) {
            const auto firstLine = std::to_string(queryLines[static_cast<std::size_t>(*earlier)]);
            // RouterBench's own files repeat a few prompts (partial runs), told apart by pandas'
            // row index; without that index a repeated sample_id is an error.
            if (!layout.rowIndex)
                throw ImportError(file, csv.field(*layout.sampleId).line, static_cast<std::int64_t>(*layout.sampleId + 1),
                                  "duplicate sample_id " + quotedExcerpt(sampleId) + " (first on line " + firstLine + ")");
            session.warnings.push_back("sample_id " + quotedExcerpt(sampleId) + " on line " + std::to_string(line) +
                                       " repeats line " + firstLine + "; kept as its own query " +
                                       quotedExcerpt(sampleId + "@" + csv.text(*layout.rowIndex)));
            sampleId += "@" + csv.text(*layout.rowIndex);
        }
        const std::string text = promptFromPythonRepr(csv.text(*layout.prompt));
        const auto query = writer.addQuery(sampleId, text, layout.task ? csv.text(*layout.task) : std::string());
        queryLines.push_back(line);
        const auto inputTokens = estimateTokens(text.size());

        for (const auto& model : models) {
            OutcomeRecord outcome;
            outcome.score = parseMeasureCell(csv.text(model.score), model.scoreLabel, Range::Score,
                                             place(model.score));
            outcome.cost = parseMeasureCell(csv.text(*model.cost), model.costLabel,
                                            Range::Cost, place(*model.cost));
            outcome.inputTokens = inputTokens;
            if (model.response && csv.field(*model.response).bytes > 0)
                outcome.outputTokens = estimateTokens(csv.field(*model.response).bytes);
            writer.addOutcome(query, model.index, outcome);
        }

        std::optional<std::size_t> embeddingColumn;
        if (!layout.embeddingElements.empty()) {
            embedding.clear();
            for (const auto column : layout.embeddingElements) {
                const auto value = parseMeasureCell(csv.text(column), "embedding value", Range::Embedding, place(column));
                if (!value)
                    throw ImportError(file, csv.field(column).line, static_cast<std::int64_t>(column + 1), "empty embedding cell");
                embedding.push_back(static_cast<float>(*value));
            }
            embeddingColumn = layout.embeddingElements.front();
        } else if (layout.embeddingJson) {
            embedding = parseEmbeddingCell(csv.text(*layout.embeddingJson), place(*layout.embeddingJson));
            embeddingColumn = layout.embeddingJson;
        }
        if (embeddingColumn) {
            try {
                writer.setEmbedding(query, embedding);
            } catch (const std::invalid_argument& e) {
                throw ImportError(file, csv.field(*embeddingColumn).line, static_cast<std::int64_t>(*embeddingColumn + 1), e.what());
            }
        }
        session.progress.row();
    }
    if (rowNumber == 0)
        throw ImportError(file, csv.line(), 0, "no data rows after the header");
}

} // namespace routescope
