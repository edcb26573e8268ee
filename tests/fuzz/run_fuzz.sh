#!/bin/sh
# run_fuzz.sh [SECONDS [HARNESS...]] -- build the fuzz harnesses with clang's libFuzzer, ASan and UBSan
# (build-fuzz/) and run each for SECONDS (default 60) on one core, starting from its corpus in
# tests/fuzz/corpus (new inputs go to build-fuzz/corpus-NAME, crashes to build-fuzz/). Prints
# each harness's executions and coverage as libFuzzer reports them at the end. HARNESS is
# load, gen, files or request (default: all four).
set -e
secs=${1:-60}
[ $# -gt 0 ] && shift
harnesses=${*:-load gen files request}
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
cmake -S . -B build-fuzz -DCMAKE_C_COMPILER=clang-14 -DCMAKE_BUILD_TYPE=Debug -DORDO_FUZZ=ON \
      -DORDO_SANITIZE=address,undefined -DORDO_BUILD_BENCHMARKS=OFF >/dev/null
cmake --build build-fuzz -j2 --target fuzz_load fuzz_gen fuzz_files fuzz_request >/dev/null
set +e  # a harness that finds something stops; the others still run
export ORDO_SOURCE_DIR="$root" OMP_NUM_THREADS=1 LSAN_OPTIONS="suppressions=$root/tests/fuzz/lsan.supp"  # libhdf5 leaks on some damaged files
for h in $harnesses; do
  mkdir -p "build-fuzz/corpus-$h"
  seeds="tests/fuzz/corpus/$h"
  [ -d "$seeds" ] || seeds=datasets/demo
  (cd build-fuzz && ./tests/fuzz_$h -max_total_time="$secs" -timeout=300 -rss_limit_mb=4096 -print_final_stats=1 \
      "corpus-$h" "$root/$seeds" 2>&1 | grep -E "stat::number_of_executed_units|cov:|SUMMARY|ERROR" | tail -3) \
    | sed "s/^/fuzz_$h: /"
done
