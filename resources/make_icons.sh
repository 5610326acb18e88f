#!/usr/bin/env bash
# Remakes the application icon's PNG sizes from its SVG (needs rsvg-convert: apt-get install
# librsvg2-bin). The PNGs are committed, so building RouteScope needs neither this nor librsvg.
#   resources/make_icons.sh
set -euo pipefail
cd "$(dirname "$0")/icons"
command -v rsvg-convert >/dev/null || { echo "make_icons: rsvg-convert is missing (apt-get install librsvg2-bin)" >&2; exit 1; }
for size in 16 22 24 32 48 64 128 256 512; do
  rsvg-convert -w "$size" -h "$size" org.routescope.RouteScope.svg -o "org.routescope.RouteScope-$size.png"
done
