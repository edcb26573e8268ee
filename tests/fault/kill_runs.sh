#!/usr/bin/env bash
# kill_runs.sh ORDO ORDO_GEN [N]: N times (default 20), `ordo plan` of a generated factory
# into one folder is killed (SIGKILL) at a random moment; after each kill the folder must
# hold either no plan.json and state.ordo pair, or a pair from one run: plan.json's "run" id
# equal to the state's checksum (its last 8 bytes), so that --base never takes one run's
# plan with another's state. Seeds alternate, so that consecutive runs differ.
set -u
ORDO=$1 GEN=$2 N=${3:-20}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$GEN" --shape erp --items 4000 --orders 4000 --seed 1 -o "$work/a.json" || exit 1
"$GEN" --shape erp --items 4000 --orders 4000 --seed 2 -o "$work/b.json" || exit 1
# one whole run first (a pair to keep), timed: the kills fall anywhere in [0, 1.2 x that]
t0=$(date +%s.%N)
"$ORDO" plan "$work/b.json" -o "$work/out" --quiet --threads 1 || exit 1
t=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", (b - a) * 1.2 }')
bad=0 pairs=0
for i in $(seq 1 "$N"); do
  data=$work/a.json
  [ $((i % 2)) -eq 0 ] && data=$work/b.json
  "$ORDO" plan "$data" -o "$work/out" --quiet --threads 1 &
  pid=$!
  sleep "$(awk -v s="$i" -v t="$t" 'BEGIN { srand(s); printf "%.2f", rand() * t }')"
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  p=$work/out/plan.json s=$work/out/state.ordo
  if [ -f "$p" ] && [ -f "$s" ]; then
    run=$(head -c 200 "$p" | sed -n 's/.*"run": "\([0-9a-f]*\)".*/\1/p' | head -n 1)
    sum=$(tail -c 8 "$s" | od -An -tx8 | tr -d ' \n')
    pairs=$((pairs + 1))
    if [ "$run" != "$sum" ]; then
      echo "kill $i: plan.json run $run beside a state with checksum $sum"
      bad=$((bad + 1))
    fi
  fi
done
echo "$N kills within ${t} s of a run, $pairs plan/state pairs found, $bad from different runs"
[ "$bad" -eq 0 ]
