"""The cost-threshold budget policy (method.md section 2), vectorised over queries and budgets:
eligible models have C <= T, the highest P wins, ties go to the lower C, then the lower index;
with none eligible, the cheapest predicted model(s), best P first."""

import numpy as np


def threshold_grid(predicted_cost, max_budgets=100):
    """Up to max_budgets linearly interpolated quantiles of the distinct predicted costs, ascending."""
    distinct = np.unique(predicted_cost)
    if len(distinct) <= max_budgets:
        return distinct
    return np.quantile(distinct, np.linspace(0.0, 1.0, max_budgets))


def threshold_choices(quality, cost, budgets):
    """Chosen model per budget and query: budgets x queries."""
    # Rank each query's models best first (P down, C up, index up): the choice is the first eligible one.
    order = np.lexsort((cost, -quality), axis=1)
    ranked_cost = np.take_along_axis(cost, order, axis=1)
    eligible = ranked_cost[None, :, :] <= budgets[:, None, None]          # budgets x queries x models
    first = eligible.argmax(axis=2)
    cheapest_first = (ranked_cost == ranked_cost.min(axis=1, keepdims=True)).argmax(axis=1)
    first = np.where(eligible.any(axis=2), first, cheapest_first[None, :])
    return order[np.arange(len(order))[None, :], first]


def random_choices(cost, budgets, rng):
    """Uniform among the eligible models (the cheapest predicted ones when none is), per budget."""
    cheapest = cost == cost.min(axis=1, keepdims=True)
    choices = np.empty((len(budgets), len(cost)), dtype=np.int64)
    for b, budget in enumerate(budgets):
        eligible = cost <= budget
        eligible = np.where(eligible.any(axis=1, keepdims=True), eligible, cheapest)
        choices[b] = np.where(eligible, rng.random(cost.shape), -1.0).argmax(axis=1)
    return choices


def operating_points(choices, true_scores, true_costs):
    """Mean true cost and score of the chosen models at each budget: two arrays of length budgets."""
    rows = np.arange(true_scores.shape[0])[None, :]
    return true_costs[rows, choices].mean(axis=1), true_scores[rows, choices].mean(axis=1)
