#!/bin/sh
# A RouterBench-sized project with a saved experiment (36,497 queries, 11 models, split 70/30,
# 3 seeds, 5 routers), then how long reopening it takes to show the plots (bench_reopen, as the
# workbench's loadSaved job). Made once under bench/out/; rerunning reuses it.
#   bench/reopen_bench.sh [runs]
set -e
cd "$(dirname "$0")/.."
out=bench/out
mkdir -p "$out"
csv=$out/routerbench_36497_seed1.csv
db=$out/reopen.routescope
[ -f "$csv" ] || build/bin/routescope-cli generate --out "$csv" --queries 36497 --seed 1
if [ ! -f "$db" ]; then
    build/bin/routescope-cli import "$csv" --db "$db.tmp"
    build/bin/routescope-cli compare --db "$db.tmp" --dataset routerbench_36497_seed1 \
        --routers random,ridge,margin,knn,cascade --seeds 0,1,2 --bootstrap 0 --label reopen > /dev/null
    mv "$db.tmp" "$db"
fi
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
build/bin/bench_reopen --db "$db" --experiment reopen --runs "${1:-3}"
