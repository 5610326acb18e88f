#!/usr/bin/env bash
# Builds the libFuzzer targets with clang into build-fuzz/ and runs each for SECONDS_PER_TARGET
# (default 60). Seeds: tests/data (good and bad inputs), freshly saved routers and pipelines,
# small project files (sound and damaged), price tables under answer lengths,
# and tests/fuzz/regressions/<target>/ (inputs that once crashed, kept so they never do again).
# New interesting inputs collect in build-fuzz/corpus/<target>/; a crash stops with its input
# written to build-fuzz/crashes/ and the script fails.
#   tests/fuzz/run.sh            60 s per target
#   tests/fuzz/run.sh 1800       half an hour per target
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-60}"
root="$PWD"
build="$root/build-fuzz"

packages=(clang libclang-rt-14-dev cmake ninja-build libeigen3-dev libsqlite3-dev)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "fuzz: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# Build type "Fuzz" adds no flags of its own: no NDEBUG, so Eigen's and the core's asserts stay on.
CXX=clang++ cmake -S tests/fuzz -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Fuzz > /dev/null
cmake --build "$build" -j"$(nproc)"

mkdir -p "$build/seeds/router_load" "$build/seeds/pipeline_load" "$build/seeds/project_open" "$build/seeds/price_tokens" \
  "$build/crashes"
"$build/make_seeds" "$build/seeds/router_load" "$build/seeds/pipeline_load" "$build/seeds/project_open" \
  "$build/seeds/price_tokens" "$root/tests/data"

# Seed directories per target, after its own corpus directory.
seeds_for() {
  case "$1" in
    wide_csv|long_csv) echo "tests/data/good tests/data/bad sample_data" ;;
    long_jsonl|scores_json|price_table) echo "tests/data/good tests/data/bad" ;;
    router_load|pipeline_load|project_open|price_tokens) echo "$build/seeds/$1" ;;
  esac
}

export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
failed=0
for target in wide_csv long_csv long_jsonl scores_json price_table price_tokens project_open router_load pipeline_load; do
  corpus="$build/corpus/$target"
  regressions="tests/fuzz/regressions/$target"
  mkdir -p "$corpus"
  dirs=("$corpus")
  for d in $(seeds_for "$target") "$regressions"; do
    [ -d "$d" ] && dirs+=("$d")
  done
  echo "fuzz: $target for ${seconds}s"
  # A project file of 512-byte pages with a dataset is about 20 KB.
  max_len=16384
  [ "$target" = project_open ] && max_len=65536
  if ! "$build/fuzz_$target" -max_total_time="$seconds" -max_len="$max_len" -timeout=20 -rss_limit_mb=4096 \
      -print_final_stats=1 -artifact_prefix="$build/crashes/$target-" "${dirs[@]}" \
      > "$build/$target.log" 2>&1; then
    echo "fuzz: $target FAILED; last lines of $build/$target.log:"
    tail -n 40 "$build/$target.log"
    failed=1
  else
    grep -E "stat::number_of_executed_units|stat::new_units_added" "$build/$target.log" | tr '\n' ' '
    echo
  fi
done
[ "$failed" -eq 0 ] && echo "fuzz: every target ran ${seconds}s without a crash"
exit "$failed"
