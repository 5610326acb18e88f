#!/usr/bin/env bash
# Regenerates sample_routerbench.csv with the recorded seed; the result is byte-identical to the
# committed file (tests/core/test_synthetic_benchmark.cpp checks that).
set -euo pipefail
cd "$(dirname "$0")/.."
cli=build/bin/routescope-cli
if [ ! -x "$cli" ]; then
  [ -f build/CMakeCache.txt ] || { echo "make_sample: build first (./run.sh --build-only)" >&2; exit 1; }
  cmake --build build --target routescope-cli
fi
"$cli" generate --out sample_data/sample_routerbench.csv --queries 3000 --seed 2026 --short-responses
