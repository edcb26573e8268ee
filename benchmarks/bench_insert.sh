#!/bin/sh
# Urgent insertion, four ways side by side (append, right-shift, reschedule, GLPK window),
# on generated factories of about 1k, 17k and 120k operations, N urgent orders each:
#   benchmarks/bench_insert.sh [N]
# Builds release, generates each factory (same seed, same bytes), runs bench_insert and
# writes the tables to benchmarks/results/insert.md.
set -e
cd "$(dirname "$0")/.."
N=${1:-20}
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)" --target ordo_gen bench_insert >/dev/null
out=benchmarks/results/insert.md
: > "$out.tmp"
for size in "40 30" "250 200" "3000 3000"; do
  set -- $size
  data=/tmp/ordo_insert_bench_$1.json
  [ -f "$data" ] || build/ordo_gen --items "$1" --orders "$2" --seed 1 -o "$data"
  build/bench_insert "$data" "$N" >> "$out.tmp"
  echo >> "$out.tmp"
done
mv "$out.tmp" "$out"
cat "$out"
