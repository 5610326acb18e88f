#!/usr/bin/env bash
# What the project's feature cache saves: `compare --db` on a RouterBench-sized dataset (36,497
# synthetic queries x 11 models, no responses), three seeds, the ridge router, run twice on one
# project. The first run fits and transforms the text features and keeps them in the project;
# the second takes them from there. Also prints what the cache adds to the project file.
#   bench/feature_cache_bench.sh   (after ./run.sh --build-only)
set -euo pipefail
cd "$(dirname "$0")/.."

cli=${BUILD:-build}/bin/routescope-cli
out=bench/out
data=$out/feature_cache_36497.csv
project=$out/feature_cache.routescope
[ -x "$cli" ] || { echo "feature_cache_bench: $cli is missing; build first (./run.sh --build-only)" >&2; exit 1; }
mkdir -p "$out"
[ -f "$data" ] || "$cli" generate --out "$data" --queries 36497 --seed 2026 --no-responses >/dev/null
rm -f "$project" "$project-wal" "$project-shm"
"$cli" import "$data" --db "$project" --name routerbench_sized >/dev/null

command=("$cli" compare --db "$project" --dataset routerbench_sized --routers ridge --seeds 0,1,2)
for run in first second; do
  start=$(date +%s.%N)
  "${command[@]}" > "$out/feature_cache_$run.txt" 2> "$out/feature_cache_$run.log"
  end=$(date +%s.%N)
  echo "$run run: $(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }') s"
done
# The tables must agree in every metric; the last column, training seconds, is a timing.
metrics() { awk '{ $NF = ""; print }' "$1"; }
cmp -s <(metrics "$out/feature_cache_first.txt") <(metrics "$out/feature_cache_second.txt") &&
  echo "both runs printed the same metrics" ||
  { echo "feature_cache_bench: the two runs printed different metrics" >&2; exit 1; }
# What the cache holds (the saved experiments, which compare --db also writes, are not counted).
python3 - "$project" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
fits, state = db.execute("SELECT COUNT(*), SUM(length(state)) FROM featurizers").fetchone()
features = db.execute("SELECT SUM(length(data)) FROM feature_sets").fetchone()[0]
print(f"cache: {fits} fits, {state / 1e6:.1f} MB of fitted featurizers + {features / 1e6:.1f} MB of features"
      f" = {(state + features) / fits / 1e6:.1f} MB per fit")
PY
echo "command: ${command[*]} (twice); load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "build: $("$cli" --version)"
