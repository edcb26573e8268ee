#!/bin/sh
# Chained runs from the command line: plan, insert -o (state.ordo and data.json beside
# plan.json), a quote and a second insertion on the chained state, then a re-plan of the
# final data set against the first plan, checked, with its "changes".
# usage: living_chain.sh PATH/TO/ordo WORKDIR
set -e
o=$1
d=$2
rm -rf "$d"
mkdir -p "$d"
data=datasets/demo/factory.json
"$o" plan $data -o "$d/base" --quiet
"$o" insert $data --base "$d/base" --order '{"id": "N1", "item": "MCB-C16", "qty": 100, "due": "2026-12-20"}' -o "$d/ins1" --quiet
test -f "$d/ins1/state.ordo" && test -f "$d/ins1/data.json" && test -f "$d/ins1/plan.json"
"$o" quote "$d/ins1/data.json" --base "$d/ins1" --order '{"item": "MCB-C16", "qty": 50}' --quiet | grep -q '"promise"'
"$o" insert "$d/ins1/data.json" --base "$d/ins1" --order '{"id": "N2", "item": "MCB-C10", "qty": 80}' -o "$d/ins2" --quiet
grep -q '"id": "N1"' "$d/ins2/data.json" && grep -q '"id": "N2"' "$d/ins2/data.json"
"$o" plan "$d/ins2/data.json" --base "$d/base" -o "$d/re" --check --quiet
grep -q '"changes": {' "$d/re/plan.json"
# the chained data set re-planned against its own insertion: the MRP is regenerative, so
# the planned orders may differ from the insertion's; the plan is checked
"$o" plan "$d/ins2/data.json" --base "$d/ins2" -o "$d/re2" --check --quiet
grep -q '"operations_moved": [0-9]' "$d/re2/plan.json"
# a quote against a state of another data set is still refused
if "$o" quote $data --base "$d/ins2" --order '{"item": "MCB-C16", "qty": 50}' --quiet 2>/dev/null; then exit 1; fi
echo living chain ok
