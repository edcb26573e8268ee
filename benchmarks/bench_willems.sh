#!/usr/bin/env bash
# MRP on the 38 real supply chains of Willems (2008): each chain is converted by
# ordo_willems (one item per stage, arcs reversed as BOM lines with qty_per 1, lead time =
# stageTime rounded up, a seeded daily Normal(avgDemand, stdDevDemand) order stream on every
# demand stage; see the header of benchmarks/ordo_willems.c) and planned with
# `ordo plan --mrp-only`. One row per chain: items, BOM lines, levels (longest path in arcs),
# max fan-in (most components of one parent), max fan-out (most parents of one component),
# customer orders, planned orders and the median MRP seconds (plan.json summary.seconds.mrp)
# over REPEAT runs; then chain 38 replicated to about BIG_ITEMS items as disjoint copies.
# Writes the table as CSV too.
#   Data: S. P. Willems, "Data Set -- Real-World Multi-Echelon Supply Chains Used for Inventory
#   Optimization", M&SOM 10(1):19-23, 2008, DOI 10.1287/msom.1070.0176 (cite it with any
#   figure from this script; datasets/willems/README.md).
#   usage: benchmarks/bench_willems.sh [CHAIN...]      (default 01..38, e.g. 34 36 38)
#   env:   THREADS (default 2), REPEAT (default 3), CSV (default out/bench/willems.csv),
#          BIG_ITEMS (default 1000000; 0 skips the replicated case), SEED (default 1),
#          DAYS (default 60), BIG_DAYS (order days of the replicated case, default 5), MEM_MB (virtual-memory cap per ordo run; default 3/4 of
#          MemAvailable, 0 = none: a run over it fails cleanly instead of waking the OOM killer),
#          TIMEOUT_S (wall-clock limit per ordo run, default 600; 0 = none),
#          BUILD (default build; built with cmake, Release, when build/ordo is missing)
set -euo pipefail
cd "$(dirname "$0")/.."
threads="${THREADS:-2}"
repeat="${REPEAT:-3}"
csv="${CSV:-out/bench/willems.csv}"
big="${BIG_ITEMS:-1000000}"
seed="${SEED:-1}"
days="${DAYS:-60}"
tmo="${TIMEOUT_S:-600}"
mem="${MEM_MB:-$(awk '/^MemAvailable:/ {printf "%d", $2 * 3 / 4 / 1024}' /proc/meminfo 2>/dev/null || echo 0)}"
[ -n "$mem" ] || mem=0
build="${BUILD:-build}"
[ -x "$build/ordo" ] || {
  cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$build" -j"$(nproc)" >/dev/null
}
if ! [ -x "$build/ordo_willems" ]; then
  cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$build" -j"$(nproc)" --target ordo_willems >/dev/null
fi
src=datasets/willems/csv
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cp "$build/ordo" "$build/ordo_willems" "$dir/" # the run uses these copies, whatever is rebuilt meanwhile
mkdir -p "$(dirname "$csv")"
chains=("$@")
[ ${#chains[@]} -gt 0 ] || mapfile -t chains < <(seq -w 1 38)

row() { printf "%-8s %9s %9s %6s %6s %7s %9s %10s %8s\n" "$@"; }
echo "# ordo plan --mrp-only --threads $threads, median of $repeat run(s); data: Willems (2008), M&SOM 10(1):19-23, DOI 10.1287/msom.1070.0176"
echo "# demand: ordo_willems --seed $seed --days $days (daily Normal(avgDemand, stdDevDemand) orders); data from $src; memory cap $([ "$mem" -gt 0 ] && echo "$mem MiB" || echo none)"
row chain items bom levels fan_in fan_out orders planned mrp_s
echo "chain,items,bom_lines,levels,max_fan_in,max_fan_out,orders,planned_orders,mrp_seconds,status" > "$csv"

stat_of() { sed -nE "s/.*(^| )$1=([0-9]+).*/\2/p" "$dir/stats"; }

# run_case LABEL NN [ordo_willems options...]: convert, plan REPEAT times, print and record a row
run_case() {
  local label=$1 nn=$2
  shift 2
  local f="$dir/data.json"
  "$dir/ordo_willems" "$src/${nn}_stages.csv" "$src/${nn}_arcs.csv" -o "$f" --seed "$seed" --days "$days" --stats "$@" 2> "$dir/stats"
  local items bom levels fin fout orders planned="-" status=ok times=() rc
  items=$(stat_of items); bom=$(stat_of bom); levels=$(stat_of levels)
  fin=$(stat_of max_fan_in); fout=$(stat_of max_fan_out); orders=$(stat_of orders)
  for ((r = 0; r < repeat; r++)); do
    rm -rf "$dir/plan"
    rc=0
    (
      [ "$mem" -gt 0 ] && ulimit -v $((mem * 1024))
      [ "$tmo" -gt 0 ] && exec timeout "$tmo" "$dir/ordo" plan "$f" --mrp-only -o "$dir/plan" --quiet --threads "$threads"
      exec "$dir/ordo" plan "$f" --mrp-only -o "$dir/plan" --quiet --threads "$threads"
    ) 2> "$dir/err" || rc=$?
    if [ $rc -ne 0 ]; then
      if [ $rc -eq 124 ] && [ "$tmo" -gt 0 ]; then
        status="failed: over TIMEOUT_S=$tmo s"
      elif [ $rc -gt 128 ]; then
        status="failed: killed by signal $((rc - 128))"
      else
        status="failed: exit $rc: $(tail -n 1 "$dir/err" | tr ',' ';')"
      fi
      break
    fi
    tail -c 4096 "$dir/plan/plan.json" > "$dir/tail"
    planned=$(sed -nE 's/.*"planned_orders": ([0-9]+).*/\1/p' "$dir/tail" | head -n 1)
    times+=("$(sed -nE 's/.*"mrp": ([0-9.]+).*/\1/p' "$dir/tail" | head -n 1)")
  done
  rm -rf "$dir/plan" "$f"
  local med="-"
  if [ "$status" = ok ]; then
    med=$(printf '%s\n' "${times[@]}" | sort -g |
          awk '{a[NR] = $1} END {if (NR % 2) printf "%.3f", a[(NR + 1) / 2]; else printf "%.3f", (a[NR / 2] + a[NR / 2 + 1]) / 2}')
  fi
  row "$label" "$items" "$bom" "$levels" "$fin" "$fout" "$orders" "$planned" "$med"
  [ "$status" = ok ] || echo "#   $label: $status"
  echo "$label,$items,$bom,$levels,$fin,$fout,$orders,$([ "$planned" = - ] || echo "$planned"),$([ "$med" = - ] || echo "$med"),$status" >> "$csv"
}

for nn in "${chains[@]}"; do
  run_case "$nn" "$nn"
done
if [ "$big" -gt 0 ]; then
  n38=$("$dir/ordo_willems" "$src/38_stages.csv" "$src/38_arcs.csv" --days 1 -o /dev/null --stats 2>&1 |
        sed -nE 's/^items=([0-9]+) .*/\1/p')
  copies=$(((big + n38 - 1) / n38))
  # a shorter order stream: 60 days of daily orders on ~44,000 demand stages would peg
  # about 2 billion links (66 GB); BIG_DAYS (default 5) keeps it to a few GB
  run_case "38x$copies" 38 --items "$big" --days "${BIG_DAYS:-5}"
fi
echo "# CSV: $csv"
