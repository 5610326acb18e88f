#!/usr/bin/env bash
# Import of the RouterBench-sized CSV (36,497 queries x 11 models, 101.6 MB) against pandas
# read_csv + to_sql, interleaved run by run under the same load (issue 15 item 2):
#   bench/import_vs_pandas.sh [RUNS]   (after ./run.sh --build-only; the CSV is generated once into bench/out/)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
cli=build/bin/routescope-cli
out=bench/out/import_vs_pandas
csv=bench/out/routerbench_36497_seed1.csv
mkdir -p "$out"
[ -f "$csv" ] || { "$cli" generate --out "$csv.partial" --queries 36497 --seed 1 && mv "$csv.partial" "$csv"; }
echo "load at start: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
for run in $(seq 1 "$runs"); do
  db=$out/project.routescope
  rm -f "$db" "$db-wal" "$db-shm"
  start=$(date +%s.%N)
  "$cli" import "$csv" --db "$db" > /dev/null
  echo "RouteScope import run $run: $(echo "$(date +%s.%N) - $start" | bc) s (whole process; load $(cut -d' ' -f1 /proc/loadavg))"
  python3 bench/reference/run_reference.py --csv "$csv" --steps import --repeats 1 \
    --work "$out/reference" --out "$out/reference_run$run.json" > "$out/reference_run$run.log"
  python3 -c "import json,sys; r=json.load(open(sys.argv[1])); print('pandas read_csv + to_sql run $run:', round(r['steps']['import']['seconds'], 3), 's (timed function)')" "$out/reference_run$run.json" 2>/dev/null \
    || { echo "pandas run $run: see $out/reference_run$run.json"; }
done
echo "load at end: $(cut -d' ' -f1-3 /proc/loadavg)"
