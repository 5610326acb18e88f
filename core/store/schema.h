#pragma once
// The project schema, one SQL script per version step: kMigrations[v] takes a project from
// user_version v to v + 1.

#include <array>
#include <cstdint>
#include <string_view>

namespace routescope::schema {

// PRAGMA application_id of every project ("RScp"), so RouteScope knows its own files from other
// programs' SQLite databases. Projects of builds before it have 0 and are marked on their next write.
inline constexpr std::int32_t kApplicationId = 0x52536370;

// Tables every project has had since schema 1: with its outcome table, how an unmarked file is
// known for an older project and a marked one for whole.
inline constexpr std::array<std::string_view, 5> kCoreTables = {"datasets", "models", "queries", "experiment_runs",
                                                                "routers"};

// The schema from which experiments keep what-if scenarios (tables scenarios, scenario_models).
inline constexpr std::int64_t kScenariosVersion = 4;
// The schema from which outcomes are column blobs in model_outcomes rather than rows of outcomes.
inline constexpr std::int64_t kOutcomeColumnsVersion = 5;
// The schema from which each query keeps its prompt's length in bytes (queries.prompt_bytes).
inline constexpr std::int64_t kPromptBytesVersion = 6;
inline constexpr std::string_view outcomeTable(std::int64_t version)
{
    return version >= kOutcomeColumnsVersion ? "model_outcomes" : "outcomes";
}

inline constexpr std::array<std::string_view, 6> kMigrations = {
    // 0 -> 1: datasets, their models, queries and outcomes; room for features, routers, results.
    R"sql(
CREATE TABLE datasets (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    format TEXT NOT NULL,
    source TEXT NOT NULL,
    imported_at TEXT NOT NULL DEFAULT (datetime('now')),
    incomplete_rows INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE models (
    id INTEGER PRIMARY KEY,
    dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    input_price REAL,
    output_price REAL,
    UNIQUE (dataset_id, name)
);
CREATE TABLE queries (
    id INTEGER PRIMARY KEY,
    dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    sample_id TEXT NOT NULL,
    text TEXT NOT NULL,
    task TEXT NOT NULL,
    complete INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE outcomes (
    query_id INTEGER NOT NULL REFERENCES queries(id) ON DELETE CASCADE,
    model_id INTEGER NOT NULL REFERENCES models(id) ON DELETE CASCADE,
    score REAL,
    cost REAL,
    input_tokens INTEGER,
    output_tokens INTEGER,
    latency REAL,
    PRIMARY KEY (query_id, model_id)
) WITHOUT ROWID;
CREATE TABLE query_embeddings (
    query_id INTEGER PRIMARY KEY REFERENCES queries(id) ON DELETE CASCADE,
    vector BLOB NOT NULL
);
CREATE TABLE feature_sets (
    id INTEGER PRIMARY KEY,
    dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
    featurizer TEXT NOT NULL,
    settings TEXT NOT NULL,
    rows INTEGER NOT NULL,
    cols INTEGER NOT NULL,
    data BLOB NOT NULL,
    created_at TEXT NOT NULL DEFAULT (datetime('now')),
    UNIQUE (dataset_id, featurizer, settings)
);
-- One seed of an experiment: its test rows, the shared cost prediction, the featurizer and
-- cost model (pipeline), so results reopen without retraining. Seeds of one experiment share a label.
CREATE TABLE experiment_runs (
    id INTEGER PRIMARY KEY,
    label TEXT NOT NULL,
    train_dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
    test_dataset_id INTEGER REFERENCES datasets(id) ON DELETE CASCADE,
    seed INTEGER NOT NULL,
    spec TEXT NOT NULL,
    format_version INTEGER NOT NULL,
    test_rows BLOB NOT NULL,
    predicted_cost BLOB NOT NULL,
    pipeline BLOB NOT NULL,
    created_at TEXT NOT NULL DEFAULT (datetime('now')),
    UNIQUE (label, seed)
);
CREATE TABLE routers (
    id INTEGER PRIMARY KEY,
    run_id INTEGER NOT NULL REFERENCES experiment_runs(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    settings TEXT NOT NULL,
    train_seconds REAL NOT NULL,
    predicted_quality BLOB NOT NULL,
    model BLOB NOT NULL
);
)sql",
    // 1 -> 2: fitted text featurizers, keyed by the dataset, settings (seed included) and rows they
    // were fitted on, each with the features it gives every dataset it featurized. Replaces
    // feature_sets of v1, which no build wrote.
    R"sql(
DROP TABLE feature_sets;
CREATE TABLE featurizers (
    id INTEGER PRIMARY KEY,
    dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
    settings TEXT NOT NULL,
    training_rows TEXT NOT NULL,
    state BLOB NOT NULL,
    created_at TEXT NOT NULL DEFAULT (datetime('now')),
    UNIQUE (dataset_id, settings, training_rows)
);
CREATE TABLE feature_sets (
    featurizer_id INTEGER NOT NULL REFERENCES featurizers(id) ON DELETE CASCADE,
    dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
    rows INTEGER NOT NULL,
    cols INTEGER NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (featurizer_id, dataset_id)
);
)sql",
    // 2 -> 3: why a run's result may mean little (one per line), shown again when it is reopened.
    R"sql(
ALTER TABLE experiment_runs ADD COLUMN warnings TEXT NOT NULL DEFAULT '';
)sql",
    // 3 -> 4: what-if scenarios. Each run keeps its training rows (the cost model is fitted again
    // on them under new prices; NULL in runs saved before), and an experiment keeps named
    // scenarios: per model a factor on its costs or new prices per 1M tokens, and whether it is
    // in the pool (a row only for models the scenario changes). Scenarios go with their experiment.
    R"sql(
ALTER TABLE experiment_runs ADD COLUMN train_rows BLOB;
CREATE TABLE scenarios (
    id INTEGER PRIMARY KEY,
    experiment TEXT NOT NULL,
    name TEXT NOT NULL,
    created_at TEXT NOT NULL DEFAULT (datetime('now')),
    UNIQUE (experiment, name)
);
CREATE TABLE scenario_models (
    scenario_id INTEGER NOT NULL REFERENCES scenarios(id) ON DELETE CASCADE,
    model TEXT NOT NULL,
    price_factor REAL,
    input_price REAL,
    output_price REAL,
    in_pool INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (scenario_id, model)
) WITHOUT ROWID;
CREATE TRIGGER scenarios_follow_experiment AFTER DELETE ON experiment_runs
WHEN NOT EXISTS (SELECT 1 FROM experiment_runs WHERE label = old.label)
BEGIN
    DELETE FROM scenarios WHERE experiment = old.label;
END;
)sql",
    // 4 -> 5: a dataset's outcomes as a row per model holding one blob per measure (a float64 per
    // query, in query position order, NaN where missing; store/outcome_columns.h) instead of a row
    // per query and model, so import and loading move a few large values. The migration builds
    // the blobs with routescope_outcome_column, registered on every project connection.
    R"sql(
CREATE TABLE model_outcomes (
    model_id INTEGER PRIMARY KEY REFERENCES models(id) ON DELETE CASCADE,
    scores BLOB,
    costs BLOB,
    input_tokens BLOB,
    output_tokens BLOB,
    latencies BLOB
);
INSERT INTO model_outcomes (model_id, scores, costs, input_tokens, output_tokens, latencies)
SELECT m.id, routescope_outcome_column(q.position, o.score), routescope_outcome_column(q.position, o.cost),
       routescope_outcome_column(q.position, o.input_tokens), routescope_outcome_column(q.position, o.output_tokens),
       routescope_outcome_column(q.position, o.latency)
FROM models m
LEFT JOIN queries q ON q.dataset_id = m.dataset_id
LEFT JOIN outcomes o ON o.query_id = q.id AND o.model_id = m.id
GROUP BY m.id;
DROP TABLE outcomes;
-- Covering: listing a dataset's queries reads no prompt text, which sits before task in the row.
DROP INDEX IF EXISTS queries_by_dataset;
CREATE INDEX queries_by_dataset ON queries (dataset_id, position, complete, sample_id, task);
)sql",
    // 5 -> 6: each prompt's length in bytes, also in the covering index. Training needs the
    // lengths (the cost model) but not the text when its features are cached, and reading a length
    // from the table walks the pages of the text before it (issue 15 item 2).
    R"sql(
ALTER TABLE queries ADD COLUMN prompt_bytes INTEGER NOT NULL DEFAULT 0;
UPDATE queries SET prompt_bytes = length(CAST(text AS BLOB));
DROP INDEX IF EXISTS queries_by_dataset;
CREATE INDEX queries_by_dataset ON queries (dataset_id, position, complete, sample_id, task, prompt_bytes);
)sql",
};

} // namespace routescope::schema
