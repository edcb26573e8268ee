#!/usr/bin/env bash
# Builds ordo and runs the main job on the bundled demo factory: validate, then plan.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)" >/dev/null
./build/ordo validate datasets/demo/factory.json
./build/ordo plan datasets/demo/factory.json -o out/demo
echo "plan written to out/demo/plan.json"
