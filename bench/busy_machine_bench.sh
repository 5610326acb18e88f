#!/usr/bin/env bash
# Issue 15 items 3 and 4 on an idle and on a busy machine, on each core the loader can pick:
# bench_slider (the one-time evaluation and the slider's 95th percentile at 36,497 queries x 10
# routers) twice on the default core and twice on the portable one, then the same with BUSY other
# processes keeping the cores busy (default 2: every core of this machine). Once per state, the
# default core also runs the slider paced (16 ms between moves, as a drag): the GUI thread then
# sleeps between moves and must win a core back for each; bench_wake_latency then shows what any
# program meets here doing 0.2 ms and 1 ms of work per wake-up (the machine's floor).
#   bench/busy_machine_bench.sh            (after ./run.sh --build-only)
#   BUSY=4 BUILD=build bench/busy_machine_bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
build=${BUILD:-build}
busy=${BUSY:-2}
loader=/lib64/ld-linux-x86-64.so.2
export QT_QPA_PLATFORM=offscreen

slider() { # LABEL [loader options...]
  local label=$1
  shift
  echo "== $label, 1-minute load $(cut -d' ' -f1 /proc/loadavg), $(date +%H:%M:%S)"
  "$@" "$build/bin/bench_slider" 36497 10 ${PACED:+"$PACED"} 2>&1 | grep -E "build:|worst|GUI thread|woken|one-time"
}
both_cores() { # SUFFIX
  for run in 1 2; do
    slider "default core$1, run $run"
    slider "portable core$1, run $run" "$loader" --glibc-hwcaps-mask none
  done
  PACED=paced slider "default core$1, paced"
  # The floor of any program here and now: waking every 16 ms for 0.2 ms and for 1 ms of work.
  for work in 0.2 1.0; do
    "$build/bin/bench_wake_latency" "$work"
  done
}

both_cores ""
pids=()
trap 'kill "${pids[@]}" 2>/dev/null' EXIT
for _ in $(seq 1 "$busy"); do
  yes > /dev/null &
  pids+=($!)
done
sleep 60 # the load average catches up, for the report
both_cores ", $busy busy processes"
