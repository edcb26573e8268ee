#!/usr/bin/env bash
# Service benchmark: late customer orders and lateness days of `ordo plan` (objective
# "service", the default budget) on generated factories of the ERP shape at 80 % and 50 %
# bottleneck load, side by side with
#   ref      the schedule of the reference revision (REF, default f701e00: the engine before
#            the service objective, whose default objective was tardiness), built once into
#            build-ref/ from `git archive`;
#   mrp      the infinite-capacity plan by lead times (`ordo plan --mrp-only`);
#   floor    the new schedule with every resource given 10,000 units and no overtime: what
#            no schedule can beat without overtime (material, lead times and operation
#            times only).
# Targets: late orders at most 1.3x the mrp count at 50 % load and 1.6x at 80 %.
#   usage: benchmarks/bench_service.sh [ORDERS...]     default: 200 10000
# Sizes: 200 orders on 100 items and 4 BOM levels; larger counts on the generator's
# default 1,000 items. Not a test: the figures are read, not checked.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(200 10000)
ref="${REF:-f701e00}"
build=build
[ -x "$build/ordo" ] && [ -x "$build/ordo_gen" ] || {
  cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$build" -j2 >/dev/null
}
if [ ! -x build-ref/ordo ]; then
  src=$(mktemp -d)
  git archive "$ref" | tar -x -C "$src"
  cmake -S "$src" -B build-ref -DCMAKE_BUILD_TYPE=Release -DORDO_BUILD_BENCHMARKS=OFF >/dev/null
  cmake --build build-ref -j2 --target ordo >/dev/null
  rm -rf "$src"
fi
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

# late orders and lateness days from a plan.json summary
summary() {
  local late days
  late=$(grep -o '"late_orders": [0-9]*' "$1" | head -1 | grep -o '[0-9]*$')
  days=$(grep -o '"total_lateness_days": [0-9.e+-]*' "$1" | head -1 | sed 's/.*: //')
  printf "%s %.0f" "$late" "$days"
}

printf "%-7s %-5s | %-13s %-7s | %-13s %-7s | %-5s %-6s | %-5s | %-7s %-7s\n" \
  orders load "ref late/days" "ref s" "new late/days" "new s" mrp days floor "new/mrp" target
for n in "${sizes[@]}"; do
  shape=(--shape erp --orders "$n" --seed 1)
  [ "$n" -le 1000 ] && shape+=(--items 100 --depth 4)
  for load in 0.8 0.5; do
    f="$dir/f.json"
    "$build/ordo_gen" "${shape[@]}" --load "$load" -o "$f"
    sed 's/"objective": *"[a-z]*"/"objective": "service"/' "$f" > "$dir/s.json"
    sed 's/"units": *[0-9]*/"units": 10000/; s/"overtime_minutes_per_day": *[0-9]*/"overtime_minutes_per_day": 0/' \
      "$dir/s.json" > "$dir/inf.json"
    t0=$(date +%s.%N)
    build-ref/ordo plan "$f" -o "$dir/ref" --quiet
    t1=$(date +%s.%N)
    "$build/ordo" plan "$dir/s.json" -o "$dir/new" --quiet
    t2=$(date +%s.%N)
    "$build/ordo" plan "$f" --mrp-only -o "$dir/mrp" --quiet
    "$build/ordo" plan "$dir/inf.json" -o "$dir/inf" --quiet
    read -r rl rd <<<"$(summary "$dir/ref/plan.json")"
    read -r nl nd <<<"$(summary "$dir/new/plan.json")"
    read -r ml md <<<"$(summary "$dir/mrp/plan.json")"
    read -r fl fd <<<"$(summary "$dir/inf/plan.json")"
    tgt=$([ "$load" = 0.8 ] && echo 1.6 || echo 1.3)
    printf "%-7s %-5s | %-13s %-7.2f | %-13s %-7.2f | %-5s %-6s | %-5s | %-7.2f %-7s\n" "$n" "$load" "$rl/$rd" \
      "$(echo "$t1 - $t0" | bc)" "$nl/$nd" "$(echo "$t2 - $t1" | bc)" "$ml" "$md" "$fl" \
      "$(echo "scale=4; $nl / ${ml/#0/1}" | bc)" "$tgt"
  done
done
