#!/usr/bin/env bash
# RouteScope against the Python reference (pandas, scikit-learn, PyTorch) on one RouterBench-sized
# file, step by step, in one go, and docs/performance.md written from the measurements:
# import, featurize, training (kNN, MLP, EquiRouter), inference, the 100-budget threshold sweep of
# 10 routers, the comparison summary's bootstrap, peak memory of each step's process, and the metrics of both sides per seed.
#   bench/run.sh                 (as root on a fresh machine: installs what is missing, builds)
#   QUERIES=3000 TRAIN_SIZE=2400 SEEDS="0" DOC=bench/out/try.md bench/run.sh   (a quick try)
#   BUILD=build-native NATIVE=ON bench/run.sh    (RouteScope built with -march=native, in build-native/)
# Every step runs in a fresh process; OMP_WAIT_POLICY=PASSIVE for both sides.
set -euo pipefail
cd "$(dirname "$0")/.."

queries=${QUERIES:-36497}
train_size=${TRAIN_SIZE:-30000}
read -r -a seeds <<< "${SEEDS:-0 1 2}"
repeats=3
doc=${DOC:-docs/performance.md}
out=bench/out/run_${queries}
csv=bench/out/routerbench_${queries}_seed1.csv
db=$out/routerbench.routescope
build=${BUILD:-build}
cli=$build/bin/routescope-cli
pipeline=$build/bin/bench_pipeline
export OMP_WAIT_POLICY=PASSIVE

# The command line as run, with the settings taken from the environment, for the report.
command="bench/run.sh"
for setting in QUERIES TRAIN_SIZE SEEDS DOC BUILD NATIVE; do
  [ -z "${!setting:-}" ] || command="$setting=\"${!setting}\" $command"
done
started=$(date +%s)
log() { echo "[$(($(date +%s) - started)) s, load $(cut -d' ' -f1 /proc/loadavg)] $*"; }

# What the steps need: the reference's Python packages, GNU time, and the programs.
bench/reference/setup.sh
[ -x /usr/bin/time ] || DEBIAN_FRONTEND=noninteractive apt-get install -y -q time >/dev/null
[ -f "$build/CMakeCache.txt" ] || cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DROUTESCOPE_NATIVE="${NATIVE:-OFF}"
cmake --build "$build" --target routescope-cli bench_pipeline bench_threshold_sweep bench_bootstrap

rm -rf "$out"
mkdir -p "$out/routescope" "$out/reference"
uptime > "$out/uptime_start.txt"
"$cli" --version > "$out/build.txt"
log "start: $(cat "$out/uptime_start.txt")"

if [ ! -f "$csv" ]; then
  log "generating $csv"
  "$cli" generate --out "$csv.partial" --queries "$queries" --seed 1
  mv "$csv.partial" "$csv"
fi

# 1. Import: routescope-cli into a fresh project, each run under GNU time; the reference's
# pandas read_csv + to_sql (its import step, $repeats runs in one process) with its featurize step.
for run in $(seq 1 "$repeats"); do
  rm -f "$db" "$db-wal" "$db-shm"
  /usr/bin/time -v -o "$out/routescope/import_run$run.time" "$cli" import "$csv" --db "$db" > "$out/routescope/import_run$run.log"
  log "RouteScope import run $run done"
done
log "reference import + featurize"
python3 bench/reference/run_reference.py --csv "$csv" --steps import,featurize --repeats "$repeats" \
  --work "$out/reference/work" --out "$out/reference/prepare.json" > "$out/reference/prepare.log"

# 2. Featurize all prompts (fit + transform), and the features both sides train on.
log "RouteScope featurize"
"$pipeline" featurize --db "$db" --repeats "$repeats" --out "$out/features.npy" --json "$out/routescope/featurize.json"

# 3, 4, 6. Per seed: one split for both sides, training, inference, sweep and metrics.
for seed in "${seeds[@]}"; do
  common=(--db "$db" --features "$out/features.npy" --seed "$seed" --train-size "$train_size")
  "$pipeline" split --db "$db" --seed "$seed" --train-size "$train_size" --out "$out/split_seed$seed.json"
  mkdir -p "$out/routescope/work_seed$seed"
  log "RouteScope train, seed $seed"
  "$pipeline" train "${common[@]}" --work "$out/routescope/work_seed$seed" --json "$out/routescope/train_seed$seed.json"
  log "RouteScope sweep, seed $seed"
  "$pipeline" sweep "${common[@]}" --work "$out/routescope/work_seed$seed" --repeats "$repeats" \
    --json "$out/routescope/sweep_seed$seed.json"
  log "reference train + sweep, seed $seed"
  # Exit 2 is the reference's failed sanity check (e.g. EquiRouter below random): still a result.
  python3 bench/reference/run_reference.py --steps train,sweep --features "$out/features.npy" \
    --split "$out/split_seed$seed.json" --seed "$seed" --repeats "$repeats" --train-size "$train_size" \
    --work "$out/reference/work" --out "$out/reference/seed$seed.json" > "$out/reference/seed$seed.log" ||
    [ $? -eq 2 ]
done

# 5. A whole comparison end to end, as a user runs it: import the CSV into a fresh project, then
# `compare` the reference's routers with its settings and RouteScope's matrix factorisation (8 routers), seeds 0-2 (featurizer fits, training,
# evaluation, the summary with its bootstrap), one process each under GNU time. compare holds out
# a validation tenth of the training part, so --train-fraction makes that part 30,000 queries as well.
log "RouteScope whole compare"
compare_db=$out/compare.routescope
compare_routers="oracle,random,ridge:lambda=1,margin:base=ridge:lambda=1:margin=0.05,knn:k=40,mf"
compare_routers+=",mlp:hidden=100:epochs=30:batch=200"
compare_routers+=",equirouter:tie=top:tie_norm=pooled:min_steps=0:epochs=5:batch=128:select=none"
train_fraction=$(python3 -c "print(round($train_size / 0.9 / $queries, 4))")
compare_seeds=$(IFS=,; echo "${seeds[*]}")
/usr/bin/time -v -o "$out/routescope/compare_import.time" "$cli" import "$csv" --db "$compare_db" \
  > "$out/routescope/compare_import.log"
echo "1-minute load before: $(cut -d' ' -f1 /proc/loadavg)" > "$out/routescope/compare.load"
/usr/bin/time -v -o "$out/routescope/compare.time" "$cli" compare --db "$compare_db" \
  --dataset "$(basename "$csv" .csv)" --routers "$compare_routers" --seeds "$compare_seeds" \
  --train-fraction "$train_fraction" --json "$out/routescope/compare.json" > "$out/routescope/compare.log"

# The sweep alone at RouterBench's full size (random P and C, every cost distinct), as it runs and
# with one of the cores kept busy by another process.
log "threshold sweep at full size"
{ echo "1-minute load before: $(cut -d' ' -f1 /proc/loadavg)"; "$build"/bin/bench_threshold_sweep 10 "$queries" 11; } \
  > "$out/routescope/threshold_sweep.txt"
yes > /dev/null &
busy=$!
trap 'kill "$busy" 2>/dev/null' EXIT
"$build"/bin/bench_threshold_sweep 10 "$queries" 11 > "$out/routescope/threshold_sweep_busy_core.txt"
kill "$busy"
trap - EXIT

# The comparison summary's paired bootstrap at full size: 10 routers x 1000 resamples x 100 budgets.
log "bootstrap at full size"
{ echo "1-minute load before: $(cut -d' ' -f1 /proc/loadavg)"; "$build"/bin/bench_bootstrap 10 "$queries" 1000 11; } \
  > "$out/routescope/bootstrap.txt"

log "feature cache"
BUILD="$build" bench/feature_cache_bench.sh > "$out/routescope/feature_cache.txt"

uptime > "$out/uptime_end.txt"
log "writing $doc"
python3 bench/performance_report.py --run "$out" --csv "$csv" --seeds "${seeds[*]}" --train-size "$train_size" \
  --seconds "$(($(date +%s) - started))" --out "$doc" --command "$command"
log "done"
