#!/usr/bin/env bash
# Replay speed, measured side by side on the same inputs in one run:
#   batch     netfuzz regress: in-process batches (default 1000 inputs per worker)
#   fork      netfuzz regress --batch 1: one worker process per input
#   loop      a shell loop, one standalone process per file (no harness)
#   driver    the standalone driver alone on the directory (one process)
#   libfuzzer libFuzzer's own directory replay: build/libfuzzer-address/T -runs=0 DIR
# Inputs: BENCH_N deterministic mutants of corpora/T (default 1000).
# Prints the median of BENCH_RUNS runs (default 3) of each, and the ratios.
# Each run must exit 0 (set -e: a failed replay ends the bench with its status).
#   usage: bench/replay.sh [TARGET]      (default frame_ether)
set -euo pipefail
cd "$(dirname "$0")/.."
T=${1:-frame_ether}
N=${BENCH_N:-1000}
[ "${BENCH_QUICK:-0}" = 1 ] && N=${BENCH_N:-300}
RUNS=${BENCH_RUNS:-3}
W=$PWD
make -s --no-print-directory cli >/dev/null
make -s --no-print-directory ENGINE=standalone SANITIZER=address "build/standalone-address/$T" >/dev/null
make -s --no-print-directory ENGINE=libfuzzer SANITIZER=address "build/libfuzzer-address/$T" >/dev/null
tmp=$(mktemp -d /tmp/nf-bench-replay.$$.XXXX)
trap 'rm -rf "$tmp"' EXIT

# A project root holding only the generated corpus, so `netfuzz regress
# --only T` replays exactly these inputs through the real harness.
R=$tmp/root
mkdir -p "$R/corpora/$T" "$R/build/standalone-address"
ln -s "$W/build/standalone-address/$T" "$R/build/standalone-address/$T"
python3 - "corpora/$T" "$R/corpora/$T" "$N" <<'PY'
import os, random, sys
src, dst, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
seeds = [open(os.path.join(src, f), "rb").read() for f in sorted(os.listdir(src)) if not f.startswith(".")]
for i in range(n):
    rnd = random.Random(i)
    b = bytearray(seeds[i % len(seeds)])
    for _ in range(rnd.randint(0, 4)):
        if b:
            b[rnd.randrange(len(b))] = rnd.randrange(256)
    open(os.path.join(dst, "in%05d" % i), "wb").write(bytes(b))
PY
export ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1
B=$W/build/standalone-address/$T
L=$W/build/libfuzzer-address/$T

t_batch()     { NETFUZZ_ROOT=$R "$W/bin/netfuzz" regress --only "$T" --json >/dev/null; }
t_fork()      { NETFUZZ_ROOT=$R "$W/bin/netfuzz" regress --only "$T" --batch 1 --json >/dev/null; }
t_loop()      { for f in "$R/corpora/$T"/*; do NETFUZZ_QUIET=1 "$B" "$f" 2>/dev/null || return 1; done; }
t_driver()    { NETFUZZ_QUIET=1 "$B" "$R/corpora/$T" 2>/dev/null; }
t_libfuzzer() { "$L" -runs=0 "$R/corpora/$T" 2>/dev/null; }

secs() { # run a function, print its wall time in seconds
  local t0 t1
  t0=$(date +%s.%N); "$1"; t1=$(date +%s.%N)
  awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.6f\n", b - a}'
}
div() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.6f\n", a / b}'; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

declare -A med
for m in batch fork loop driver libfuzzer; do
  : > "$tmp/$m"
  for _ in $(seq "$RUNS"); do secs "t_$m" >> "$tmp/$m"; done
  med[$m]=$(median < "$tmp/$m")
done

printf 'replay of %d inputs of %s, median of %d runs (wall seconds)\n' "$N" "$T" "$RUNS"
for m in batch fork loop driver libfuzzer; do
  printf '  %-10s %8.3f s  %9.0f inputs/s\n' "$m" "${med[$m]}" "$(div "$N" "${med[$m]}")"
done
printf 'ratio fork/batch (netfuzz --batch 1 vs batches):  %.1fx\n' "$(div "${med[fork]}" "${med[batch]}")"
printf 'ratio loop/batch (process per file vs batches):   %.1fx\n' "$(div "${med[loop]}" "${med[batch]}")"
printf 'ratio batch/libfuzzer (netfuzz vs libFuzzer -runs=0 DIR): %.2fx\n' "$(div "${med[batch]}" "${med[libfuzzer]}")"
printf 'ratio batch/driver (harness overhead over one bare process): %.2fx\n' "$(div "${med[batch]}" "${med[driver]}")"
