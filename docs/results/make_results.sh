#!/usr/bin/env bash
# Runs the comparisons behind the README's Results section and keeps each one's full output
# (tables, intervals, paired tests) in docs/results/NAME.txt, headed by the command, the commit
# and the wall time. The real sets come from ../shared/data (see its README).
#   docs/results/make_results.sh              every run (about 110 minutes on 2 busy cores)
#   docs/results/make_results.sh arc_main     one run by name
set -euo pipefail
cd "$(dirname "$0")/../.."
cli=build/bin/routescope-cli
data=../shared/data
all="oracle,random,knn,ridge,mlp,mf,margin,svm,sw,contrastive,equirouter,cascade,cascade:error=0.1,cascade:error=0.2"
llm=(--train "$data/llmrouter/train.json" --test "$data/llmrouter/test.json" --prices "$data/llmrouter/llm_prices.json")
arc=(--train "$data/routerbench/arc_challenge_train.csv" --test "$data/routerbench/arc_challenge_test.csv")
# The EquiRouter ablation: one loss each (select=none: no validation choice of tie weight or length).
arc_ablation="ridge,equirouter:tie=none:select=none,equirouter:tie=top:tie_weight=0.03:select=none"
arc_ablation+=",equirouter:tie=all:tie_weight=0.03:select=none,equirouter:tie_weight=0,equirouter:tie_weight=0.03"
arc_ablation+=",equirouter:tie_weight=0.3,equirouter:tie_weight=1,equirouter:tie_norm=pooled"
arc_ablation+=",equirouter:rank_weight=0:tie=none,equirouter:decide=margin,equirouter"
llm_ablation="knn,equirouter:tie=none:select=none,equirouter:tie=top:tie_weight=0.03:select=none"
llm_ablation+=",equirouter:tie=top:tie_weight=0.3:select=none,equirouter:tie=all:tie_weight=0.03:select=none"
llm_ablation+=",equirouter:tie_norm=pooled:select=none,equirouter:rank_weight=0:tie=none:select=none"
llm_ablation+=",equirouter:tie=none:select=none:decide=margin"
declare -A runs=(
    [llm_main]="${llm[*]} --routers $all --seeds 0,1,2"
    [arc_main]="${arc[*]} --routers $all --seeds 0,1,2 --policy threshold,lambda"
    [sample_main]="--train sample_data/sample_routerbench.csv --routers $all --seeds 0,1,2"
    [arc_ablation]="${arc[*]} --routers $arc_ablation --seeds 0,1,2 --reference ridge"
    [llm_ablation]="${llm[*]} --routers $llm_ablation --seeds 0,1,2 --reference knn"
)
names=("$@")
[ ${#names[@]} -eq 0 ] && names=(llm_main arc_main sample_main arc_ablation llm_ablation)
for name in "${names[@]}"; do
    args=${runs[$name]:?"unknown run '$name' (one of: ${!runs[*]})"}
    out=docs/results/$name.txt
    start=$(date +%s)
    # The highest 1-minute load during the run, sampled every 10 s: the machine is shared.
    loads=$(mktemp)
    ( while true; do cut -d' ' -f1 /proc/loadavg >> "$loads"; sleep 10; done ) &
    sampler=$!
    # shellcheck disable=SC2086 # the arguments hold no spaces
    body=$("$cli" compare $args)
    kill "$sampler"
    peak=$(sort -g "$loads" | tail -1)
    rm -f "$loads"
    { echo "\$ $cli compare $args"
      echo "# commit $(git rev-parse --short HEAD), wall $(( $(date +%s) - start )) s, 1-minute load up to $peak"
      echo
      echo "$body"; } > "$out"
    echo "wrote $out"
done
