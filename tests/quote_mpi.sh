#!/bin/sh
# ordo quote --orders FILE under mpirun at 2 and 3 ranks (and --urgent at 3) prints the same
# bytes as one process; a bad request is reported once with exit 2.
# usage: quote_mpi.sh ORDO OUTDIR HAVE_MPI   (run from the source folder)
set -e
ordo=$1 out=$2
if [ "$3" != 1 ]; then echo "skipped: ordo was built without MPI (install libopenmpi-dev)"; exit 77; fi
if ! command -v mpirun >/dev/null 2>&1; then echo "skipped: mpirun not found (install openmpi-bin)"; exit 77; fi
rm -rf "$out" && mkdir -p "$out"
mpi="mpirun --oversubscribe --allow-run-as-root"
q="quote datasets/demo/factory.json --orders tests/data/quote_requests.json --quiet --threads 1"
"$ordo" $q > "$out/one.txt"
"$ordo" $q --urgent > "$out/one_urgent.txt"
[ "$(wc -l < "$out/one.txt")" -eq 7 ]
for k in 2 3; do
  $mpi -np $k "$ordo" $q > "$out/np$k.txt"
  cmp "$out/one.txt" "$out/np$k.txt"
  echo "np $k: same bytes"
done
$mpi -np 3 "$ordo" $q --urgent > "$out/np3_urgent.txt"
cmp "$out/one_urgent.txt" "$out/np3_urgent.txt"
echo "np 3 --urgent: same bytes"
echo '[{"item": "MCB-C16", "qty": 300}, {"item": "NOPE", "qty": 1}]' > "$out/bad.json"
set +e
$mpi -np 3 "$ordo" quote datasets/demo/factory.json --orders "$out/bad.json" --quiet > "$out/bad.log" 2>&1
rc=$?
set -e
cat "$out/bad.log"
[ "$rc" -eq 2 ] && [ "$(grep -c 'orders\[1\]\.item: unknown item' "$out/bad.log")" -eq 1 ]
echo "quote_mpi ok"
