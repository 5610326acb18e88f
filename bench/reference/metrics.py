"""Quality-cost metrics of a sweep (method.md section 5), with RouteScope's conventions: a front is
linear between its points, flat right of the last one and 0 left of the first one; reaching a
quality is stepwise (the first front point that reaches it, 1e-12 relative tolerance)."""

import numpy as np


def pareto_front(costs, qualities):
    """Points sorted by cost that beat every cheaper point's quality: two arrays."""
    order = np.lexsort((-np.asarray(qualities), np.asarray(costs)))
    front_c, front_q = [], []
    for c, q in zip(np.asarray(costs)[order], np.asarray(qualities)[order]):
        if not front_q or q > front_q[-1]:
            front_c.append(c)
            front_q.append(q)
    return np.array(front_c), np.array(front_q)


def area_under_front(front_c, front_q, lo, hi):
    """Mean quality of the front over [lo, hi] (area / width)."""
    def quality_at(cost):
        return 0.0 if cost < front_c[0] else float(np.interp(cost, front_c, front_q))

    if not hi > lo:
        return quality_at(lo)
    # Linear between the front's points (np.interp is flat past the last one), so trapezoids on
    # breaks at every point; a piece left of the first point (quality 0 there) adds nothing.
    breaks = np.unique(np.concatenate([[lo, hi], front_c[(front_c > lo) & (front_c < hi)]]))
    area = sum((x1 - x0) * (quality_at(x0) + quality_at(x1)) / 2
               for x0, x1 in zip(breaks[:-1], breaks[1:]) if x0 >= front_c[0])
    return area / (hi - lo)


def reaches(quality, target):
    return quality >= target - 1e-12 * max(1.0, abs(target))


def cost_to_reach(front_c, front_q, target):
    hits = [c for c, q in zip(front_c, front_q) if reaches(q, target)]
    return hits[0] if hits else None


def collapse_index(true_scores, choices, dearest):
    """RCI: share of queries where the choice is not a top-score model, or is the dearest model
    (highest mean true cost) although a cheaper model shares the top score."""
    rows = np.arange(len(true_scores))
    top = true_scores.max(axis=1)
    chosen_top = true_scores[rows, choices] == top
    others_top = np.delete(true_scores, dearest, axis=1).max(axis=1) == top
    collapsed = ~chosen_top | ((choices == dearest) & others_top)
    return float(collapsed.mean())


def router_metrics(costs, qualities, choices, true_scores, true_costs, interval, best):
    """Metrics of one router's sweep; best = (index, mean cost, mean quality) of the best single model."""
    front_c, front_q = pareto_front(costs, qualities)
    _, best_cost, best_quality = best
    dearest = int(true_costs.mean(axis=0).argmax())
    last = choices[-1]

    def qnc(fraction):
        reached = cost_to_reach(front_c, front_q, fraction * best_quality)
        return None if reached is None or best_cost <= 0 else reached / best_cost

    return {
        "auc": area_under_front(front_c, front_q, *interval),
        "peak": float(front_q.max()),
        "qnc": qnc(1.0),
        "qnc@0.95": qnc(0.95),
        "qnc@0.9": qnc(0.9),
        "rci_at_largest_budget": collapse_index(true_scores, last, dearest),
        # The most expensive model's share, as RouteScope's evaluation reports it.
        "top_model_share_at_largest_budget": float((last == dearest).mean()),
        "front": [[float(c), float(q)] for c, q in zip(front_c, front_q)],
        "points": [[float(c), float(q)] for c, q in zip(costs, qualities)],
    }
