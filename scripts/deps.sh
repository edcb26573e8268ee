#!/usr/bin/env bash
# Installs the Debian packages ordo needs to build and test, where they are missing.
# Chromium (the board's browser test, tests/browser_board.sh) is tried last and may fail:
# that test is then skipped, and says so.
set -euo pipefail
pkgs=(build-essential cmake pkg-config libglpk-dev libcjson-dev libhdf5-dev libopenmpi-dev openmpi-bin)
optional=(chromium)
missing=() missing_opt=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
for p in "${optional[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing_opt+=("$p")
done
[ ${#missing[@]} -eq 0 ] && [ ${#missing_opt[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq || true
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
if [ ${#missing_opt[@]} -gt 0 ]; then
  echo "installing: ${missing_opt[*]}"
  $sudo apt-get install -y -qq "${missing_opt[@]}" >/dev/null ||
    echo "could not install ${missing_opt[*]}: the browser test will be skipped"
fi
