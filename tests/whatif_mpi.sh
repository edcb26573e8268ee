#!/bin/sh
# ordo whatif under mpirun at 1, 2 and 3 ranks gives the same bytes as one process
# (scenarios.csv whole, scenarios.json apart from summary.seconds).
# usage: whatif_mpi.sh ORDO OUTDIR HAVE_MPI   (run from the source folder)
set -e
ordo=$1 out=$2
if [ "$3" != 1 ]; then echo "skipped: ordo was built without MPI (install libopenmpi-dev)"; exit 77; fi
if ! command -v mpirun >/dev/null 2>&1; then echo "skipped: mpirun not found (install openmpi-bin)"; exit 77; fi
rm -rf "$out"
run="whatif datasets/demo/factory.json --scenarios datasets/demo/scenarios.json --threads 1 --quiet"
"$ordo" $run -o "$out/one"
strip() { sed 's/"seconds": [0-9.]*/"seconds": S/' "$1"; }
strip "$out/one/scenarios.json" > "$out/one.json"
for k in 1 2 3; do
  mpirun --oversubscribe --allow-run-as-root -np $k "$ordo" $run -o "$out/np$k"
  cmp "$out/one/scenarios.csv" "$out/np$k/scenarios.csv"
  strip "$out/np$k/scenarios.json" > "$out/np$k.json"
  cmp "$out/one.json" "$out/np$k.json"
  echo "np $k: same bytes"
done
# a bad file: the located error once (rank 0), exit 2
set +e
mpirun --oversubscribe --allow-run-as-root -np 3 "$ordo" whatif datasets/demo/factory.json \
  --scenarios tests/data/bad_scenarios.json -o "$out/bad" > "$out/bad.log" 2>&1
rc=$?
set -e
cat "$out/bad.log"
[ "$rc" -eq 2 ] && [ "$(grep -c 'factor: -1 must be > 0' "$out/bad.log")" -eq 1 ] && [ ! -e "$out/bad/scenarios.json" ]
echo "whatif_mpi ok"
