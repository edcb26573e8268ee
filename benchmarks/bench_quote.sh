#!/bin/sh
# Quote latency and throughput against saved plans of generated factories of 1k, 10k and
# 100k orders (one item per order): benchmarks/bench_quote.sh [CANDS] [SIZES...]
# Builds release, generates each factory (same seed, same bytes), runs bench_quote on it and
# prints one Markdown table; rows also go to benchmarks/results/quote.md.
set -e
cd "$(dirname "$0")/.."
CANDS=${1:-200}
[ $# -gt 0 ] && shift
SIZES=${*:-1000 10000 100000}
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)" --target ordo_gen bench_quote >/dev/null
out=benchmarks/results/quote.md
: > "$out.tmp"
first=1
for n in $SIZES; do
  data=/tmp/ordo_quote_bench_$n.json
  build/ordo_gen --items "$n" --orders "$n" --seed 1 -o "$data" # always: the generator may have changed
  if [ $first = 1 ]; then build/bench_quote "$data" "$CANDS" >> "$out.tmp"; first=0
  else build/bench_quote "$data" "$CANDS" | tail -n 1 >> "$out.tmp"; fi
done
mv "$out.tmp" "$out"
cat "$out"
