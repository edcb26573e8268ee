#!/bin/sh
# ordo plan --islands 3 under mpirun at 1, 2 and 3 ranks writes the same plan as one process
# (the search's chains spread over the ranks, exchanging the best at each epoch); only the
# summary's seconds and threads may differ. Rank 0 alone writes.
# usage: plan_mpi.sh ORDO ORDO_GEN OUTDIR HAVE_MPI   (run from the source folder)
set -e
ordo=$1 gen=$2 out=$3
if [ "$4" != 1 ]; then echo "skipped: ordo was built without MPI (install libopenmpi-dev)"; exit 77; fi
if ! command -v mpirun >/dev/null 2>&1; then echo "skipped: mpirun not found (install openmpi-bin)"; exit 77; fi
rm -rf "$out" && mkdir -p "$out"
mpi="mpirun --oversubscribe --allow-run-as-root"
"$gen" --shape erp --items 60 --orders 80 --depth 3 --load 0.8 --seed 5 -o "$out/f.json"
p="plan $out/f.json --islands 3 --quiet"   # the default budget: no wall clock at all
strip() { grep -v '"seconds"\|"threads"\|"run":' "$1"; }
"$ordo" $p -o "$out/one"
strip "$out/one/plan.json" > "$out/one.txt"
"$ordo" plan "$out/f.json" --quiet -o "$out/single"
for k in 1 2 3; do
  $mpi -np $k "$ordo" $p -o "$out/np$k"
  strip "$out/np$k/plan.json" > "$out/np$k.txt"
  cmp "$out/one.txt" "$out/np$k.txt"
  echo "np $k: same plan"
done
grep -o '"late_orders": [0-9]*, "total_lateness_days": [0-9.]*' "$out/single/plan.json" "$out/one/plan.json"
"$ordo" plan "$out/f.json" --islands 0 --quiet 2>&1 | grep -q 'bad --islands "0"'
echo "plan_mpi ok"
