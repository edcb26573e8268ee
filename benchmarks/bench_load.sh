#!/usr/bin/env bash
# Load benchmark: generates a factory with N orders (default 1,000,000), converts it to its
# HDF5 form (ordo convert), and times `ordo validate` on the JSON file and on the HDF5 file
# in turn, R times each (default 5). Prints the median load times and throughput, and, as a
# reference measured in the same run, the median time of `cat FILE > /dev/null` (the cost of
# only reading the bytes); then the ratio of the two loads.
#   usage: benchmarks/bench_load.sh [ORDERS] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
orders="${1:-1000000}"
runs="${2:-5}"
items=$(( orders / 10 > 1000 ? orders / 10 : 1000 ))
build=build
[ -x "$build/ordo" ] && [ -x "$build/ordo_gen" ] || {
  cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$build" -j"$(nproc)" >/dev/null
}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
file="$dir/factory.json"
t0=$(date +%s.%N)
"$build/ordo_gen" --items "$items" --orders "$orders" --seed 1 -o "$file"
t1=$(date +%s.%N)
bytes=$(stat -c %s "$file")
echo "data set: $items items, $orders orders, $(awk "BEGIN{printf \"%.1f\", $bytes/1e6}") MB (generated in $(awk "BEGIN{printf \"%.2f\", $t1-$t0}") s)"
median() { sort -g | awk '{a[NR]=$1} END{print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
h5="$dir/factory.h5"
"$build/ordo" convert "$file" "$h5"
# one_run FILE FORM: `ordo validate FILE` once; its load and parse times appended to the
# FORM's lists, its peak memory kept in RSS_FORM
declare -A L P RSS=([json]=0 [h5]=0)
one_run() {
  local out line m
  out=$(/usr/bin/env time -f "%M" "$build/ordo" validate "$1" 2>"$dir/time")
  line=$(echo "$out" | grep '^  load')
  L[$2]+="$(echo "$line" | awk '{print $5}') "
  P[$2]+="$(echo "$line" | sed -E 's/.*parse ([0-9.]+) s.*/\1/') "
  m=$(tail -1 "$dir/time"); [ "$m" -gt "${RSS[$2]}" ] && RSS[$2]=$m
  return 0
}
# The two forms alternate, run by run, so that both see the same machine: medians of each.
cats=()
for r in $(seq "$runs"); do
  s=$(date +%s.%N); cat "$file" >/dev/null; e=$(date +%s.%N)
  cats+=("$(awk "BEGIN{print $e-$s}")")
  one_run "$file" json
  one_run "$h5" h5
done
med() { printf '%s\n' $1 | median; }
ml=$(med "${L[json]}"); mp=$(med "${P[json]}"); ML=$(med "${L[h5]}"); MP=$(med "${P[h5]}")
mc=$(printf '%s\n' "${cats[@]}" | median)
echo "runs: $runs, JSON and HDF5 alternating"
echo "median load (parse + validate): $ml s  -> $(awk "BEGIN{printf \"%.1f\", $bytes/1e6/$ml}") MB/s, $(awk "BEGIN{printf \"%.0f\", $orders/$ml}") orders/s"
echo "median parse alone:             $mp s"
echo "reference, median cat > /dev/null: $mc s  (load/cat ratio $(awk "BEGIN{printf \"%.0f\", $ml/$mc}"))"
echo "peak memory: $(awk "BEGIN{printf \"%.0f\", ${RSS[json]}/1024}") MiB (the file itself is held in memory while parsing)"
echo "HDF5 form: $(awk "BEGIN{printf \"%.1f\", $(stat -c %s "$h5")/1e6}") MB"
echo "median HDF5 load (parse + validate): $ML s, parse alone $MP s, peak memory $(awk "BEGIN{printf \"%.0f\", ${RSS[h5]}/1024}") MiB"
echo "HDF5 load is $(awk "BEGIN{printf \"%.1f\", $ml/$ML}")x faster than JSON (parse alone $(awk "BEGIN{printf \"%.1f\", $mp/$MP}")x)"
echo "per run, load (JSON / HDF5):  $(paste -d/ <(printf '%s\n' ${L[json]}) <(printf '%s\n' ${L[h5]}) | tr '\n' ' ')"
echo "per run, parse (JSON / HDF5): $(paste -d/ <(printf '%s\n' ${P[json]}) <(printf '%s\n' ${P[h5]}) | tr '\n' ' ')"
echo "per run, load ratio: $(paste -d' ' <(printf '%s\n' ${L[json]}) <(printf '%s\n' ${L[h5]}) | awk '{printf "%.1f ", $1/$2}')"
