#!/usr/bin/env bash
# pcap_file against libpcap's own testprogs/fuzz/fuzz_pcap, side by side at
# equal instrumentation: both are libFuzzer + ASan + UBSan harnesses linked
# to the same libpcap built from Debian's source package with ASan and
# libFuzzer coverage (ci/build-deps.sh, cached machine-wide), both start
# from the same seeds: tcpdump's test captures of at most 16 KiB (Debian's
# tcpdump source package), both run pinned to the same CPU, alternately.
#
#   bench/pcap_fuzz.sh        FUZZ_SECONDS per run (default 30; 5 with BENCH_QUICK=1)
#
# fuzz_pcap.c (libpcap 1.10) writes every input to the fixed path
# /tmp/fuzz.pcap, so it runs in a private mount namespace with its own
# tmpfs /tmp (needs root), where it cannot collide with anything else.
# A run that exits non-zero or executes nothing fails the bench.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
if bench_quick; then S=${FUZZ_SECONDS:-5}; else S=${FUZZ_SECONDS:-30}; fi
[ "$(id -u)" = 0 ] || { echo "bench/pcap_fuzz.sh: needs root (private /tmp for fuzz_pcap)" >&2; exit 1; }
W=$PWD/build/bench/pcap_fuzz
mkdir -p "$W/src"
flags="-O1 -g -gline-tables-only -fno-omit-frame-pointer -fsanitize=address -fsanitize=fuzzer-no-link"
DEPS_CFLAGS="$flags" ci/build-deps.sh "$W/deps" >/dev/null 2>"$W/deps.log" ||
  { echo "bench: FAILED: ci/build-deps.sh: $(tail -2 "$W/deps.log")" >&2; exit 1; }
grep -q '^libpcap instrumented' "$W/deps/STATUS" ||
  { echo "bench: FAILED: no instrumented libpcap in $W/deps" >&2; exit 1; }
for pkg in libpcap tcpdump; do
  ls -d "$W/src/$pkg"-*/ >/dev/null 2>&1 ||
    (cd "$W/src" && apt-get source "$pkg" >/dev/null 2>&1) ||
    { echo "bench: FAILED: apt-get source $pkg" >&2; exit 1; }
done
if [ ! -d "$W/seeds" ]; then
  mkdir -p "$W/seeds"
  find "$W"/src/tcpdump-*/tests -type f -name '*.pcap*' -size -17k -exec cp {} "$W/seeds/" \;
fi
nseeds=$(find "$W/seeds" -type f | wc -l)
[ "$nseeds" -gt 100 ] || { echo "bench: FAILED: only $nseeds seed captures" >&2; exit 1; }

make -s --no-print-directory ENGINE=libfuzzer SANITIZER=address build/libfuzzer-address/pcap_file >/dev/null
L=build/libfuzzer-address
F="-g -O1 -fno-omit-frame-pointer -gline-tables-only -fsanitize=address,undefined -fno-sanitize-recover=undefined -fsanitize=fuzzer"
clang $F "$L/obj/fuzz/pcap_file.o" "$L/obj/libnetfuzz.a" "$W/deps/lib/libpcap.a" \
  -lssl -lcrypto -lmnl -ljansson -lm -o "$W/pcap_file"
clang $F -I"$W/deps/include" "$(ls -d "$W"/src/libpcap-*/ | head -1)testprogs/fuzz/fuzz_pcap.c" \
  "$W/deps/lib/libpcap.a" -o "$W/fuzz_pcap"

cpu=$(( $(nproc) - 1 ))
run() { # NAME ROUND: one run, "exec/s exec/CPU-s cov" appended to $BENCH_TMP/NAME
  local name=$1 c=$W/corpus.$1.$2
  rm -rf "$c"; mkdir -p "$c"
  if [ "$name" = fuzz_pcap ]; then
    bench_libfuzzer_run "$name" "$W/$name.log" unshare -m sh -c 'mount -t tmpfs none /tmp && exec "$@"' sh \
      taskset -c "$cpu" "$W/fuzz_pcap" -max_len=16384 -max_total_time="$S" -print_final_stats=1 \
      -artifact_prefix="$W/" "$c" "$W/seeds" >> "$BENCH_TMP/$name" || exit 1
  else
    bench_libfuzzer_run "$name" "$W/$name.log" taskset -c "$cpu" "$W/pcap_file" -dict=targets/pcap_file.dict \
      -max_len=16384 -max_total_time="$S" -print_final_stats=1 -artifact_prefix="$W/" "$c" "$W/seeds" \
      >> "$BENCH_TMP/$name" || exit 1
  fi
}
load0=$(bench_load)
for ((r = 0; r < BENCH_RUNS; r++)); do
  run pcap_file "$r"
  run fuzz_pcap "$r"
done
med() { bench_median_col "$BENCH_TMP/$1" "$2"; }
echo "## pcap_file vs libpcap's fuzz_pcap: ${S}s x $BENCH_RUNS alternating runs, CPU $cpu, $nseeds seeds; load $load0 -> $(bench_load)"
printf '| %-44s | %8s | %10s | %6s | %s |\n' harness "exec/s" "exec/CPU-s" cov "runs (exec/s exec/CPU-s cov)"
printf '|%s|%s|%s|%s|%s|\n' "----------------------------------------------" "----------" "------------" "--------" "------"
for n in pcap_file fuzz_pcap; do
  printf '| %-44s | %8s | %10s | %6s | %s |\n' "$n (instrumented libpcap 1.10)" "$(med $n 1)" "$(med $n 2)" "$(med $n 3)" "$(tr '\n' ';' < "$BENCH_TMP/$n")"
done
ratio=$(bench_ratio "$(med pcap_file 1)" "$(med fuzz_pcap 1)")
ratioc=$(bench_ratio "$(med pcap_file 2)" "$(med fuzz_pcap 2)")
goal() { awk -v r="$1" 'BEGIN {print (r >= 1 ? "met" : "NOT met")}'; }
echo "pcap_file / fuzz_pcap: exec/s ${ratio}x, exec per CPU-second ${ratioc}x (goal >= 1x: $(goal "$ratio") wall, $(goal "$ratioc") CPU); pcap_file also dissects up to $(sed -n 's/^#define NF_MAX_FUZZ_PCAP_PACKETS *\([0-9]*\).*/\1/p' include/netfuzz/limits.h) packets per input and prints 1 in 8 inputs (targets/sink.h)"
