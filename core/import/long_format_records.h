#pragma once
// Long-format data (one record per (query, model)) from CSV rows or JSONL objects, added to
// the dataset by one rule set: queries and models appear in first-seen order, and a
// (query, model) pair may appear only once.

#include "import/import_session.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace routescope {

struct LongRecord {
    std::string sampleId;
    std::string model;
    std::string text;
    std::string task;
    OutcomeRecord outcome;
    std::optional<std::vector<float>> embedding;
    std::int64_t line = 0;         // where the record starts
    std::int64_t modelColumn = 0;  // where the model name sits, for duplicate-pair errors
    std::int64_t embeddingLine = 0;
    std::int64_t embeddingColumn = 0;
};

class LongFormatSink {
public:
    explicit LongFormatSink(ImportSession& session) : session_(session) {}
    void add(const LongRecord& record);
    std::int64_t records() const { return records_; }

private:
    ImportSession& session_;
    // Per query index: the line it first appears on, and a hash of its text to spot conflicts cheaply.
    std::vector<std::int64_t> firstLine_;
    std::vector<std::size_t> textHash_;
    std::int64_t records_ = 0;
    bool textConflictWarned_ = false;
};

} // namespace routescope
