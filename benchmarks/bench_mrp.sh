#!/usr/bin/env bash
# MRP benchmark over generated factories of 10k, 100k and 1M items (orders = items / 10,
# fan-out 3, seed 1) at BOM depths 6 and 8 (DEPTHS="6 8" by default). For each: the median MRP time at 1 thread and at all
# cores (the 1-thread run is the reference measured in the same run), throughput and peak
# memory, from bench_mrp.
#   usage: benchmarks/bench_mrp.sh [RUNS] [SIZES...]     e.g. bench_mrp.sh 3 10000 100000
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
shift || true
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000 1000000)
build=build
[ -x "$build/bench_mrp" ] && [ -x "$build/ordo_gen" ] || {
  cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$build" -j"$(nproc)" >/dev/null
}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
printf "%-6s %-9s %-9s %-10s %-10s %-10s %-9s %-8s %-12s %-9s\n" depth items orders planned pegs mrp_1t mrp_all speedup items/s peak_MiB
for depth in ${DEPTHS:-6 8}; do
for n in "${sizes[@]}"; do
  f="$dir/f$n.json"
  "$build/ordo_gen" --items "$n" --orders $((n / 10)) --depth "$depth" --seed 1 -o "$f"
  out=$("$build/bench_mrp" "$f" "$runs")
  planned=$(echo "$out" | sed -nE 's/^plan +([0-9]+) planned orders, ([0-9]+) pegs.*/\1/p')
  pegs=$(echo "$out" | sed -nE 's/^plan +([0-9]+) planned orders, ([0-9]+) pegs.*/\2/p')
  one=$(echo "$out" | sed -nE 's/^mrp, 1 thread +([0-9.]+) s.*/\1/p')
  all=$(echo "$out" | sed -nE 's/^mrp, [0-9]+ threads +([0-9.]+) s.*/\1/p')
  sp=$(echo "$out" | sed -nE 's/.*speed-up ([0-9.]+)x.*/\1/p')
  ips=$(echo "$out" | sed -nE 's/^throughput +([0-9]+) items.*/\1/p')
  mem=$(echo "$out" | sed -nE 's/^peak memory +([0-9]+) MiB/\1/p')
  printf "%-6s %-9s %-9s %-10s %-10s %-10s %-9s %-8s %-12s %-9s\n" "$depth" "$n" $((n / 10)) "$planned" "$pegs" "$one" "$all" "$sp" "$ips" "$mem"
  rm -f "$f"
done
done
