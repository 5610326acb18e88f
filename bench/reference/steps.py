"""The timed steps of the reference pipeline. Each runs in a process of its own (started by
run_reference.py) so that its peak RSS is its own: inputs are loaded from the work folder
untimed, the work is timed with perf_counter, outputs go back to the work folder."""

import json
import os
import pickle
import resource
import statistics
import time
from pathlib import Path

import numpy as np

import budget_sweep
import metrics
from routerbench_sqlite import import_csv, load_dataset

DB_NAME = "routerbench.sqlite"
FEATURES_NAME = "features.npy"
TRAINED_NAME = "trained.pkl"


def rss_mb():
    """Current resident set size (VmRSS) in MB."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KB


def timed_runs(repeats, work):
    """Runs work() repeats times; returns the seconds of each run and the last result."""
    seconds, result = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        result = work()
        seconds.append(time.perf_counter() - start)
    return seconds, result


def summary(seconds, baseline_mb, **extra):
    return {"seconds": statistics.median(seconds), "runs": seconds, "peak_mb": peak_rss_mb(),
            "baseline_mb": baseline_mb, "load_average_1min": os.getloadavg()[0], **extra}


def prompt_lengths(prompts):
    from featurize import prompt_text
    return np.array([len(prompt_text(p)) for p in prompts], dtype=np.float64)


def load_features(args, work, queries):
    path = Path(args.features) if args.features else work / FEATURES_NAME
    features = np.load(path)
    if features.ndim != 2 or features.shape[0] != queries:
        raise SystemExit(f"{path}: expected {queries} rows (one per query, file order), got shape {features.shape}")
    return features.astype(np.float32, copy=False)


def step_import(args, work):
    db = work / DB_NAME
    baseline = rss_mb()

    def once():
        db.unlink(missing_ok=True)
        return import_csv(args.csv, db)

    seconds, counts = timed_runs(args.repeats, once)
    return summary(seconds, baseline, **counts)


def step_featurize(args, work):
    from featurize import featurize, prompt_text
    prompts = load_dataset(work / DB_NAME)["prompts"]
    baseline = rss_mb()
    seconds, features = timed_runs(args.repeats, lambda: featurize(
        [prompt_text(p) for p in prompts], args.dimensions, args.seed, args.hash_bits))
    np.save(work / FEATURES_NAME, features)
    return summary(seconds, baseline, shape=list(features.shape))


def split_queries(complete, train_size, seed):
    """Seeded random split of the complete queries: (train rows, test rows), each ascending."""
    rows = np.random.default_rng(seed).permutation(np.flatnonzero(complete))
    if not 0 < train_size < len(rows):
        raise SystemExit(f"--train-size {train_size} needs more than that many complete queries ({len(rows)})")
    return np.sort(rows[:train_size]), np.sort(rows[train_size:])


def given_split(path, complete):
    """The split of a --split file: (train rows, test rows), each ascending, all of complete queries."""
    with open(path) as split_file:
        given = json.load(split_file)
    train, test = np.sort(np.array(given["train"], dtype=np.int64)), np.sort(np.array(given["test"], dtype=np.int64))
    rows = np.concatenate([train, test])
    if len(rows) == 0 or rows.min() < 0 or rows.max() >= len(complete) or not complete[rows].all() \
            or len(np.unique(rows)) != len(rows):
        raise SystemExit(f"{path}: the split must list distinct complete query rows")
    return train, test


def step_train(args, work):
    import torch
    from cost_model import CostModel
    from routers import fit_learned
    torch.set_num_threads(2)
    data = load_dataset(work / DB_NAME)
    features = load_features(args, work, len(data["prompts"]))
    lengths = prompt_lengths(data["prompts"])
    if args.split:
        train, test = given_split(args.split, data["complete"])
    else:
        train, test = split_queries(data["complete"], args.train_size, args.seed)
    baseline = rss_mb()

    def once():
        start = time.perf_counter()
        cost_model = CostModel().fit(data["tasks"][train], lengths[train], data["costs"][train])
        cost_seconds = time.perf_counter() - start
        fitted, seconds, epoch_losses = fit_learned(
            features[train], data["scores"][train], data["costs"][train], data["tasks"][train],
            args.seed, args.mlp_epochs, args.tie, args.equirouter_epochs)
        return cost_model, fitted, {"cost_model": cost_seconds, **seconds}, epoch_losses

    seconds, (cost_model, fitted, per_router, epoch_losses) = timed_runs(1, once)
    with open(work / TRAINED_NAME, "wb") as out:
        pickle.dump({"cost_model": cost_model, "fitted": fitted, "train": train, "test": test}, out)
    return summary(seconds, baseline, train_queries=len(train), test_queries=len(test), router_seconds=per_router,
                   equirouter_epoch_losses=epoch_losses)


ROUTERS = ["oracle", "random", "best_single", "model_mean", "task_mean", "ridge", "ridge_margin",
           "knn", "mlp", "equirouter"]


def sweep_all(predicted, cost, true_scores, true_costs, best_model, budgets, seed):
    """Choices (budgets x queries) of every router under the cost threshold."""
    grid = budget_sweep.threshold_grid(cost, budgets)
    choices = {"oracle": budget_sweep.threshold_choices(
        true_scores, true_costs, budget_sweep.threshold_grid(true_costs, budgets))}
    choices["random"] = budget_sweep.random_choices(cost, grid, np.random.default_rng(seed))
    choices["best_single"] = np.full((1, len(true_scores)), best_model)
    for name, quality in predicted.items():
        choices[name] = budget_sweep.threshold_choices(quality, cost, grid)
    return {name: choices[name] for name in ROUTERS}


def all_metrics(choices, true_scores, true_costs, best):
    points = {name: budget_sweep.operating_points(c, true_scores, true_costs) for name, c in choices.items()}
    # As RouteScope's evaluation: the interval spans every router's points and every single model.
    singles = true_costs.mean(axis=0)
    interval = (min(min(p[0].min() for p in points.values()), singles.min()),
                max(max(p[0].max() for p in points.values()), singles.max()))
    return {name: metrics.router_metrics(points[name][0], points[name][1], choices[name],
                                         true_scores, true_costs, interval, best)
            for name in choices}, interval


def step_sweep(args, work):
    import torch
    from routers import predict_learned
    torch.set_num_threads(2)
    data = load_dataset(work / DB_NAME)
    features = load_features(args, work, len(data["prompts"]))
    lengths = prompt_lengths(data["prompts"])
    with open(work / TRAINED_NAME, "rb") as trained_file:
        trained = pickle.load(trained_file)
    test = trained["test"]
    true_scores, true_costs = data["scores"][test], data["costs"][test]
    single_quality, single_cost = true_scores.mean(axis=0), true_costs.mean(axis=0)
    # The best single model: highest mean test score, ties to the lower mean cost.
    best_model = int(np.lexsort((single_cost, -single_quality))[0])
    best = (best_model, float(single_cost[best_model]), float(single_quality[best_model]))
    baseline = rss_mb()
    parts = {"inference": [], "sweep": [], "metrics": []}
    inference_runs = []

    def once():
        start = time.perf_counter()
        cost = trained["cost_model"].predict(data["tasks"][test], lengths[test])
        predicted, per_router = predict_learned(trained["fitted"], features[test], data["tasks"][test])
        inference_runs.append(per_router)
        inferred = time.perf_counter()
        choices = sweep_all(predicted, cost, true_scores, true_costs, best_model, args.budgets, args.seed)
        swept = time.perf_counter()
        result = all_metrics(choices, true_scores, true_costs, best)
        parts["inference"].append(inferred - start)
        parts["sweep"].append(swept - inferred)
        parts["metrics"].append(time.perf_counter() - swept)
        return result

    seconds, (router_metrics, interval) = timed_runs(args.repeats, once)
    singles = {name: {"cost": float(c), "quality": float(q)}
               for name, c, q in zip(data["models"], single_cost, single_quality)}
    return summary(seconds, baseline, **{f"{k}_seconds": statistics.median(v) for k, v in parts.items()},
                   router_inference_seconds={name: statistics.median(run[name] for run in inference_runs)
                                             for name in inference_runs[0]},
                   test_queries=len(test), best_single=data["models"][best_model], cost_interval=list(interval),
                   single_models=singles, metrics=router_metrics)


STEPS = {"import": step_import, "featurize": step_featurize, "train": step_train, "sweep": step_sweep}
