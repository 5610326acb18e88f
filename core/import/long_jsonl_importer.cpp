// Long-format JSONL: one JSON object per line, one line per (query, model).

#include "import/field_values.h"
#include "import/json_reader.h"
#include "import/long_format_records.h"

#include <initializer_list>
#include <string>

namespace routescope {

namespace {

const JsonValue* findAny(const JsonValue& object, std::initializer_list<const char*> keys)
{
    for (const char* key : keys)
        if (const auto* value = object.find(key))
            return value;
    return nullptr;
}

std::string optionalText(const JsonValue* value, const char* what, const std::string& file)
{
    if (!value || value->type == JsonValue::Type::Null)
        return {};
    if (value->type != JsonValue::Type::String)
        throw ImportError(file, value->line, value->column, std::string(what) + " must be a string, not " + value->typeName());
    return value->text;
}

} // namespace

void importLongJsonl(ImportSession& session)
{
    const std::string& file = session.input.path();
    JsonReader json(session.input);
    if (json.atEnd())
        throw ImportError(file, 1, 0, "empty file");
    LongFormatSink sink(session);
    LongRecord record;
    while (!json.atEnd()) {
        const JsonValue object = json.readValue();
        json.expectLineEnd();
        if (object.type != JsonValue::Type::Object)
            throw ImportError(file, object.line, object.column, "each line must hold a JSON object, not " + object.typeName());
        auto required = [&](std::initializer_list<const char*> keys, const std::string& what) -> const JsonValue& {
            if (const auto* value = findAny(object, keys))
                return *value;
            throw ImportError(file, object.line, object.column, "record has no " + what + " key");
        };
        record.line = object.line;
        record.sampleId = idFromJson(required({"sample_id", "query_id", "id"}, "query id ('sample_id', 'query_id' or 'id')"),
                                     "query id", file);
        const JsonValue& model = required({"model"}, "'model'");
        if (model.type != JsonValue::Type::String || model.text.empty())
            throw ImportError(file, model.line, model.column, "model must be a non-empty string");
        record.model = model.text;
        record.modelColumn = model.column;
        record.outcome.score = measureFromJson(required({"score"}, "'score'"), "score", Range::Score, file);
        record.outcome.cost = measureFromJson(required({"cost"}, "'cost'"), "cost", Range::Cost, file);
        record.text = optionalText(findAny(object, {"prompt", "query", "question"}), "query text", file);
        record.task = optionalText(findAny(object, {"task", "eval_name"}), "task", file);
        const auto* inputTokens = object.find("input_tokens");
        record.outcome.inputTokens = inputTokens ? countFromJson(*inputTokens, "input_tokens", file) : std::nullopt;
        const auto* outputTokens = object.find("output_tokens");
        record.outcome.outputTokens = outputTokens ? countFromJson(*outputTokens, "output_tokens", file) : std::nullopt;
        const auto* latency = object.find("latency");
        record.outcome.latencySeconds =
            latency ? measureFromJson(*latency, "latency", Range::Latency, file) : std::nullopt;
        record.embedding.reset();
        if (const auto* embedding = object.find("embedding"); embedding && embedding->type != JsonValue::Type::Null) {
            record.embedding = embeddingFromJson(*embedding, file);
            record.embeddingLine = embedding->line;
            record.embeddingColumn = embedding->column;
        }
        sink.add(record);
        session.progress.row();
    }
}

} // namespace routescope
