#pragma once
// Training's two listings of a dataset's queries, which the covering index queries_by_dataset
// (schema.h) serves alone, no page of the prompts' text read: ProjectStore::loadOutcomes without
// the text, and ProjectStore::loadPromptBytes. test_project_store asks SQLite's plan for them.

namespace routescope::query_listings {

inline constexpr const char* kWithoutText =
    "SELECT position, complete, sample_id, task FROM queries WHERE dataset_id = ? ORDER BY position";
inline constexpr const char* kPromptBytes =
    "SELECT prompt_bytes, position FROM queries WHERE dataset_id = ? AND complete ORDER BY position";

} // namespace routescope::query_listings
