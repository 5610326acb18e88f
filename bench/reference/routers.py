"""The learned routers of the comparison, each a predicted quality P[n,m] from query features
(method.md section 3): kNN, one MLP per model, ridge, per-model and per-task means, EquiRouter."""

import time
import warnings

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import Ridge
from sklearn.neighbors import NearestNeighbors
from sklearn.neural_network import MLPRegressor

import equirouter

MARGIN = 0.05  # ridge + margin: models within this of the row's best predicted quality count as best


def fit_knn(features, scores):
    return {"index": NearestNeighbors(n_neighbors=40, metric="cosine", algorithm="brute").fit(features),
            "scores": scores}


def predict_knn(knn, features):
    neighbours = knn["index"].kneighbors(features, return_distance=False)
    return knn["scores"][neighbours].mean(axis=1)


def fit_mlps(features, scores, epochs, seed):
    mlps = []
    with warnings.catch_warnings():
        # A fixed epoch count (the same as RouteScope's) ends before the tolerance test would.
        warnings.simplefilter("ignore", ConvergenceWarning)
        for m in range(scores.shape[1]):
            mlp = MLPRegressor(hidden_layer_sizes=(100,), activation="relu", solver="adam", max_iter=epochs,
                               early_stopping=False, random_state=seed + m)
            mlps.append(mlp.fit(features, scores[:, m]))
    return mlps


def predict_mlps(mlps, features):
    return np.column_stack([mlp.predict(features) for mlp in mlps])


def task_means(tasks, scores):
    return {t: scores[tasks == t].mean(axis=0) for t in sorted(set(tasks))}


def predict_task_means(means, fallback, tasks):
    return np.array([means.get(t, fallback) for t in tasks])


def within_margin_of_best(quality, margin=MARGIN):
    """Models within the margin of the row's best get the best P, so the cheaper-first tie break picks among them."""
    best = quality.max(axis=1, keepdims=True)
    return np.where(quality >= best - margin, best, quality)


def fit_learned(features, scores, costs, tasks, seed, mlp_epochs, tie, equirouter_epochs):
    """Fits every learned router; returns the fitted objects, seconds per router and EquiRouter's epoch losses."""
    fitted, seconds = {}, {}

    def timed(name, fit):
        start = time.perf_counter()
        fitted[name] = fit()
        seconds[name] = time.perf_counter() - start

    timed("model_mean", lambda: scores.mean(axis=0))
    timed("task_mean", lambda: task_means(tasks, scores))
    timed("ridge", lambda: Ridge(alpha=1.0).fit(features, scores))
    timed("knn", lambda: fit_knn(features, scores))
    timed("mlp", lambda: fit_mlps(features, scores, mlp_epochs, seed))
    timed("equirouter", lambda: equirouter.train_equirouter(features, scores, costs, seed, tie=tie,
                                                             epochs=equirouter_epochs))
    fitted["equirouter"], epoch_losses = fitted["equirouter"]
    return fitted, seconds, epoch_losses


def predict_learned(fitted, features, tasks):
    """Predicted quality of each learned router on the queries; returns P per router and seconds per router."""
    predictions, seconds = {}, {}

    def timed(name, predict):
        start = time.perf_counter()
        predictions[name] = predict()
        seconds[name] = time.perf_counter() - start

    rows = len(features)
    timed("model_mean", lambda: np.tile(fitted["model_mean"], (rows, 1)))
    timed("task_mean", lambda: predict_task_means(fitted["task_mean"], fitted["model_mean"], tasks))
    timed("ridge", lambda: fitted["ridge"].predict(features))
    timed("ridge_margin", lambda: within_margin_of_best(predictions["ridge"]))
    timed("knn", lambda: predict_knn(fitted["knn"], features))
    timed("mlp", lambda: predict_mlps(fitted["mlp"], features))
    timed("equirouter", lambda: equirouter.predict_equirouter(fitted["equirouter"], features))
    return predictions, seconds
