#!/usr/bin/env bash
# exec/s and coverage of every frame and route fuzz target under libFuzzer
# + ASan + UBSan, one process pinned to one core, with the target's seeds,
# dictionary and max_len (targets/T.options).
#
#   bench/fuzz_targets.sh [TARGET...]      default: every "frame" and "route" target
#   FUZZ_SECONDS per run (default 30; 5 with BENCH_QUICK=1), BENCH_RUNS runs each (>= 3)
#
# A run counts only if libFuzzer exits 0 after its time (no crash, leak or
# timeout) and reports a positive number of executed units; anything else
# fails the bench.  Per target it prints the medians of: libFuzzer's exec/s
# (wall), executed units per CPU-second of the fuzzer process (user + sys:
# what one dedicated core gives, unaffected by other processes on a shared
# machine), and final coverage (cov: edges); the load average before and
# after the target's runs; and whether the 50k goal is met, judged on exec
# per CPU-second.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
if bench_quick; then S=${FUZZ_SECONDS:-5}; else S=${FUZZ_SECONDS:-30}; fi
targets=("$@")
known=" $(make -s --no-print-directory print-targets) "
for t in "${targets[@]}"; do
  [[ "$known" == *" $t "* ]] || { echo "bench/fuzz_targets.sh: unknown target '$t' (netfuzz list names them)" >&2; exit 2; }
done
if [ ${#targets[@]} -eq 0 ]; then
  for t in $(make -s --no-print-directory print-targets); do
    grep -qE 'NF_TARGET\([^,]*, "(frame|route)"' "targets/$t.c" 2>/dev/null && targets+=("$t")
  done
fi
make -s --no-print-directory ENGINE=libfuzzer SANITIZER=address \
  $(printf 'build/libfuzzer-address/%s ' "${targets[@]}") >/dev/null
cpu=$(( $(nproc) - 1 ))
echo "## fuzz targets: libFuzzer + ASan + UBSan, ${S}s x $BENCH_RUNS runs each, pinned to CPU $cpu; load $(bench_load) at start"
printf '| %-18s | %8s | %9s | %6s | %-7s | %-11s | %s |\n' target "exec/s" "exec/CPU-s" "cov" "50k" "load" "runs (exec/s, exec/CPU-s)"
printf '|%s|%s|%s|%s|%s|%s|%s|\n' "--------------------" "----------" "-----------" "--------" "---------" "-------------" "------"
for t in "${targets[@]}"; do
  ml=$(sed -n 's/^max_len *= *//p' "targets/$t.options" | head -1)
  : > "$BENCH_TMP/$t.runs"
  l0=$(bench_load)
  for ((r = 0; r < BENCH_RUNS; r++)); do
    c=$BENCH_TMP/corpus.$t.$r
    mkdir -p "$c"
    seeds=()
    [ -d "corpora/$t" ] && seeds+=("corpora/$t")
    bench_libfuzzer_run "$t" "$BENCH_TMP/$t.log" taskset -c "$cpu" "build/libfuzzer-address/$t" \
      -dict="targets/$t.dict" ${ml:+-max_len=$ml} -max_total_time="$S" -print_final_stats=1 \
      -artifact_prefix="$BENCH_TMP/" "$c" "${seeds[@]}" >> "$BENCH_TMP/$t.runs" || exit 1
  done
  med=$(bench_median_col "$BENCH_TMP/$t.runs" 1)
  medc=$(bench_median_col "$BENCH_TMP/$t.runs" 2)
  cov=$(bench_median_col "$BENCH_TMP/$t.runs" 3)
  printf '| %-18s | %8s | %9s | %6s | %-7s | %-11s | %s |\n' "$t" "$med" "$medc" "$cov" \
    "$( [ "$medc" -ge 50000 ] && echo met || echo 'NOT met')" "$l0->$(bench_load)" \
    "$(awk '{printf "%s%s/%s", (NR > 1 ? " " : ""), $1, $2}' "$BENCH_TMP/$t.runs")"
done
echo "load $(bench_load) at end"
