#!/usr/bin/env bash
# Island search over MPI ranks: plan quality and wall clock of `ordo plan --time-limit S
# --islands K` under `mpirun -np K` for K in RANKS (default "1 2 4"), one thread per rank,
# on an ERP-shaped generated factory at 80 % bottleneck load; then K islands in one process
# (the same plan as K ranks, K times the search's work on one core).
#   usage: benchmarks/bench_islands.sh [ORDERS] [SECONDS]     default: 1000 10
# Not a test: the figures are read, not checked (the test plan_mpi checks the identity).
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-1000}" tl="${2:-10}"
ranks="${RANKS:-1 2 4}"
build=build
[ -x "$build/ordo" ] && [ -x "$build/ordo_gen" ] || {
  cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$build" -j2 >/dev/null
}
command -v mpirun >/dev/null || { echo "mpirun not found (openmpi-bin)"; exit 1; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
items=$(( n <= 1000 ? 200 : 1000 ))
"$build/ordo_gen" --shape erp --orders "$n" --items "$items" --depth 4 --load 0.8 --seed 1 -o "$dir/f.json"
mpi="mpirun --oversubscribe --allow-run-as-root --bind-to none"
row() { # label, plan.json, seconds
  local late days
  late=$(grep -o '"late_orders": [0-9]*' "$2" | head -1 | grep -o '[0-9]*$')
  days=$(grep -o '"total_lateness_days": [0-9.e+-]*' "$2" | head -1 | sed 's/.*: //')
  printf "| %-22s | %5s | %10.1f | %7.2f |\n" "$1" "$late" "$days" "$3"
}
echo "factory: $n orders, $items items, 4 levels, 80 % load; --time-limit $tl; $(nproc) cores"
echo "| run                    |  late | late days  | wall s  |"
echo "|---|---:|---:|---:|"
for k in $ranks; do
  t0=$(date +%s.%N)
  OMP_NUM_THREADS=1 $mpi -np "$k" "$build/ordo" plan "$dir/f.json" --islands "$k" --time-limit "$tl" --threads 1 \
    -o "$dir/np$k" --quiet
  t1=$(date +%s.%N)
  row "$k ranks, $k islands" "$dir/np$k/plan.json" "$(echo "$t1 - $t0" | bc)"
done
k=$(echo $ranks | awk '{print $NF}')
t0=$(date +%s.%N)
"$build/ordo" plan "$dir/f.json" --islands "$k" --time-limit "$tl" --threads 1 -o "$dir/one" --quiet
t1=$(date +%s.%N)
row "1 process, $k islands" "$dir/one/plan.json" "$(echo "$t1 - $t0" | bc)"
strip() { grep -v '"seconds"\|"threads"\|"run":' "$1"; }
if cmp -s <(strip "$dir/one/plan.json") <(strip "$dir/np$k/plan.json"); then
  echo "$k islands: the same plan on 1 process and on $k ranks"
else
  echo "$k islands: plans differ between 1 process and $k ranks"
fi
