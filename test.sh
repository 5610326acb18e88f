#!/usr/bin/env bash
# Sets up and builds as ./run.sh does, then runs every test through CTest.
#   ./test.sh            all tests
#   ./test.sh -R import  only the tests whose name matches (extra arguments go to ctest)
set -euo pipefail
cd "$(dirname "$0")"
./run.sh --build-only
export QT_QPA_PLATFORM=offscreen
ctest --test-dir build --output-on-failure -j"$(nproc)" "$@"
