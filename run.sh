#!/usr/bin/env bash
# Sets up everything on a fresh Debian 12 machine (as root), builds RouteScope into build/,
# then opens the GUI on the bundled sample dataset.
#   ./run.sh               install missing packages, build, open the GUI
#   ./run.sh --build-only  install missing packages and build (used by ./test.sh)
#   ./run.sh FILE...       open these project or dataset files instead of the sample
set -euo pipefail
cd "$(dirname "$0")"

packages=(
  cmake g++ ninja-build pkg-config
  qt6-base-dev qt6-svg-dev libqcustomplot-dev libqcustomplot2.1-qt6
  libeigen3-dev libsqlite3-dev
  xvfb xauth fonts-dejavu-core   # a font, so offscreen plots and exported figures have text
)

install_missing_packages() {
  local missing=()
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "run.sh: installing ${missing[*]}"
  if [ "$(id -u)" -ne 0 ]; then
    echo "run.sh: packages are missing and installing them needs root: ${missing[*]}" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
}

build() {
  if [ ! -f build/CMakeCache.txt ]; then
    cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release
  fi
  cmake --build build -j"$(nproc)"
}

# The sample project is made from sample_data/ and remade when the sample changes.
sample_project() {
  local project=build/sample.routescope sample=sample_data/sample_routerbench.csv
  if [ -f "$sample" ] && { [ ! -f "$project" ] || [ "$sample" -nt "$project" ]; }; then
    rm -f "$project" "$project"-wal "$project"-shm
    build/bin/routescope-cli import "$sample" --db "$project" --name sample >&2
  fi
  echo "$project"
}

install_missing_packages
build
if [ "${1:-}" = "--build-only" ]; then
  exit 0
fi
args=("$@")
[ ${#args[@]} -gt 0 ] || args=("$(sample_project)")
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "run.sh: built, but there is no display to open the GUI on." >&2
  echo "run.sh: on a headless machine, take a screenshot instead:" >&2
  echo "  ../shared/tools/screenshot.sh shot.png 10 -- build/bin/routescope ${args[*]}" >&2
  exit 0
fi
exec build/bin/routescope "${args[@]}"
