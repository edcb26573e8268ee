#!/usr/bin/env bash
# Standard instances through `ordo plan` at a time limit: makespan per instance and the gap
# to the best-known value (datasets/scheduling/bks.json), and side by side in the same run
# a peer, Debian's MiniZinc with its Gecode backend on benchmarks/jobshop.mzn (large-
# neighbourhood search on), at the same time limit and thread count (job-shop instances
# only: the model has no machine alternatives). Prints the table, mean gaps per family and
# where ordo is ahead of, level with or behind the peer; writes the table as CSV too.
#   usage: benchmarks/bench_instances.sh [TIME_LIMIT_S] [INSTANCE...]  (default 10 s; all)
#   env:   THREADS (default 2), PEER=0 (no peer), CSV (default out/bench/instances.csv)
set -euo pipefail
cd "$(dirname "$0")/.."
limit="${1:-10}"
shift || true
threads="${THREADS:-2}"
csv="${CSV:-out/bench/instances.csv}"
build=build
[ -x "$build/ordo" ] && [ -x "$build/ordo_jsp" ] || {
  cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$build" -j"$(nproc)" >/dev/null
}
peer=0
if [ "${PEER:-1}" != 0 ] && command -v minizinc >/dev/null && minizinc --solvers 2>/dev/null | grep -q org.gecode.gecode; then
  peer=1
fi
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cp "$build/ordo" "$build/ordo_jsp" "$dir/" # the run uses these copies, whatever is rebuilt meanwhile
build="$dir"
mkdir -p "$(dirname "$csv")"
names=("$@")
if [ ${#names[@]} -eq 0 ]; then
  for f in datasets/scheduling/jobshop/* datasets/scheduling/fjsp/*; do names+=("$(basename "$f")"); done
fi
best_of() { python3 -c "import json; print(json.load(open('datasets/scheduling/bks.json'))['instances']['$1']['upper_bound'])"; }
# job-shop text -> MiniZinc data
to_dzn() {
  awk 'BEGIN{l=0} /^#/ || NF==0 {next}
       l==0 {n=$1; m=$2; l=1; next}
       {for (k=1; k<=m; k++) {M[l,k]=$(2*k-1); D[l,k]=$(2*k)} l++}
       END {printf "n=%d;m=%d;\nmach=[|", n, m;
            for (j=1; j<=n; j++) {for (k=1; k<=m; k++) printf "%s%d", (k>1?",":""), M[j,k]; printf "|"}
            printf "];\ndur=[|";
            for (j=1; j<=n; j++) {for (k=1; k<=m; k++) printf "%s%d", (k>1?",":""), D[j,k]; printf "|"}
            printf "];\n"}' "$1" > "$2"
}
echo "# ordo plan --time-limit $limit --threads $threads; peer: $([ $peer = 1 ] && minizinc --version | head -1 || echo none), Gecode -p $threads"
printf "%-6s %7s %8s %7s %8s %7s %7s\n" instance best ordo gap_% gecode gap_% ordo_s
echo "instance,best,ordo,ordo_gap_pct,gecode,gecode_gap_pct,ordo_seconds" > "$csv"
for n in "${names[@]}"; do
  if [ -f "datasets/scheduling/fjsp/$n" ]; then
    "$build/ordo_jsp" --fjsp "datasets/scheduling/fjsp/$n" -o "$dir/$n.json"
    jsp=0
  else
    "$build/ordo_jsp" "datasets/scheduling/jobshop/$n" -o "$dir/$n.json"
    jsp=1
  fi
  best=$(best_of "$n")
  s=$(date +%s.%N)
  "$build/ordo" plan "$dir/$n.json" -o "$dir/$n" --time-limit "$limit" --threads "$threads" --check --quiet
  e=$(date +%s.%N)
  ms=$(sed -nE 's/.*"makespan_minutes": ([0-9]+).*/\1/p' "$dir/$n/plan.json")
  gap=$(awk "BEGIN{printf \"%.2f\", 100*($ms-$best)/$best}")
  gms=-; ggap=-
  if [ $peer = 1 ] && [ $jsp = 1 ]; then
    to_dzn "datasets/scheduling/jobshop/$n" "$dir/$n.dzn"
    gms=$(timeout $((${limit%.*} + 30)) minizinc --solver gecode -p "$threads" --time-limit "$(awk "BEGIN{print int($limit*1000)}")" -a \
          benchmarks/jobshop.mzn "$dir/$n.dzn" 2>/dev/null | sed -nE 's/^makespan = ([0-9]+)/\1/p' | tail -1 || true)
    if [ -n "$gms" ]; then ggap=$(awk "BEGIN{printf \"%.2f\", 100*($gms-$best)/$best}"); else gms=-; fi
  fi
  printf "%-6s %7s %8s %7s %8s %7s %7.2f\n" "$n" "$best" "$ms" "$gap" "$gms" "$ggap" "$(awk "BEGIN{print $e-$s}")"
  echo "$n,$best,$ms,$gap,$gms,$ggap,$(awk "BEGIN{printf \"%.2f\", $e-$s}")" >> "$csv"
done
awk -F, 'NR>1 {f=substr($1,1,2); if (f=="ta") f=(substr($1,3,2)+0<=50 ? "ta01-50" : "ta51-80");
         g[f]+=$4; c[f]++;
         if ($5!="-") {pg[f]+=$6; pc[f]++; if ($3<$5) a[f]++; else if ($3==$5) t[f]++; else b[f]++}}
     END {for (f in g) {
            printf "mean gap %-8s ordo %.2f%% over %d", f, g[f]/c[f], c[f];
            if (pc[f]) printf "; gecode %.2f%% over %d; ordo ahead %d, level %d, behind %d", pg[f]/pc[f], pc[f], a[f]+0, t[f]+0, b[f]+0;
            printf "\n"}}' "$csv" | sort
echo "# CSV: $csv"
