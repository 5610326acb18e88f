// Long-format CSV: one row per (query, model) with the query id, model, score and cost.

#include "import/csv_reader.h"
#include "import/field_values.h"
#include "import/long_format_records.h"
#include "util/number_text.h"

#include <algorithm>
#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

namespace routescope {

namespace {

struct LongLayout {
    std::size_t sampleId = 0;
    std::size_t model = 0;
    std::size_t score = 0;
    std::size_t cost = 0;
    std::optional<std::size_t> text;
    std::optional<std::size_t> task;
    std::optional<std::size_t> inputTokens;
    std::optional<std::size_t> outputTokens;
    std::optional<std::size_t> latency;
    std::optional<std::size_t> embeddingJson;
    std::vector<std::size_t> embeddingElements;
};

LongLayout readLayout(const CsvReader& header, const std::string& file, std::vector<std::string>& warnings)
{
    const auto line = header.recordLine();
    std::vector<std::string> names;   // as written, for messages
    std::vector<std::string> matched; // in lower case: "Sample_ID" is "sample_id"
    for (std::size_t c = 0; c < header.size(); ++c) {
        const std::string& name = header.text(c);
        if (name.empty())
            throw ImportError(file, line, static_cast<std::int64_t>(c + 1), "column " + std::to_string(c + 1) + " has no name");
        if (std::find(names.begin(), names.end(), name) != names.end())
            throw ImportError(file, line, static_cast<std::int64_t>(c + 1), "duplicate column name " + quotedExcerpt(name));
        names.push_back(name);
        matched.push_back(asciiLowercase(name));
    }
    std::vector<bool> used(names.size(), false);
    auto find = [&](std::initializer_list<const char*> aliases) -> std::optional<std::size_t> {
        for (const char* alias : aliases)
            if (auto it = std::find(matched.begin(), matched.end(), alias); it != matched.end()) {
                const auto column = static_cast<std::size_t>(it - matched.begin());
                used[column] = true;
                return column;
            }
        return std::nullopt;
    };
    auto require = [&](std::initializer_list<const char*> aliases, const std::string& what) {
        if (auto column = find(aliases))
            return *column;
        throw ImportError(file, line, 0, "no " + what + " column in the header");
    };
    LongLayout layout;
    layout.sampleId = require({"sample_id", "query_id", "id"}, "query id ('sample_id', 'query_id' or 'id')");
    layout.model = require({"model"}, "'model'");
    layout.score = require({"score"}, "'score'");
    layout.cost = require({"cost"}, "'cost'");
    layout.text = find({"prompt", "query", "question"});
    layout.task = find({"task", "eval_name"});
    layout.inputTokens = find({"input_tokens"});
    layout.outputTokens = find({"output_tokens"});
    layout.latency = find({"latency"});
    layout.embeddingJson = find({"embedding"});
    for (std::size_t k = 0;; ++k) {
        auto column = find({("emb_" + std::to_string(k)).c_str()});
        if (!column)
            break;
        layout.embeddingElements.push_back(*column);
    }
    std::string ignored;
    std::size_t ignoredCount = 0;
    for (std::size_t c = 0; c < names.size(); ++c)
        if (!used[c]) {
            if (matched[c].rfind("emb_", 0) == 0)
                throw ImportError(file, line, static_cast<std::int64_t>(c + 1),
                                  "embedding columns must run emb_0, emb_1, ... without gaps; " + quotedExcerpt(names[c]) + " is out of sequence");
            if (++ignoredCount <= 10)
                ignored += (ignored.empty() ? "" : ", ") + quotedExcerpt(names[c]);
        }
    if (ignoredCount > 10)
        ignored += " and " + std::to_string(ignoredCount - 10) + " more";
    if (layout.embeddingJson && !layout.embeddingElements.empty())
        throw ImportError(file, line, static_cast<std::int64_t>(*layout.embeddingJson + 1),
                          "both 'embedding' and 'emb_<k>' columns; use one form");
    if (!ignored.empty())
        warnings.push_back("columns ignored: " + ignored);
    return layout;
}

} // namespace

void importLongCsv(ImportSession& session)
{
    const std::string& file = session.input.path();
    CsvReader csv(session.input);
    if (!csv.next())
        throw ImportError(file, 1, 0, "empty file");
    const LongLayout layout = readLayout(csv, file, session.warnings);
    const auto columns = csv.size();
    LongFormatSink sink(session);
    LongRecord record;
    while (csv.next()) {
        const auto line = csv.recordLine();
        if (csv.size() != columns)
            throw ImportError(file, line, 0, "row has " + std::to_string(csv.size()) + " cells, the header has " +
                                                 std::to_string(columns));
        auto place = [&](std::size_t column) {
            return SourcePlace{file, csv.field(column).line, static_cast<std::int64_t>(column + 1)};
        };
        auto required = [&](std::size_t column, const char* what) -> const std::string& {
            if (csv.text(column).empty())
                throw ImportError(file, csv.field(column).line, static_cast<std::int64_t>(column + 1),
                                  std::string("empty ") + what);
            return csv.text(column);
        };
        record.line = line;
        record.sampleId = required(layout.sampleId, "query id");
        record.model = required(layout.model, "model name");
        record.modelColumn = static_cast<std::int64_t>(layout.model + 1);
        record.text = layout.text ? csv.text(*layout.text) : std::string();
        record.task = layout.task ? csv.text(*layout.task) : std::string();
        record.outcome.score = parseMeasureCell(csv.text(layout.score), "score", Range::Score, place(layout.score));
        record.outcome.cost = parseMeasureCell(csv.text(layout.cost), "cost", Range::Cost, place(layout.cost));
        record.outcome.inputTokens =
            layout.inputTokens ? parseCountCell(csv.text(*layout.inputTokens), "input_tokens", place(*layout.inputTokens))
                               : std::nullopt;
        record.outcome.outputTokens =
            layout.outputTokens ? parseCountCell(csv.text(*layout.outputTokens), "output_tokens", place(*layout.outputTokens))
                                : std::nullopt;
        record.outcome.latencySeconds =
            layout.latency ? parseMeasureCell(csv.text(*layout.latency), "latency", Range::Latency, place(*layout.latency))
                           : std::nullopt;
        record.embedding.reset();
        if (layout.embeddingJson) {
            record.embedding = parseEmbeddingCell(csv.text(*layout.embeddingJson), place(*layout.embeddingJson));
            record.embeddingLine = csv.field(*layout.embeddingJson).line;
            record.embeddingColumn = static_cast<std::int64_t>(*layout.embeddingJson + 1);
        } else if (!layout.embeddingElements.empty()) {
            std::vector<float> values;
            for (const auto column : layout.embeddingElements) {
                const auto value = parseMeasureCell(csv.text(column), "embedding value", Range::Embedding, place(column));
                if (!value)
                    throw ImportError(file, csv.field(column).line, static_cast<std::int64_t>(column + 1), "empty embedding cell");
                values.push_back(static_cast<float>(*value));
            }
            record.embedding = std::move(values);
            record.embeddingLine = csv.field(layout.embeddingElements.front()).line;
            record.embeddingColumn = static_cast<std::int64_t>(layout.embeddingElements.front() + 1);
        }
        sink.add(record);
        session.progress.row();
    }
    if (sink.records() == 0)
        throw ImportError(file, csv.line(), 0, "no data rows after the header");
}

} // namespace routescope
