#!/usr/bin/env bash
# Installs the Debian packages the Python reference pipeline needs (as root), only those missing.
# libopenblas0-pthread matters: without it numpy and torch use the reference BLAS, ~50x slower.
#   bench/reference/setup.sh
set -euo pipefail

packages=(python3-numpy python3-pandas python3-sklearn python3-torch libopenblas0-pthread)

missing=()
for package in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
  [ "$status" = "install ok installed" ] || missing+=("$package")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all packages present: ${packages[*]}"
  exit 0
fi

echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends "${missing[@]}"
