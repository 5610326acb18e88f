#!/usr/bin/env bash
# CI's reliability pass, run by .ci/run after ./test.sh (which installs the build packages):
#   1. every core test again, built with AddressSanitizer + UndefinedBehaviorSanitizer (build-asan/);
#   2. every libFuzzer target for ROUTESCOPE_FUZZ_SECONDS each (default 20; tests/fuzz/run.sh).
# About 20-25 minutes on 2 cores. See docs/reliability.md.
set -euo pipefail
cd "$(dirname "$0")/.."
export QT_QPA_PLATFORM=offscreen

# halt_on_error: a sanitizer report fails the test instead of scrolling past.
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:strict_string_checks=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
# -O1 -g1 (line tables only): reports keep file and line, and Eigen-heavy files compile about
# 2.5x faster than with RelWithDebInfo's -O2 -g, which keeps CI well inside its time limit.
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=None -DCMAKE_CXX_FLAGS="-O1 -g1" -DROUTESCOPE_SANITIZE=ON \
  -DROUTESCOPE_BUILD_GUI=OFF -DROUTESCOPE_BUILD_BENCH=OFF > /dev/null
cmake --build build-asan -j"$(nproc)"
ctest --test-dir build-asan --output-on-failure -j"$(nproc)" --timeout 900

tests/fuzz/run.sh "${ROUTESCOPE_FUZZ_SECONDS:-20}"
