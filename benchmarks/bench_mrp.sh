#!/usr/bin/env bash
# MRP benchmark on factories shaped like real ones (ordo_gen --shape erp, depth 6, seed 1,
# orders = items) of 10k, 100k and 1M items. For each size:
#   - bench_mrp: the median MRP stage time (JSON parsing excluded) at 1 thread and at 2
#     threads, planned orders, direct links, the full pegs derived from them (FULL=0 skips
#     the count), peak memory of that process;
#   - the whole `ordo plan DATA --mrp-only --pegging direct -o DIR` at 1 and 2 threads:
#     wall time and peak memory from /usr/bin/time -v (load, MRP, write of plan.json and
#     the state included).
# GEN="--suppliers 0.3 --sites 2" passes generator options (the supply network: two suppliers
# for a share of the bought items, a second site served by transfers; see ordo_gen --help).
#   usage: benchmarks/bench_mrp.sh [RUNS] [SIZES...]     e.g. bench_mrp.sh 3 10000 100000
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
shift || true
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000 1000000)
depth="${DEPTH:-6}"
build=build
[ -x "$build/bench_mrp" ] && [ -x "$build/ordo_gen" ] && [ -x "$build/ordo" ] || {
  cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$build" -j2 >/dev/null
}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
full_flag=""
[ "${FULL:-1}" = 1 ] || full_flag="--no-full"
printf "%-9s %-9s %-10s %-10s %-11s %-8s %-8s %-9s %-9s %-10s %-10s %-10s %-10s\n" items orders planned links full_pegs \
  mrp_1t mrp_2t us/item bench_MiB plan_1t_s plan_1t_MiB plan_2t_s plan_2t_MiB
for n in "${sizes[@]}"; do
  f="$dir/erp$n.json"
  "$build/ordo_gen" --shape erp --items "$n" --orders "$n" --depth "$depth" --seed 1 ${GEN:-} -o "$f"
  out=$("$build/bench_mrp" "$f" "$runs" 2 $full_flag)
  planned=$(echo "$out" | sed -nE 's/^plan +([0-9]+) planned orders, ([0-9]+) links, (-?[0-9]+) full pegs.*/\1/p')
  links=$(echo "$out" | sed -nE 's/^plan +([0-9]+) planned orders, ([0-9]+) links, (-?[0-9]+) full pegs.*/\2/p')
  full=$(echo "$out" | sed -nE 's/^plan +([0-9]+) planned orders, ([0-9]+) links, (-?[0-9]+) full pegs.*/\3/p')
  [ -z "$full_flag" ] || full="-"
  one=$(echo "$out" | sed -nE 's/^mrp, 1 thread +([0-9.]+) s.*/\1/p')
  two=$(echo "$out" | sed -nE 's/^mrp, [0-9]+ threads +([0-9.]+) s.*/\1/p')
  mem=$(echo "$out" | sed -nE 's/^peak memory +([0-9]+) MiB/\1/p')
  per=$(awk -v t="$one" -v n="$n" 'BEGIN { printf "%.1f", t / n * 1e6 }')
  whole=()
  for t in 1 2; do
    /usr/bin/time -v "$build/ordo" plan "$f" --mrp-only --pegging direct -o "$dir/out" --threads "$t" --quiet 2>"$dir/time.txt"
    wall=$(sed -nE 's/.*Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (.*)/\1/p' "$dir/time.txt" |
      awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.2f", s }')
    rss=$(sed -nE 's/.*Maximum resident set size \(kbytes\): ([0-9]+)/\1/p' "$dir/time.txt")
    whole+=("$wall" "$((rss / 1024))")
    rm -rf "$dir/out"
  done
  printf "%-9s %-9s %-10s %-10s %-11s %-8s %-8s %-9s %-9s %-10s %-10s %-10s %-10s\n" "$n" "$n" "$planned" "$links" "$full" \
    "$one" "$two" "$per" "$mem" "${whole[0]}" "${whole[1]}" "${whole[2]}" "${whole[3]}"
  rm -f "$f"
done
