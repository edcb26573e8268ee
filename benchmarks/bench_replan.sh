#!/usr/bin/env bash
# Re-planning a living plan: one changed customer order in an ERP-shaped generated factory,
# re-planned against last night's plan, side by side in one run:
#   full plan       ordo plan DATA -o BASE                          (the nightly plan)
#   incremental     ordo plan DATA2 --base BASE --incremental -o X  (net-change MRP, the base's
#                   operations kept where their orders and material are unchanged)
#   full re-plan    ordo plan DATA2 --base BASE -o Y                (net-change MRP, then two
#                   schedules: the base's sequence and a plain one, the better kept)
# Prints wall seconds (median of RUNS for the full plan and the incremental re-plan, one run
# of the full re-plan), the incremental re-plan's share of the full plan's time, each run's
# stage seconds, late orders, and the operations each re-plan moved (nervousness).
#   usage: benchmarks/bench_replan.sh [ORDERS] [RUNS]     default: 100000 3
# Items: ORDERS / 10. Not a test: the figures are read, not checked (test_living and
# test_netchange check the results).
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-100000}" runs="${2:-3}"
build=build
[ -x "$build/ordo" ] && [ -x "$build/ordo_gen" ] || {
  cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$build" -j2 >/dev/null
}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
items=$(( n / 10 > 50 ? n / 10 : 50 ))
"$build/ordo_gen" --shape erp --orders "$n" --items "$items" --seed 1 -o "$dir/f.json"
# the change: the quantity of the order in the middle of the list
line=$(grep -n '^{"id": "SO' "$dir/f.json" | sed -n "$(( n / 2 ))p" | cut -d: -f1)
sed "${line}s/\"qty\": [0-9.e+]*/\"qty\": 999/" "$dir/f.json" > "$dir/g.json"
changed=$(sed -n "${line}p" "$dir/g.json" | grep -o '"id": "[^"]*"' | head -1)

now() { date +%s.%N; }
median() { sort -g | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
field() { grep -o "\"$2\": [0-9.e+-]*" "$1" | tail -1 | sed 's/.*: //'; }
stages() { grep -o '"seconds": {[^}]*}' "$1" | tail -1 | sed 's/"seconds": //; s/"//g'; }

timed() { # out-dir, then the ordo arguments; prints wall seconds
  local out=$1 t0 t1
  shift
  rm -rf "$out"
  t0=$(now)
  "$build/ordo" plan "$@" -o "$out" --quiet
  t1=$(now)
  echo "$t1 - $t0" | bc
}

full=$(for r in $(seq "$runs"); do timed "$dir/base" "$dir/f.json"; done | median)
inc=$(for r in $(seq "$runs"); do timed "$dir/inc" "$dir/g.json" --base "$dir/base" --incremental; done | median)
re=$(timed "$dir/re" "$dir/g.json" --base "$dir/base")

echo "factory: $n orders, $items items (erp shape, seed 1); change: $changed qty -> 999; $(nproc) cores"
echo "| run | wall s | share of full plan | late orders | operations moved | MRP items netted / kept | stage seconds |"
echo "|---|---:|---:|---:|---:|---:|---|"
row() { # label, wall, plan.json
  local moved share netted kept
  moved=$(grep -o '"operations_moved": [0-9]*' "$3" | tail -1 | sed 's/.*: //' || true)
  netted=$(field "$3" items_netted || true) kept=$(field "$3" items_kept || true)
  share=$(echo "scale=1; 100 * $2 / $full" | bc)
  printf "| %s | %.2f | %s %% | %s | %s | %s | %s |\n" "$1" "$2" "$share" "$(field "$3" late_orders)" \
    "${moved:--}" "${netted:--} / ${kept:--}" "$(stages "$3")"
}
row "full plan (median of $runs)" "$full" "$dir/base/plan.json"
row "incremental re-plan (median of $runs)" "$inc" "$dir/inc/plan.json"
row "full re-plan (1 run)" "$re" "$dir/re/plan.json"
