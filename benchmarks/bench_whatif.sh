#!/bin/bash
# What-if sweep throughput: SCEN scenarios (default 64) of a generated erp factory of ORDERS
# customer orders (default 10,000; ITEMS items, default 2,000), run by ordo whatif under
# mpirun at each rank count of RANKS (default "1 2"), THREADS OpenMP threads per rank
# (default 1). Prints one Markdown table (wall seconds, scenarios per second, parallel
# efficiency against 1 rank; and the same from the CPU seconds of the busiest rank, which a
# shared, loaded machine does not distort) and checks that every run wrote the same
# scenarios.csv.
#   benchmarks/bench_whatif.sh            RANKS="1 2 4" THREADS=2 benchmarks/bench_whatif.sh
# Rows also go to benchmarks/results/whatif.md. Not a test: run it alone on a quiet machine.
set -euo pipefail
cd "$(dirname "$0")/.."
SCEN=${SCEN:-64} ORDERS=${ORDERS:-10000} ITEMS=${ITEMS:-2000} RANKS=${RANKS:-"1 2"} THREADS=${THREADS:-1}
out=${OUT:-/tmp/ordo_whatif_bench}
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j2 --target ordo ordo_gen >/dev/null
command -v mpirun >/dev/null || { echo "mpirun not found: install openmpi-bin (scripts/deps.sh)"; exit 1; }
mkdir -p "$out"
build/ordo_gen --shape erp --items "$ITEMS" --orders "$ORDERS" --seed 7 -o "$out/factory.json"

# The scenarios: the change kinds in turn, on the generated ids (R0001.., I000001.., C0001..,
# RC000001.., SO0000001..), each a little different.
day() { date -u -d "2026-11-23 + $1 days" +%F; }
scenario() {
  local i=$1 j=$(( $1 / 8 + 1 ))
  case $(( i % 8 )) in
  0) echo "{\"type\": \"scale_demand\", \"factor\": 1.0$j}" ;;
  1) printf '{"type": "shift_demand", "customer": "C%04d", "days": -%d}' "$j" "$j" ;;
  2) printf '{"type": "resource_down", "resource": "R%04d", "from": "%s", "to": "%s"}' "$j" "$(day $((10 + j)))" "$(day $((16 + j)))" ;;
  3) printf '{"type": "resource_capacity", "resource": "R%04d", "units": 2}' "$j" ;;
  4) printf '{"type": "overtime", "resource": "R%04d", "minutes": %d}' "$j" $((30 * j)) ;;
  5) printf '{"type": "lead_time", "item": "I%06d", "add_days": 3}' $((ITEMS / 2 + j)) ;;
  6) printf '{"type": "receipt_late", "receipt": "RC%06d", "days": %d}' "$j" $((2 + j)) ;;
  7) printf '{"type": "add_order", "id": "NEW-%d", "item": "I%06d", "qty": 100, "due": "%s"}, {"type": "cancel_order", "order": "SO%07d"}' \
       "$i" "$j" "$(day $((20 + j)))" "$j" ;;
  esac
}
{
  echo '{"scenarios": ['
  for ((i = 0; i < SCEN; i++)); do
    [ $i -gt 0 ] && echo ','
    printf '  {"name": "s%02d", "changes": [%s]}' "$i" "$(scenario $i)"
  done
  echo; echo ']}'
} > "$out/scenarios.json"

res=benchmarks/results/whatif.md
mkdir -p benchmarks/results
{
  echo "| orders | scenarios | ranks | threads/rank | wall s | scenarios/s | efficiency (wall) | CPU s, busiest rank | efficiency (CPU) |"
  echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
} > "$res.tmp"
# One rank: ordo, then the CPU times of the shell's children (its last line: user, system).
rank_cmd='"$1" whatif "$2/factory.json" --scenarios "$2/scenarios.json" --threads "$3" --quiet -o "$2/np$4"; s=$?
times > "$2/cpu$4.$OMPI_COMM_WORLD_RANK"; exit $s'
t1="" c1=""
for k in $RANKS; do
  rm -rf "$out/np$k" "$out"/cpu"$k".*
  t0=$(date +%s.%N)
  mpirun --oversubscribe --allow-run-as-root --bind-to none -np "$k" -x OMP_NUM_THREADS="$THREADS" \
    bash -c "$rank_cmd" rank build/ordo "$out" "$THREADS" "$k"
  t=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { print b - a }')
  c=$(for f in "$out"/cpu"$k".*; do tail -n 1 "$f" | awk '{ gsub(/[ms]/, " "); print $1 * 60 + $2 + $3 * 60 + $4 }'; done |
      sort -g | tail -n 1)
  [ -z "$t1" ] && t1=$t c1=$c
  cmp "$out/np$(echo $RANKS | cut -d' ' -f1)/scenarios.csv" "$out/np$k/scenarios.csv"
  printf '| %d | %d | %d | %d | %.1f | %.2f | %.0f %% | %.1f | %.0f %% |\n' "$ORDERS" "$SCEN" "$k" "$THREADS" "$t" \
    "$(awk -v n="$SCEN" -v t="$t" 'BEGIN { print n / t }')" \
    "$(awk -v a="$t1" -v t="$t" -v k="$k" 'BEGIN { print 100 * a / (t * k) }')" "$c" \
    "$(awk -v a="$c1" -v t="$c" -v k="$k" 'BEGIN { print 100 * a / (t * k) }')" >> "$res.tmp"
done
mv "$res.tmp" "$res"
cat "$res"
