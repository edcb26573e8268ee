#!/bin/sh
# fault.sh ORDO LIB DATA DIR -- a run's files under failures: for each of fwrite, fsync and
# rename failing at its 1st..8th call, `ordo plan DATA -o DIR --mrp-only` over the files of an
# earlier full plan must exit 2 (or 0 when there are fewer calls), leave no temporary file,
# and leave either the earlier plan.json and state.ordo untouched, or a pair that --base
# refuses as coming from different runs; never a plan and a state of different runs taken
# for a pair.
ordo=$1 lib=$2 data=$3 dir=$4
fail() { echo "FAIL: $*"; exit 1; }
rm -rf "$dir" && mkdir -p "$dir"
"$ordo" plan "$data" -o "$dir/out" --quiet || fail "baseline plan"
cp "$dir/out/plan.json" "$dir/plan.base" && cp "$dir/out/state.ordo" "$dir/state.base"
for call in fwrite fsync rename; do
  for n in 1 2 3 4 5 6 7 8; do
    ORDO_FAULT=$call ORDO_FAULT_N=$n LD_PRELOAD=$lib "$ordo" plan "$data" -o "$dir/out" --mrp-only --quiet 2>"$dir/err"
    rc=$?
    [ -n "$(ls -A "$dir/out" | grep '\.tmp$')" ] && fail "$call #$n: a temporary file is left"
    if [ $rc -eq 0 ]; then
      "$ordo" quote "$data" --base "$dir/out" --quiet --order '{"item": "MCB-C10", "qty": 10}' >/dev/null 2>&1 || fail "$call #$n: exit 0 but --base refuses the pair"
    elif [ $rc -eq 2 ]; then
      if ! cmp -s "$dir/out/plan.json" "$dir/plan.base" || ! cmp -s "$dir/out/state.ordo" "$dir/state.base"; then
        # changed: both files of the new run (the folder's sync failed after the renames),
        # or a new state beside the old plan, which --base must refuse
        run=$(head -c 40 "$dir/out/plan.json" | sed -n 's/.*"run": "\([0-9a-f]*\)".*/\1/p')
        sum=$(tail -c 8 "$dir/out/state.ordo" | od -An -tx1 | tr -d ' \n' | sed 's/\(..\)/\1 /g' | awk '{for (i = NF; i > 0; i--) printf "%s", $i}')
        if [ "$run" != "$sum" ]; then
          "$ordo" quote "$data" --base "$dir/out" --quiet --order '{"item": "MCB-C10", "qty": 10}' >/dev/null 2>"$dir/qerr" &&
            fail "$call #$n: a plan and a state of different runs, taken by --base"
          grep -q "different runs" "$dir/qerr" || fail "$call #$n: $(cat "$dir/qerr")"
        fi
      fi
    else
      fail "$call #$n: exit $rc: $(cat "$dir/err")"
    fi
    echo "$call #$n: exit $rc"
    cp "$dir/plan.base" "$dir/out/plan.json" && cp "$dir/state.base" "$dir/out/state.ordo"
  done
done
echo "fault injection: every failure left a consistent folder"
