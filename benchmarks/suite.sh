#!/usr/bin/env bash
# The benchmark suite: one command, one size. Generates a factory (benchmarks/ordo_gen),
# writes it as JSON and as HDF5, and runs `ordo validate` and `ordo plan` on both forms at
# 1, 2 and all cores, REPEAT times each. Prints medians per stage (parse, validate, MRP,
# schedule, write), peak memory, throughput, thread scaling, and the HDF5 load against the
# JSON load of the same data measured side by side; writes every median to CSV and prints
# them as the Markdown table the README's performance section shows.
#   usage: benchmarks/suite.sh [S|M|L|XL] [REPEAT]      (default M, 3)
#   sizes (items / customer orders): S 10k / 1k, M 100k / 10k, L 1M / 100k, XL 2M / 200k
#   (the 1M-order load comparison of JSON and HDF5 is benchmarks/bench_load.sh)
#   env:   CSV (default out/bench/suite-SIZE.csv), SEED (default 1)
set -euo pipefail
cd "$(dirname "$0")/.."
size="${1:-M}"
repeat="${2:-3}"
case "$size" in
  S) items=10000; orders=1000 ;;
  M) items=100000; orders=10000 ;;
  L) items=1000000; orders=100000 ;;
  XL) items=2000000; orders=200000 ;;
  *) echo "usage: benchmarks/suite.sh [S|M|L|XL] [REPEAT]" >&2; exit 2 ;;
esac
csv="${CSV:-out/bench/suite-$size.csv}"
build=build
[ -x "$build/ordo" ] && [ -x "$build/ordo_gen" ] || {
  cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$build" -j"$(nproc)" >/dev/null
}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cp "$build/ordo" "$build/ordo_gen" "$dir/"
mkdir -p "$(dirname "$csv")"
cores=$(nproc)
threads="1 2"
[ "$cores" -gt 2 ] && threads="$threads $cores"

median() { sort -g | awk '{a[NR]=$1} END{if (NR==0) print "nan"; else print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
json_num() { tail -c 2048 "$2" | sed -nE "s/.*\"$1\": ([0-9.eE+-]+).*/\1/p" | head -1; } # the summary ends plan.json

echo "# ordo benchmark suite, size $size: $items items, $orders orders; $repeat runs each; $cores cores; $(date -u +%Y-%m-%d)"
s=$(date +%s.%N)
"$dir/ordo_gen" --items "$items" --orders "$orders" --seed "${SEED:-1}" -o "$dir/f.json"
e=$(date +%s.%N)
"$dir/ordo" convert "$dir/f.json" "$dir/f.h5"
echo "# generated in $(awk "BEGIN{printf \"%.1f\", $e-$s}") s: JSON $(( $(stat -c %s "$dir/f.json") / 1000000 )) MB, HDF5 $(( $(stat -c %s "$dir/f.h5") / 1000000 )) MB"
echo "format,threads,parse_s,validate_s,mrp_s,schedule_s,write_s,plan_wall_s,peak_mib,orders_per_s,planned_orders,operations" > "$csv"
printf "%-5s %7s %8s %9s %7s %9s %7s %9s %9s %12s\n" form threads parse_s validate_s mrp_s schedule_s write_s wall_s peak_MiB orders/s
for form in json h5; do
  for t in $threads; do
    P=(); V=(); M=(); S=(); W=(); T=(); R=()
    for r in $(seq "$repeat"); do
      out=$("$dir/ordo" validate "$dir/f.$form")
      P+=("$(echo "$out" | sed -nE 's/.*parse ([0-9.]+) s.*/\1/p')")
      V+=("$(echo "$out" | sed -nE 's/.*validate ([0-9.]+) s\).*/\1/p')")
      rm -rf "$dir/out"
      s=$(date +%s.%N)
      /usr/bin/env time -f "%M" -o "$dir/time" "$dir/ordo" plan "$dir/f.$form" -o "$dir/out" --threads "$t" --quiet
      e=$(date +%s.%N)
      T+=("$(awk "BEGIN{print $e-$s}")")
      M+=("$(json_num mrp "$dir/out/plan.json")")
      S+=("$(json_num schedule "$dir/out/plan.json")")
      W+=("$(json_num write "$dir/out/plan.json")")
      R+=("$(tail -1 "$dir/time")")
    done
    p=$(printf '%s\n' "${P[@]}" | median); v=$(printf '%s\n' "${V[@]}" | median)
    m=$(printf '%s\n' "${M[@]}" | median); sc=$(printf '%s\n' "${S[@]}" | median)
    w=$(printf '%s\n' "${W[@]}" | median); wall=$(printf '%s\n' "${T[@]}" | median)
    rss=$(printf '%s\n' "${R[@]}" | sort -g | tail -1)
    npo=$(json_num planned_orders "$dir/out/plan.json")
    nops=$(grep -o '"seq":' "$dir/out/plan.json" | wc -l)
    tput=$(awk "BEGIN{printf \"%.0f\", $orders/$wall}")
    printf "%-5s %7s %8.3f %9.3f %7.3f %9.3f %7.3f %9.2f %9.0f %12s\n" "$form" "$t" "$p" "$v" "$m" "$sc" "$w" "$wall" "$((rss / 1024))" "$tput"
    echo "$form,$t,$p,$v,$m,$sc,$w,$wall,$((rss / 1024)),$tput,$npo,$nops" >> "$csv"
  done
done
# side by side: the loads of the two forms at 1 thread (first rows of each form)
awk -F, 'NR>1 && $2==1 {load[$1]=$3+$4; parse[$1]=$3}
     END {printf "# load (parse + validate): JSON %.3f s, HDF5 %.3f s: HDF5 %.1fx faster (parse alone %.1fx)\n",
                 load["json"], load["h5"], load["json"]/load["h5"], parse["json"]/parse["h5"]}' "$csv"
awk -F, 'NR>1 && $1=="json" {w[$2]=$8} END {for (t in w) if (t!=1) printf "# plan speed-up on %s threads over 1: %.2fx\n", t, w[1]/w[t]}' "$csv"
# the same medians as the Markdown table of the README's performance section
echo
echo "| form | threads | parse | validate | MRP | schedule | write | plan wall | peak memory | orders/s |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
awk -F, 'NR>1 {printf "| %s | %s | %.3f s | %.3f s | %.3f s | %.3f s | %.3f s | %.2f s | %s MiB | %s |\n",
               ($1=="json" ? "JSON" : "HDF5"), $2, $3, $4, $5, $6, $7, $8, $9, $10}' "$csv"
echo
echo "# CSV: $csv"
