#!/usr/bin/env bash
# exec/s and coverage of every frame and route fuzz target under libFuzzer
# + ASan + UBSan, one process pinned to one core, with the target's seeds,
# dictionary and max_len (targets/T.options).
#
#   bench/fuzz_targets.sh [TARGET...]      default: every "frame" and "route" target
#   FUZZ_SECONDS per run (default 8; 3 with BENCH_QUICK=1), BENCH_RUNS runs each (>= 3)
#
# A run counts only if libFuzzer exits 0 after its time (no crash, leak or
# timeout) and reports a positive number of executed units; anything else
# fails the bench.  Prints median exec/s, median final coverage (cov: edges)
# and whether the 50k exec/s goal is met.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
if bench_quick; then S=${FUZZ_SECONDS:-3}; else S=${FUZZ_SECONDS:-8}; fi
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for t in $(make -s --no-print-directory print-targets); do
    grep -qE 'NF_TARGET\([^,]*, "(frame|route)"' "targets/$t.c" 2>/dev/null && targets+=("$t")
  done
fi
make -s --no-print-directory ENGINE=libfuzzer SANITIZER=address \
  $(printf 'build/libfuzzer-address/%s ' "${targets[@]}") >/dev/null
cpu=$(( $(nproc) - 1 ))
echo "## fuzz targets: libFuzzer + ASan + UBSan, ${S}s x $BENCH_RUNS runs each, pinned to CPU $cpu; load $(bench_load) at start"
printf '| %-18s | %10s | %8s | %-7s | %s |\n' target "exec/s" "cov" "50k" "runs (exec/s)"
printf '|%s|%s|%s|%s|%s|\n' "--------------------" "------------" "----------" "---------" "------"
for t in "${targets[@]}"; do
  ml=$(sed -n 's/^max_len *= *//p' "targets/$t.options" | head -1)
  rates=() covs=()
  for ((r = 0; r < BENCH_RUNS; r++)); do
    c=$BENCH_TMP/corpus.$t.$r
    mkdir -p "$c"
    seeds=()
    [ -d "corpora/$t" ] && seeds+=("corpora/$t")
    set +e
    taskset -c "$cpu" "build/libfuzzer-address/$t" -dict="targets/$t.dict" ${ml:+-max_len=$ml} \
      -max_total_time="$S" -print_final_stats=1 -artifact_prefix="$BENCH_TMP/" "$c" "${seeds[@]}" \
      > "$BENCH_TMP/$t.log" 2>&1
    rc=$?
    set -e
    read -r rate cov < <(bench_libfuzzer_result "$t" "$BENCH_TMP/$t.log" "$rc") || exit 1
    [ -n "$rate" ] || exit 1
    rates+=("$rate")
    covs+=("$cov")
  done
  med=$(printf '%s\n' "${rates[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  cov=$(printf '%s\n' "${covs[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  printf '| %-18s | %10s | %8s | %-7s | %s |\n' "$t" "$med" "$cov" "$( [ "$med" -ge 50000 ] && echo met || echo 'NOT met')" "${rates[*]}"
done
echo "load $(bench_load) at end"
