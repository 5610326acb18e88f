#!/usr/bin/env python3
"""Prints the figures sample_data/README.md quotes about a RouterBench-style wide CSV
(standard library only):  python3 sample_data/describe_sample.py [FILE.csv]"""
import ast
import collections
import csv
import statistics
import sys

path = sys.argv[1] if len(sys.argv) > 1 else "sample_data/sample_routerbench.csv"
rows = list(csv.DictReader(open(path, newline="", encoding="utf-8")))
fixed = {"", "sample_id", "prompt", "eval_name", "oracle_model_to_route_to"}
models = [k for k in rows[0] if "|" not in k and k not in fixed]
score = lambda r, m: float(r[m])
cost = lambda r, m: float(r[m + "|total_cost"])
n = len(rows)
short = lambda m: m.split("/")[-1]


def oracle_pick(r):
    return max(models, key=lambda m: (score(r, m), -cost(r, m)))


def prompt_tokens(r):
    # As the generator counts them: a token per 4 UTF-8 bytes of the prompt text, rounded up.
    parts = ast.literal_eval(r["prompt"])
    text = "".join(parts) if isinstance(parts, list) else str(parts)
    return (len(text.encode()) + 3) // 4


print(f"{path}: {n} queries, {len(models)} models")
print("\ntask families: queries, prompt tokens median (min-max), best open model")
open_models = [m for m in models if not any(s in m for s in ("gpt-", "claude"))]
for task, count in collections.Counter(r["eval_name"] for r in rows).most_common():
    tr = [r for r in rows if r["eval_name"] == task]
    tokens = [prompt_tokens(r) for r in tr]
    best_open = max(open_models, key=lambda m: sum(score(r, m) for r in tr))
    print(f"  {task}: {count}, {int(statistics.median(tokens))} ({min(tokens)}-{max(tokens)}), {short(best_open)}")

ties = sum(1 for r in rows if sum(score(r, m) == max(score(r, x) for x in models) for m in models) >= 2)
print(f"\ntop-score ties: {100 * ties / n:.1f} % of queries")
means = sorted(((sum(score(r, m) for r in rows) / n, m) for m in models), reverse=True)
best = means[0][1]
solved = [r for r in rows if score(r, best) == max(score(r, m) for m in models) and score(r, best) > 0]
shared = sum(1 for r in solved if any(score(r, m) == score(r, best) for m in models if m != best))
print(f"of the queries {short(best)} scores best on, also best by another model: {100 * shared / len(solved):.1f} %")
print("single models by mean score: " + ", ".join(f"{short(m)} {q:.3f}" for q, m in means[:3]))
print(f"{short(best)}: ${sum(cost(r, best) for r in rows) / n:.5f} per query")
picks = collections.Counter(oracle_pick(r) for r in rows)
oq = sum(score(r, oracle_pick(r)) for r in rows) / n
oc = sum(cost(r, oracle_pick(r)) for r in rows) / n
print(f"oracle: quality {oq:.3f} at ${oc:.5f} per query; picks " +
      ", ".join(f"{short(m)} {100 * c / n:.1f} %" for m, c in picks.most_common()))
for task in sorted({r["eval_name"] for r in rows}):
    tr = [r for r in rows if r["eval_name"] == task]
    top = collections.Counter(oracle_pick(r) for r in tr).most_common(1)[0]
    print(f"  oracle's most frequent pick on {task}: {short(top[0])} ({100 * top[1] / len(tr):.0f} %)")

# Topics (generator-internal): a family's common word i belongs to topic i % 4 (core/synthetic/
# task_families.h); a prompt's topic is the one whose words it holds most often. The word lists
# are read from the generator's source, so this part only runs beside it.
import os
import re
source = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "core", "synthetic", "task_families.cpp")
if os.path.exists(source):
    code = open(source, encoding="utf-8").read()
    common = {}
    for var, name in re.findall(r'(\w+)\.evalName = "([^"]+)";', code):
        words = re.search(var + r"\.common = \{(.*?)\};", code, re.S)
        common[name] = re.findall(r'"([^"]*)"', words.group(1))

    def topic(r):
        hits = [0] * 4
        for i, w in enumerate(common.get(r["eval_name"], [])):
            hits[i % 4] += len(re.findall(r"(?<![A-Za-z])" + re.escape(w) + r"(?![A-Za-z])", r["prompt"]))
        return max(range(4), key=lambda t: hits[t]) if max(hits) else -1

    cells = collections.defaultdict(list)
    for r in rows:
        cells[(r["eval_name"], topic(r))].append(r)
    known = {k: v for k, v in cells.items() if k[1] >= 0}
    ahead = per_cell = 0
    for rs in known.values():
        means = {m: sum(score(r, m) for r in rs) / len(rs) for m in models}
        top = max(means, key=means.get)
        ahead += top != best
        per_cell += len(rs) * means[top]
    placed = sum(len(v) for v in known.values())
    print(f"\ntopics: {placed} of {n} prompts placed; in {ahead} of {len(known)} (family, topic) cells a model "
          f"beats {short(best)}; each cell's best model: mean score {per_cell / placed:.3f} (in-sample)")
