#include "import/long_format_records.h"
#include "util/number_text.h"

#include <functional>
#include <stdexcept>

namespace routescope {

void LongFormatSink::add(const LongRecord& record)
{
    auto& writer = session_.writer;
    const std::string& file = session_.input.path();
    std::int64_t query = 0;
    if (const auto known = writer.findQuery(record.sampleId)) {
        query = *known;
        if (!textConflictWarned_ && !record.text.empty()) {
            // Only the first record's text is kept; one warning is enough to flag inconsistent files.
            if (textHash_[static_cast<std::size_t>(query)] != std::hash<std::string>{}(record.text)) {
                session_.warnings.push_back("query " + quotedExcerpt(record.sampleId) + " has different texts on lines " +
                                            std::to_string(firstLine_[static_cast<std::size_t>(query)]) + " and " +
                                            std::to_string(record.line) + "; the first is kept");
                textConflictWarned_ = true;
            }
        }
    } else {
        query = writer.addQuery(record.sampleId, record.text, record.task);
        firstLine_.push_back(record.line);
        textHash_.push_back(std::hash<std::string>{}(record.text));
        if (record.embedding) {
            try {
                writer.setEmbedding(query, *record.embedding);
            } catch (const std::invalid_argument& e) {
                throw ImportError(file, record.embeddingLine, record.embeddingColumn, e.what());
            }
        }
    }
    const int model = writer.addModel(record.model);
    try {
        writer.addOutcome(query, model, record.outcome);
    } catch (const std::invalid_argument&) {
        throw ImportError(file, record.line, record.modelColumn,
                          "duplicate (query, model) pair (" + quotedExcerpt(record.sampleId) + ", " + quotedExcerpt(record.model) +
                              "); the query first appears on line " + std::to_string(firstLine_[static_cast<std::size_t>(query)]));
    }
    ++records_;
}

} // namespace routescope
