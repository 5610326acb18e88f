#!/usr/bin/env bash
# Makes the README's pictures from the bundled sample data, all of one saved experiment (kNN, MLP
# and EquiRouter, seed 0): a screenshot of the real workbench window at 1280x800 showing it, and
# its frontier and share figures as `routescope-cli plot` exports them at print size (a single
# column, 3.5 x 2.6 in, 8 pt text, 300 DPI), the same figures as the workbench's File > Export;
# and of a second experiment, RouterBench's cascades at three judge error rates, the models each
# calls per query.
#   docs/make_figures.sh      (after ./run.sh --build-only)
set -euo pipefail
cd "$(dirname "$0")/.."
out=docs/images
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
project=$work/sample.routescope
cli=build/bin/routescope-cli
"$cli" import sample_data/sample_routerbench.csv --db "$project" --name sample
"$cli" compare --db "$project" --dataset sample --routers cascade,cascade:error=0.1,cascade:error=0.2 --seeds 0 \
    --bootstrap 0 --label cascades > /dev/null
"$cli" compare --db "$project" --dataset sample --routers knn,mlp,equirouter --seeds 0 --label readme > /dev/null
# Offscreen: no display needed. The window shows the project's latest experiment, then saves itself.
QT_QPA_PLATFORM=offscreen build/bin/routescope --window-size 1280x800 --screenshot "$out/workbench.png" "$project"
figure=(--db "$project" --experiment readme --size 3.5x2.6in --font-pt 8 --dpi 300)
"$cli" plot frontier "${figure[@]}" --out "$out/sample_frontier.png"
"$cli" plot share "${figure[@]}" --router knn --out "$out/sample_share_knn.png"
"$cli" plot share "${figure[@]}" --router equirouter --out "$out/sample_share_equirouter.png"
# The vector frontier too, as a paper would take it.
"$cli" plot frontier "${figure[@]}" --out "$out/sample_frontier.pdf"
"$cli" plot calls --db "$project" --experiment cascades --size 3.5x2.6in --font-pt 8 --dpi 300 --out "$out/sample_calls.png"
