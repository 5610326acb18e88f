#!/usr/bin/env bash
# Import speed and memory on a RouterBench-sized file: 36,497 synthetic queries x 11 models with
# full responses (~100 MB, like RouterBench's own file), imported 3 times into a fresh project.
#   bench/import_bench.sh   (after ./run.sh --build-only)
# The generated file is cached in bench/out/ (gitignored); delete it to generate it again.
set -euo pipefail
cd "$(dirname "$0")/.."

cli=build/bin/routescope-cli
queries=36497
seed=2026
runs=3
out=bench/out
data=$out/routerbench_sized_${queries}_seed${seed}.csv
project=$out/import.routescope

[ -x "$cli" ] || { echo "import_bench: $cli is missing; build first (./run.sh --build-only)" >&2; exit 1; }
# Peak memory comes from GNU time (Debian's `time`), installed here when missing.
[ -x /usr/bin/time ] || DEBIAN_FRONTEND=noninteractive apt-get install -y -q time >/dev/null
mkdir -p "$out"

# Reads "Elapsed (wall clock) time (h:mm:ss or m:ss): M:SS.ss" from a `time -v` report as seconds.
wall_seconds() {
  sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$1" |
    awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.2f", s }'
}
peak_rss_mb() {
  sed -n 's/.*Maximum resident set size (kbytes): //p' "$1" | awk '{ printf "%.1f", $1 / 1024 }'
}

if [ ! -f "$data" ]; then
  generate=(generate --out "$data.partial" --queries "$queries" --seed "$seed")
  /usr/bin/time -v -o "$out/generate.time" "$cli" "${generate[@]}"
  mv "$data.partial" "$data"
  echo "generated in $(wall_seconds "$out/generate.time") s, peak RSS $(peak_rss_mb "$out/generate.time") MB:" \
       "$cli ${generate[*]/$data.partial/$data}"
else
  echo "using cached $data"
fi
bytes=$(stat -c %s "$data")
size_mb=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }')
echo "file: $data, $size_mb MB ($bytes bytes)"

command=("$cli" import "$data" --db "$project")
echo
echo "| run | seconds | MB/s | peak RSS (MB) |"
echo "|---:|---:|---:|---:|"
for run in $(seq 1 "$runs"); do
  rm -f "$project" "$project-wal" "$project-shm"
  report=$out/import_run$run.time
  if ! /usr/bin/time -v -o "$report" "${command[@]}" > "$out/import_run$run.log" 2>&1; then
    echo
    echo "import_bench: run $run failed: ${command[*]}" >&2
    cat "$out/import_run$run.log" >&2
    exit 1
  fi
  seconds=$(wall_seconds "$report")
  rate=$(awk -v mb="$size_mb" -v s="$seconds" 'BEGIN { printf "%.1f", (s > 0 ? mb / s : 0) }')
  echo "| $run | $seconds | $rate | $(peak_rss_mb "$report") |"
done
echo
echo "command: ${command[*]} (fresh project each run; file $size_mb MB, $queries queries x 11 models)"
echo "build: $("$cli" --version)"
