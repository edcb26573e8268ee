#!/bin/sh
# Urgent insertion, side by side (append, right-shift, reschedule, GLPK window, re-dispatch,
# ordo insert's default), on generated factories of about 1k, 8k and 100k operations, N
# urgent orders each:
#   benchmarks/bench_insert.sh [N] [ontime|backlog]
# ontime (the default): the factories run at 40% of their capacity with orders due from day
# 45 on (--load 0.4 --first-due 45), so that most orders are on time before the insertion
# and what an insertion costs the others is its own doing; tables in
# benchmarks/results/insert.md. backlog: the generator's defaults (60% load, orders due from
# day 10, inside the purchase lead times: most orders late before the insertion); tables in
# benchmarks/results/insert-backlog.md. Builds release, generates each factory (same seed,
# same bytes) and runs bench_insert.
set -e
cd "$(dirname "$0")/.."
N=${1:-20}
shape=${2:-ontime}
case "$shape" in
  ontime) gen="--first-due 45 --load 0.4"; sizes="40:30 250:200 3000:3000"; out=benchmarks/results/insert.md ;;
  backlog) gen=""; sizes="250:200 3000:3000"; out=benchmarks/results/insert-backlog.md ;;
  *) echo "usage: $0 [N] [ontime|backlog]" >&2; exit 2 ;;
esac
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)" --target ordo_gen bench_insert >/dev/null
echo "Factories: ordo_gen --seed 1 ${gen:-(defaults)}; bench_insert $N" > "$out.tmp"
echo >> "$out.tmp"
for size in $sizes; do
  items=${size%:*} orders=${size#*:}
  data=/tmp/ordo_insert_bench_${shape}_$items.json
  build/ordo_gen --items "$items" --orders "$orders" --seed 1 $gen -o "$data"
  build/bench_insert "$data" "$N" >> "$out.tmp"
  echo >> "$out.tmp"
done
mv "$out.tmp" "$out"
cat "$out"
