#!/bin/sh
# Urgent insertion, side by side (append, right-shift, reschedule, GLPK window, re-dispatch,
# ordo insert's default), on generated factories of about 1k, 8k and 100k operations, N
# urgent orders each:
#   benchmarks/bench_insert.sh [N]
# The factories run at 40% of their capacity with orders due from day 45 on (--load 0.4
# --first-due 45), so that most orders are on time before the insertion and what an
# insertion costs the others is its own doing. Builds release, generates each factory (same
# seed, same bytes), runs bench_insert and writes the tables to benchmarks/results/insert.md.
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
  build/ordo_gen --items "$1" --orders "$2" --seed 1 --first-due 45 --load 0.4 -o "$data"
  build/bench_insert "$data" "$N" >> "$out.tmp"
  echo >> "$out.tmp"
done
mv "$out.tmp" "$out"
cat "$out"
