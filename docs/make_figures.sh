#!/usr/bin/env bash
# Makes the README's pictures from the bundled sample data: a screenshot of the real workbench
# window after it trained its default routers, and the exported frontier, share and calls figures.
#   docs/make_figures.sh      (after ./run.sh --build-only)
set -euo pipefail
cd "$(dirname "$0")/.."
out=docs/images
mkdir -p "$out"
project=$(mktemp -d)/sample.routescope
build/bin/routescope-cli import sample_data/sample_routerbench.csv --db "$project" --name sample
# Offscreen: no display needed. The window trains oracle, kNN, MLP and EquiRouter, then saves itself.
QT_QPA_PLATFORM=offscreen build/bin/routescope --screenshot "$out/workbench.png" "$project"
common=(--train sample_data/sample_routerbench.csv --routers oracle,knn,mlp,equirouter --seeds 0 --width 1200 --height 800)
build/bin/routescope-cli plot frontier "${common[@]}" --out "$out/sample_frontier.png"
build/bin/routescope-cli plot share "${common[@]}" --router knn --out "$out/sample_share_knn.png"
build/bin/routescope-cli plot share "${common[@]}" --router equirouter --out "$out/sample_share_equirouter.png"
# RouterBench's cascades at its three judge error rates: the models each calls per query.
build/bin/routescope-cli plot calls --train sample_data/sample_routerbench.csv --seeds 0 --width 1200 --height 800 \
    --out "$out/sample_calls.png"
rm -rf "$(dirname "$project")"
