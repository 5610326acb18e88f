"""Step 1: RouterBench's wide CSV into a normalised SQLite file with pandas, and back as matrices."""

import sqlite3

import numpy as np
import pandas as pd

COST_SUFFIX = "|total_cost"

SCHEMA = """
CREATE TABLE models (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);
CREATE TABLE queries (
    id INTEGER PRIMARY KEY,
    sample_id TEXT NOT NULL,
    prompt TEXT NOT NULL,
    task TEXT NOT NULL,
    complete INTEGER NOT NULL
);
CREATE TABLE outcomes (
    query_id INTEGER NOT NULL REFERENCES queries(id),
    model_id INTEGER NOT NULL REFERENCES models(id),
    score REAL NOT NULL,
    cost REAL NOT NULL,
    PRIMARY KEY (query_id, model_id)
) WITHOUT ROWID;
"""


class _OneTransaction(sqlite3.Connection):
    """pandas commits after every to_sql call; this connection commits only in finish()."""

    def commit(self):
        pass

    def finish(self):
        super().commit()


def model_names(columns):
    """The models are the columns that have a `<model>|total_cost` partner, in that order."""
    return [c[: -len(COST_SUFFIX)] for c in columns if c.endswith(COST_SUFFIX)]


def read_wide_csv(csv_path):
    """The wide frame as pandas reads it, and the long outcomes (query, model, score, cost)."""
    frame = pd.read_csv(csv_path, dtype={"sample_id": str, "prompt": str, "eval_name": str},
                        keep_default_na=False, na_values=[""])
    models = model_names(frame.columns)
    absent = [m for m in models if m not in frame.columns]
    if not models or absent:
        raise ValueError(f"{csv_path}: score columns missing for models {absent or 'all'}")

    query_ids = np.arange(len(frame))
    scores = frame[models].apply(pd.to_numeric, errors="raise")
    costs = frame[[m + COST_SUFFIX for m in models]].set_axis(models, axis=1)
    # Both melts walk the same model-major order, so their rows line up one to one.
    long_scores = scores.assign(query_id=query_ids).melt(id_vars="query_id", var_name="model", value_name="score")
    long_costs = costs.assign(query_id=query_ids).melt(id_vars="query_id", var_name="model", value_name="cost")
    outcomes = long_scores.assign(cost=long_costs["cost"].to_numpy())
    outcomes["model_id"] = pd.Categorical(outcomes["model"], categories=models).codes

    complete = outcomes[["score", "cost"]].notna().all(axis=1)
    incomplete_queries = np.unique(outcomes.loc[~complete, "query_id"])
    outcomes = outcomes.loc[complete, ["query_id", "model_id", "score", "cost"]]
    outcomes = outcomes.sort_values(["query_id", "model_id"], kind="stable")

    queries = pd.DataFrame({
        "id": query_ids,
        "sample_id": frame["sample_id"],
        "prompt": frame["prompt"].fillna(""),
        "task": frame["eval_name"],
        "complete": np.isin(query_ids, incomplete_queries, invert=True).astype(np.int64),
    })
    return models, queries, outcomes


def import_csv(csv_path, db_path):
    """Reads the CSV and writes a fresh SQLite file in one transaction; returns a small summary."""
    models, queries, outcomes = read_wide_csv(csv_path)
    con = sqlite3.connect(db_path, factory=_OneTransaction)
    try:
        con.execute("BEGIN")
        # executescript() would commit first, so the tables are created one statement at a time.
        for statement in SCHEMA.split(";"):
            if statement.strip():
                con.execute(statement)
        pd.DataFrame({"id": np.arange(len(models)), "name": models}).to_sql(
            "models", con, if_exists="append", index=False)
        queries.to_sql("queries", con, if_exists="append", index=False)
        outcomes.to_sql("outcomes", con, if_exists="append", index=False)
        con.finish()
    finally:
        con.close()
    return {"queries": len(queries), "models": len(models), "outcomes": len(outcomes),
            "incomplete_queries": int((queries["complete"] == 0).sum())}


def load_dataset(db_path):
    """Everything later steps need, as arrays: rows = queries (by id), columns = models."""
    con = sqlite3.connect(db_path)
    try:
        models = pd.read_sql_query("SELECT id, name FROM models ORDER BY id", con)
        queries = pd.read_sql_query("SELECT id, prompt, task, complete FROM queries ORDER BY id", con)
        outcomes = pd.read_sql_query("SELECT query_id, model_id, score, cost FROM outcomes", con)
    finally:
        con.close()
    shape = (len(queries), len(models))
    scores = np.full(shape, np.nan)
    costs = np.full(shape, np.nan)
    rows = outcomes["query_id"].to_numpy()
    cols = outcomes["model_id"].to_numpy()
    scores[rows, cols] = outcomes["score"].to_numpy()
    costs[rows, cols] = outcomes["cost"].to_numpy()
    return {
        "models": models["name"].tolist(),
        "prompts": queries["prompt"].tolist(),
        "tasks": queries["task"].to_numpy(dtype=object),
        "complete": queries["complete"].to_numpy() == 1,
        "scores": scores,
        "costs": costs,
    }
