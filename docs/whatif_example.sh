#!/usr/bin/env bash
# The README's what-if example: gpt-4 at a tenth of its price, on the bundled sample and on
# RouterBench's ARC-Challenge (../shared/data/routerbench), without retraining. Trains kNN, ridge,
# the margin router, EquiRouter and the cascade once per dataset (seeds 0, 1, 2), saves the
# scenario beside each experiment, prints the numbers the README quotes and draws the ARC frontier
# under the scenario over the training prices (docs/images/whatif_arc_frontier.png).
#   docs/whatif_example.sh [PROJECT]      (after ./run.sh --build-only; PROJECT is kept if given)
set -euo pipefail
cd "$(dirname "$0")/.."
cli=build/bin/routescope-cli
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
project=${1:-$work/whatif.routescope}
routers=knn,ridge,margin,equirouter,cascade
gpt4=gpt-4-1106-preview
arc=../shared/data/routerbench
if [ ! -f "$arc/arc_challenge_train.csv" ]; then
    echo "needs $arc/arc_challenge_{train,test}.csv" >&2
    exit 1
fi
if ! "$cli" info --db "$project" 2>/dev/null | grep -q "arc-test"; then
    "$cli" import sample_data/sample_routerbench.csv --db "$project" --name sample
    "$cli" import "$arc/arc_challenge_train.csv" --db "$project" --name arc-train
    "$cli" import "$arc/arc_challenge_test.csv" --db "$project" --name arc-test
    "$cli" compare --db "$project" --dataset sample --routers $routers --seeds 0,1,2 --bootstrap 0 --label sample > /dev/null
    "$cli" compare --db "$project" --dataset arc-train --test-dataset arc-test --routers $routers --seeds 0,1,2 \
        --bootstrap 0 --label arc > /dev/null
fi
for experiment in sample arc; do
    "$cli" evaluate --db "$project" --experiment $experiment --bootstrap 0 --json "$work/base.json" > /dev/null
    if "$cli" evaluate --db "$project" --experiment $experiment --scenario "gpt-4 at a tenth" > /dev/null 2>&1; then
        scenario=(--scenario "gpt-4 at a tenth")
    else
        scenario=(--price-scale $gpt4=0.1 --save-scenario "gpt-4 at a tenth")
    fi
    "$cli" evaluate --db "$project" --experiment $experiment --bootstrap 0 "${scenario[@]}" --json "$work/cheap.json" > /dev/null
    echo "== $experiment: training prices -> gpt-4 at a tenth of its price (no router retrained)"
    python3 - "$work/base.json" "$work/cheap.json" $gpt4 <<'PY'
import json, sys
base, cheap, gpt4 = json.load(open(sys.argv[1])), json.load(open(sys.argv[2])), sys.argv[3]
def rows(s): return {r["name"]: r for r in s["routers"]}
b, c = rows(base), rows(cheap)
print(f"best single: {base['best_single']['model']} -> {cheap['best_single']['model']}; "
      f"most expensive: {base['most_expensive_model']} -> {cheap['most_expensive_model']}")
def fmt(x, d=3): return "n/a" if x is None else f"{x:.{d}f}"
print(f"{'row':12} {'gpt-4 share':>16} {'RCI':>14} {'AUC':>14} {'QNC':>14} {'saving@0.95':>16}")
versus_b = {v["router"]: v for v in base["versus"]}
versus_c = {v["router"]: v for v in cheap["versus"]}
for name in list(b):
    if name.startswith("single:") or name == "random":
        continue
    rb, rc = b[name], c[name]
    sb = versus_b.get(name, {}).get("saving_at", {}).get("0.95")
    sc = versus_c.get(name, {}).get("saving_at", {}).get("0.95")
    print(f"{name:12} {fmt(rb['model_shares'][gpt4]):>7} -> {fmt(rc['model_shares'][gpt4]):6} "
          f"{fmt(rb['rci']):>5} -> {fmt(rc['rci']):5} {fmt(rb['auc']):>5} -> {fmt(rc['auc']):5} "
          f"{fmt(rb['qnc']):>5} -> {fmt(rc['qnc']):5} {fmt(sb):>6} -> {fmt(sc):6}")
print(f"reference router for the savings: {base['reference']} -> {cheap['reference']}")
PY
done
"$cli" plot frontier --db "$project" --experiment arc --scenario "gpt-4 at a tenth" --overlay-baseline \
    --size 3.5x2.6in --font-pt 8 --dpi 300 --out docs/images/whatif_arc_frontier.png
