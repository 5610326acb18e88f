// Scores JSON (RouterDC, LLMRouter): an array of {"question", "scores": {model: score}} records
// without costs; a price table and a token estimate give each (query, model) a cost.

#include "import/field_values.h"
#include "import/import_session.h"
#include "import/json_reader.h"
#include "store/value_limits.h"
#include "util/number_text.h"

#include <cmath>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

namespace routescope {

namespace {

struct Prices {
    double input = 0;  // USD per 1M input tokens
    double output = 0; // USD per 1M output tokens
};

// The price table is small: read whole, each model's entry checked when a score file uses it.
class PriceTable {
public:
    explicit PriceTable(const std::string& path) : path_(path)
    {
        TextInput input(path);
        JsonReader json(input);
        if (json.atEnd())
            throw ImportError(path, 1, 0, "empty price table");
        table_ = json.readValue();
        json.expectEnd();
        if (table_.type != JsonValue::Type::Object)
            throw ImportError(path, table_.line, table_.column,
                              "price table must be an object {\"model\": {\"input_price\": .., \"output_price\": ..}}");
    }

    Prices lookup(const std::string& model, const std::string& scoresFile, const JsonValue& usedAt) const
    {
        const JsonValue* entry = table_.find(model);
        if (!entry)
            throw ImportError(scoresFile, usedAt.line, usedAt.column,
                              "model " + quotedExcerpt(model) + " is not in the price table " + path_);
        if (entry->type != JsonValue::Type::Object)
            throw ImportError(path_, entry->line, entry->column, "price entry of model " + quotedExcerpt(model) + " must be an object");
        auto price = [&](const char* key) {
            const JsonValue* value = entry->find(key);
            if (!value)
                throw ImportError(path_, entry->line, entry->column,
                                  "price entry of model " + quotedExcerpt(model) + " has no \"" + key + "\"");
            const auto number = measureFromJson(*value, std::string(key) + " of model " + quotedExcerpt(model), Range::Price, path_);
            if (!number)
                throw ImportError(path_, value->line, value->column, std::string(key) + " of model " + quotedExcerpt(model) + " is null");
            return *number;
        };
        return {price("input_price"), price("output_price")};
    }

private:
    std::string path_;
    JsonValue table_;
};

const JsonValue& requireMember(const JsonValue& record, const char* key, JsonValue::Type type, const std::string& file)
{
    const JsonValue* value = record.find(key);
    if (!value)
        throw ImportError(file, record.line, record.column, std::string("record has no \"") + key + "\" key");
    if (value->type != type) {
        JsonValue expected;
        expected.type = type;
        throw ImportError(file, value->line, value->column,
                          std::string("\"") + key + "\" must be " + expected.typeName() + ", not " + value->typeName());
    }
    return *value;
}

} // namespace

void importScoresJson(ImportSession& session)
{
    const std::string& file = session.input.path();
    const auto& options = session.options;
    if (options.pricesPath.empty())
        throw ImportError(file, 0, 0, "a scores JSON file has no costs: give a price table (each model's input and output price per million tokens)");
    if (options.defaultAnswerTokens < 0 || options.defaultAnswerTokens > limits::kMaxAnswerTokens)
        throw std::invalid_argument("the default answer length must be a number of tokens in [0, " +
                                    std::to_string(limits::kMaxAnswerTokens) + "], not " +
                                    std::to_string(options.defaultAnswerTokens));
    const PriceTable priceTable(options.pricesPath);

    JsonReader json(session.input);
    if (json.atEnd())
        throw ImportError(file, 1, 0, "empty file");
    json.beginArray();
    auto& writer = session.writer;
    std::vector<Prices> modelPrices; // by the writer's model index
    std::vector<std::int64_t> queryLines;
    std::int64_t index = 0;
    while (json.nextElement()) {
        const JsonValue record = json.readValue();
        if (record.type != JsonValue::Type::Object)
            throw ImportError(file, record.line, record.column, "each record must be an object, not " + record.typeName());
        const JsonValue& question = requireMember(record, "question", JsonValue::Type::String, file);
        const JsonValue& scores = requireMember(record, "scores", JsonValue::Type::Object, file);
        if (scores.members.empty())
            throw ImportError(file, scores.line, scores.column, "\"scores\" is empty");

        std::string sampleId = std::to_string(index);
        const JsonValue* idValue = record.find("id");
        if (idValue)
            sampleId = idFromJson(*idValue, "\"id\"", file);
        if (const auto earlier = writer.findQuery(sampleId)) {
            const auto& at = idValue ? *idValue : record;
            throw ImportError(file, at.line, at.column,
                              "duplicate id " + quotedExcerpt(sampleId) + " (first on line " +
                                  std::to_string(queryLines[static_cast<std::size_t>(*earlier)]) + ")");
        }
        std::string task;
        const JsonValue* taskValue = record.find("task");
        if (!taskValue)
            taskValue = record.find("eval_name");
        if (taskValue && taskValue->type != JsonValue::Type::Null) {
            if (taskValue->type != JsonValue::Type::String)
                throw ImportError(file, taskValue->line, taskValue->column, "task must be a string, not " + taskValue->typeName());
            task = taskValue->text;
        }
        const JsonValue* responses = record.find("responses");
        if (responses && responses->type != JsonValue::Type::Object)
            throw ImportError(file, responses->line, responses->column,
                              "\"responses\" must be an object {model: text}, not " + responses->typeName());

        const auto query = writer.addQuery(sampleId, question.text, task);
        queryLines.push_back(record.line);
        const auto inputTokens = estimateTokens(question.text.size());
        for (const auto& [model, scoreValue] : scores.members) {
            auto known = writer.findModel(model);
            if (!known) {
                const Prices prices = priceTable.lookup(model, file, scoreValue);
                known = writer.addModel(model, prices.input, prices.output);
                modelPrices.push_back(prices);
            }
            const Prices& prices = modelPrices[static_cast<std::size_t>(*known)];
            // The answer's length comes from the model's response when the record has one,
            // otherwise from the default answer length.
            std::int64_t outputTokens = options.defaultAnswerTokens;
            if (responses)
                if (const auto* response = responses->find(model)) {
                    if (response->type != JsonValue::Type::String)
                        throw ImportError(file, response->line, response->column, "response must be a string");
                    outputTokens = estimateTokens(response->text.size());
                }
            OutcomeRecord outcome;
            const std::string modelName = quotedExcerpt(model);
            outcome.score = measureFromJson(scoreValue, "score for model " + modelName, Range::Score, file);
            outcome.inputTokens = inputTokens;
            outcome.outputTokens = outputTokens;
            outcome.cost = costFromTokens(inputTokens, prices.input, outputTokens, prices.output,
                                          "cost of model " + modelName + " for this record",
                                          SourcePlace{file, scoreValue.line, scoreValue.column});
            writer.addOutcome(query, *known, outcome);
        }
        if (const auto* embedding = record.find("embedding"); embedding && embedding->type != JsonValue::Type::Null) {
            try {
                writer.setEmbedding(query, embeddingFromJson(*embedding, file));
            } catch (const std::invalid_argument& e) {
                throw ImportError(file, embedding->line, embedding->column, e.what());
            }
        }
        ++index;
        session.progress.row();
    }
    json.expectEnd();
    if (index == 0)
        throw ImportError(file, json.line(), 0, "the array holds no records");
}

} // namespace routescope
