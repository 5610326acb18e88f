#!/usr/bin/env bash
# The README's what-if example: gpt-4 at a tenth of its price, on the bundled sample and on
# RouterBench's ARC-Challenge (../shared/data/routerbench), without retraining. Trains kNN, ridge,
# the margin router, EquiRouter and the cascade once per dataset (seeds 0, 1, 2), saves the
# scenario beside each experiment, prints the numbers docs/whatif.md quotes and draws the ARC
# frontier under the scenario over the training prices (docs/images/whatif_arc_frontier.png).
# Then retrains the same routers on ARC (same seeds, same split) on a copy of the data whose gpt-4
# costs are a tenth, as "Retrain under this scenario" does in the workbench, and sets the stale
# routers (trained on the old prices) beside the retrained ones, both at the new prices.
#   docs/whatif_example.sh [PROJECT]      (after ./run.sh --build-only; PROJECT is kept if given)
set -euo pipefail
cd "$(dirname "$0")/.."
cli=build/bin/routescope-cli
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
project=${1:-$work/whatif.routescope}
# EquiRouter at its tie weight without validation (select=none, 0.03): one training run per seed, not five.
routers=knn,ridge,margin,equirouter:select=none,cascade
gpt4=gpt-4-1106-preview
arc=../shared/data/routerbench
if [ ! -f "$arc/arc_challenge_train.csv" ]; then
    echo "needs $arc/arc_challenge_{train,test}.csv" >&2
    exit 1
fi
# What the project already holds (a kept PROJECT is not trained again).
have=$("$cli" info --db "$project" 2>/dev/null || true)
if ! grep -q "^arc-test " <<< "$have"; then
    "$cli" import sample_data/sample_routerbench.csv --db "$project" --name sample
    "$cli" import "$arc/arc_challenge_train.csv" --db "$project" --name arc-train
    "$cli" import "$arc/arc_challenge_test.csv" --db "$project" --name arc-test
    "$cli" compare --db "$project" --dataset sample --routers $routers --seeds 0,1,2 --bootstrap 0 --label sample > /dev/null
    "$cli" compare --db "$project" --dataset arc-train --test-dataset arc-test --routers $routers --seeds 0,1,2 \
        --bootstrap 0 --label arc > /dev/null
fi
# The datasets at the scenario's prices: every gpt-4 cost a tenth (the wide CSV's MODEL|total_cost).
tenth() {
    python3 - "$1" "$2" "$gpt4|total_cost" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="")))
c = rows[0].index(sys.argv[3])
for r in rows[1:]:
    r[c] = repr(float(r[c]) * 0.1) if r[c] else r[c]
csv.writer(open(sys.argv[2], "w", newline="")).writerows(rows)
PY
}
if ! grep -q "^arc-test-tenth " <<< "$have"; then
    tenth "$arc/arc_challenge_train.csv" "$work/arc_train_tenth.csv"
    tenth "$arc/arc_challenge_test.csv" "$work/arc_test_tenth.csv"
    "$cli" import "$work/arc_train_tenth.csv" --db "$project" --name arc-train-tenth
    "$cli" import "$work/arc_test_tenth.csv" --db "$project" --name arc-test-tenth
    "$cli" compare --db "$project" --dataset arc-train-tenth --test-dataset arc-test-tenth --routers $routers \
        --seeds 0,1,2 --bootstrap 0 --label arc-retrained > /dev/null
fi
for experiment in sample arc; do
    "$cli" evaluate --db "$project" --experiment $experiment --bootstrap 0 --json "$work/base.json" > /dev/null
    if "$cli" evaluate --db "$project" --experiment $experiment --scenario "gpt-4 at a tenth" > /dev/null 2>&1; then
        scenario=(--scenario "gpt-4 at a tenth")
    else
        scenario=(--price-scale $gpt4=0.1 --save-scenario "gpt-4 at a tenth")
    fi
    "$cli" evaluate --db "$project" --experiment $experiment --bootstrap 0 "${scenario[@]}" --json "$work/cheap.json" > /dev/null
    echo '{"routers":[]}' > "$work/retrained.json"
    if [ $experiment = arc ]; then
        "$cli" evaluate --db "$project" --experiment arc-retrained --bootstrap 0 --json "$work/retrained.json" > /dev/null
    fi
    echo "== $experiment: training prices -> gpt-4 at a tenth of its price (no router retrained)"
    python3 - "$work/base.json" "$work/cheap.json" $gpt4 "$work/retrained.json" <<'PY'
import json, sys
base, cheap, gpt4 = json.load(open(sys.argv[1])), json.load(open(sys.argv[2])), sys.argv[3]
retrained = json.load(open(sys.argv[4]))
def rows(s): return {r["name"]: r for r in s["routers"]}
b, c = rows(base), rows(cheap)
print(f"best single: {base['best_single']['model']} -> {cheap['best_single']['model']}; "
      f"most expensive: {base['most_expensive_model']} -> {cheap['most_expensive_model']}")
def fmt(x, d=3): return "n/a" if x is None else f"{x:.{d}f}"
print(f"{'row':22} {'gpt-4 share':>16} {'RCI':>14} {'AUC':>14} {'QNC':>14} {'saving@0.95':>16}")
versus_b = {v["router"]: v for v in base["versus"]}
versus_c = {v["router"]: v for v in cheap["versus"]}
for name in list(b):
    if name.startswith("single:") or name == "random":
        continue
    rb, rc = b[name], c[name]
    sb = versus_b.get(name, {}).get("saving_at", {}).get("0.95")
    sc = versus_c.get(name, {}).get("saving_at", {}).get("0.95")
    print(f"{name:22} {fmt(rb['model_shares'][gpt4]):>7} -> {fmt(rc['model_shares'][gpt4]):6} "
          f"{fmt(rb['rci']):>5} -> {fmt(rc['rci']):5} {fmt(rb['auc']):>5} -> {fmt(rc['auc']):5} "
          f"{fmt(rb['qnc']):>5} -> {fmt(rc['qnc']):5} {fmt(sb):>6} -> {fmt(sc):6}")
print(f"reference router for the savings: {base['reference']} -> {cheap['reference']}")
r = rows(retrained)
if r:
    print("-- at the new prices: trained on the old prices (stale) -> retrained on the new ones")
    print(f"{'row':22} {'gpt-4 share':>16} {'RCI':>14} {'AUC':>14} {'QNC':>14} {'AIQ':>14}")
for name in list(c):
    if name.startswith("single:") or name in ("random", "oracle", "zero-router") or name not in r:
        continue
    rs, rr = c[name], r[name]
    print(f"{name:22} {fmt(rs['model_shares'][gpt4]):>7} -> {fmt(rr['model_shares'][gpt4]):6} "
          f"{fmt(rs['rci']):>5} -> {fmt(rr['rci']):5} {fmt(rs['auc']):>5} -> {fmt(rr['auc']):5} "
          f"{fmt(rs['qnc']):>5} -> {fmt(rr['qnc']):5} {fmt(rs['aiq']):>5} -> {fmt(rr['aiq']):5}")
PY
done
"$cli" plot frontier --db "$project" --experiment arc --scenario "gpt-4 at a tenth" --overlay-baseline \
    --size 3.5x2.6in --font-pt 8 --dpi 300 --out docs/images/whatif_arc_frontier.png
