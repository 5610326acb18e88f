"""Predicted cost C[n,m] (the same model as RouteScope's CostModel): per model m and task t,
C = alpha[t,m] + beta[m] * prompt length, beta the within-task least-squares slope floored at 0,
alpha the task's mean cost minus beta times its mean length; unknown tasks use the pooled intercept."""

import numpy as np


class CostModel:
    def fit(self, tasks, lengths, costs):
        lengths = np.asarray(lengths, dtype=np.float64)
        self.tasks = sorted(set(tasks))
        centred_x = np.empty_like(lengths)
        centred_y = np.empty_like(costs)
        means = {}
        for task in self.tasks:
            rows = tasks == task
            mean_x = lengths[rows].mean()
            mean_y = costs[rows].mean(axis=0)
            means[task] = (mean_x, mean_y)
            centred_x[rows] = lengths[rows] - mean_x
            centred_y[rows] = costs[rows] - mean_y
        denominator = float(centred_x @ centred_x)
        slope = centred_x @ centred_y / denominator if denominator > 0 else np.zeros(costs.shape[1])
        self.slope = np.maximum(slope, 0.0)
        self.task_intercept = {t: mean_y - self.slope * mean_x for t, (mean_x, mean_y) in means.items()}
        self.pooled_intercept = costs.mean(axis=0) - self.slope * lengths.mean()
        return self

    def predict(self, tasks, lengths):
        lengths = np.asarray(lengths, dtype=np.float64)
        intercepts = np.array([self.task_intercept.get(t, self.pooled_intercept) for t in tasks])
        return np.maximum(intercepts + lengths[:, None] * self.slope[None, :], 0.0)
