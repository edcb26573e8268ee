#!/usr/bin/env bash
# Standard instances through `ordo plan`: makespan per instance and the gap to the
# best-known value (datasets/scheduling/bks.json), with the mean gap per family.
#   usage: benchmarks/bench_instances.sh [TIME_LIMIT_S] [INSTANCE...]   (default: all ft, la, mk)
set -euo pipefail
cd "$(dirname "$0")/.."
limit="${1:-10}"
shift || true
build=build
[ -x "$build/ordo" ] && [ -x "$build/ordo_jsp" ] || {
  cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$build" -j"$(nproc)" >/dev/null
}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
names=("$@")
if [ ${#names[@]} -eq 0 ]; then
  for f in datasets/scheduling/jobshop/* datasets/scheduling/fjsp/*; do names+=("$(basename "$f")"); done
fi
printf "%-6s %-9s %-9s %-8s %-8s\n" instance makespan best gap_% seconds
for n in "${names[@]}"; do
  if [ -f "datasets/scheduling/fjsp/$n" ]; then
    "$build/ordo_jsp" --fjsp "datasets/scheduling/fjsp/$n" -o "$dir/$n.json"
  else
    "$build/ordo_jsp" "datasets/scheduling/jobshop/$n" -o "$dir/$n.json"
  fi
  s=$(date +%s.%N)
  "$build/ordo" plan "$dir/$n.json" -o "$dir/$n" --time-limit "$limit" --quiet
  e=$(date +%s.%N)
  ms=$(sed -nE 's/.*"makespan_minutes": ([0-9]+).*/\1/p' "$dir/$n/plan.json")
  best=$(python3 -c "import json,sys; print(json.load(open('datasets/scheduling/bks.json'))['instances']['$n']['upper_bound'])")
  printf "%-6s %-9s %-9s %-8s %-8s\n" "$n" "$ms" "$best" "$(awk "BEGIN{printf \"%.1f\", 100*($ms-$best)/$best}")" "$(awk "BEGIN{printf \"%.2f\", $e-$s}")"
done | tee "$dir/table"
awk 'NR>0 {fam=substr($1,1,2); g[fam]+=$4; c[fam]++} END {for (f in g) printf "mean gap %s: %.1f%% over %d instances\n", f, g[f]/c[f], c[f]}' "$dir/table"
