#!/usr/bin/env bash
# Load benchmark: generates a factory with N orders (default 1,000,000) and times
# `ordo validate` on it, R times (default 5). Prints the median load time and throughput,
# and, as a reference measured in the same run, the median time of `cat FILE > /dev/null`
# (the cost of only reading the bytes). Then the same data set in its HDF5 form (ordo
# convert), timed the same way in the same run, and the ratio of the two loads.
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
# time_validate FILE: medians of `ordo validate FILE` over the runs into ML (load), MP
# (parse) and RSS (peak KiB)
time_validate() {
  local loads=() parses=() out line m r
  RSS=0
  for r in $(seq "$runs"); do
    out=$(/usr/bin/env time -f "%M" "$build/ordo" validate "$1" 2>"$dir/time")
    line=$(echo "$out" | grep '^  load')
    loads+=("$(echo "$line" | awk '{print $5}')")
    parses+=("$(echo "$line" | sed -E 's/.*parse ([0-9.]+) s.*/\1/')")
    m=$(tail -1 "$dir/time"); [ "$m" -gt "$RSS" ] && RSS=$m
  done
  ML=$(printf '%s\n' "${loads[@]}" | median)
  MP=$(printf '%s\n' "${parses[@]}" | median)
}
cats=()
for r in $(seq "$runs"); do
  s=$(date +%s.%N); cat "$file" >/dev/null; e=$(date +%s.%N)
  cats+=("$(awk "BEGIN{print $e-$s}")")
done
time_validate "$file"
ml=$ML; mp=$MP; rss=$RSS
mc=$(printf '%s\n' "${cats[@]}" | median)
echo "runs: $runs"
echo "median load (parse + validate): $ml s  -> $(awk "BEGIN{printf \"%.1f\", $bytes/1e6/$ml}") MB/s, $(awk "BEGIN{printf \"%.0f\", $orders/$ml}") orders/s"
echo "median parse alone:             $mp s"
echo "reference, median cat > /dev/null: $mc s  (load/cat ratio $(awk "BEGIN{printf \"%.0f\", $ml/$mc}"))"
echo "peak memory: $(awk "BEGIN{printf \"%.0f\", $rss/1024}") MiB (the file itself is held in memory while parsing)"

h5="$dir/factory.h5"
"$build/ordo" convert "$file" "$h5"
time_validate "$h5"
echo "HDF5 form: $(awk "BEGIN{printf \"%.1f\", $(stat -c %s "$h5")/1e6}") MB"
echo "median HDF5 load (parse + validate): $ML s, parse alone $MP s, peak memory $(awk "BEGIN{printf \"%.0f\", $RSS/1024}") MiB"
echo "HDF5 load is $(awk "BEGIN{printf \"%.1f\", $ml/$ML}")x faster than JSON (parse alone $(awk "BEGIN{printf \"%.1f\", $mp/$MP}")x)"
