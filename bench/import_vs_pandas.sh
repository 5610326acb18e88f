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
  # The reference pipeline's own import function (bench/reference/routerbench_sqlite.py), timed alone.
  /usr/bin/python3 -c "
import sys, time, pathlib
sys.path.insert(0, 'bench/reference')
from routerbench_sqlite import import_csv
db = pathlib.Path('$out/reference.sqlite'); db.unlink(missing_ok=True)
start = time.perf_counter(); import_csv('$csv', db)
print('pandas read_csv + to_sql run $run: %.3f s (timed function; load %s)' % (time.perf_counter() - start, open('/proc/loadavg').read().split()[0]))"
done
echo "load at end: $(cut -d' ' -f1-3 /proc/loadavg)"
