#!/usr/bin/env bash
# Issue 14 figures: instrumented libraries and in-loop oracles.  Every fuzz
# run is libFuzzer, bounded by -max_total_time, pinned to one CPU (at most
# two runs at once, one per core), started from a fresh copy of the same
# seeds, and measured two ways: exec/s as libFuzzer reports it (wall clock,
# so it falls when the shared machine is loaded) and executions per
# CPU-second of the fuzzer process (execs / (user+sys) from /usr/bin/time),
# which is what one dedicated core would give.  The load average is printed
# beside every figure.  A run that exits non-zero or executes nothing fails.
#
#   bench/deep.sh x509 [SECONDS]          x509_der: default (instrumented) build
#                                         vs the OSS-Fuzz build, side by side
#   bench/deep.sh pcap [SECONDS]          pcap_file vs libpcap's fuzz_pcap, side
#                                         by side, then each final corpus replayed
#                                         through a -fprofile-instr-generate build
#                                         and llvm-cov report counted over
#                                         libpcap's own source files only
#   bench/deep.sh cost [SECONDS] T...     NF_ORACLE=1 vs NF_ORACLE=0 side by side
#   bench/deep.sh campaign [SECONDS] T... SECONDS of each target, two at a time;
#                                         prints each run's findings (an oracle
#                                         disagreement is a crash: its stderr
#                                         names "netfuzz oracle")
#   bench/deep.sh make-time [COMMIT]      `make` wall time in fresh clones with a
#                                         warm library cache, HEAD vs COMMIT
#                                         (default 6805175^1, before issue 14),
#                                         alternately, RUNS (3) times each
# SECONDS defaults to 300.  Work files: build/bench/deep/.
set -uo pipefail
cd "$(dirname "$0")/.."
W=$PWD/build/bench/deep
L=build/libfuzzer-address
mkdir -p "$W"

die() { echo "bench/deep.sh: $*" >&2; exit 1; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
opt() { # TARGET KEY: a [libfuzzer] value from targets/T.options
  awk -v k="$2" '/^\[/ {s = $0} s == "[libfuzzer]" && $1 == k {print $3}' "targets/$1.options"
}

# lf NAME CPU BIN TARGET SECONDS [ENV=V...] -- [extra libFuzzer args]
# One libFuzzer run in the background; its log is $W/NAME.log and its
# /usr/bin/time line (user sys) $W/NAME.time.  The corpus starts as a copy
# of corpora/TARGET (plus $SEEDS when set: a directory of extra seeds).
lf() {
  local name=$1 cpu=$2 bin=$3 t=$4 s=$5 envs=() extra=() dict ml
  shift 5
  while [ $# -gt 0 ] && [ "$1" != -- ]; do envs+=("$1"); shift; done
  [ $# -gt 0 ] && shift
  extra=("$@")
  [ -x "$bin" ] || die "$bin not built"
  rm -rf "$W/corpus.$name" "$W/art.$name"; mkdir -p "$W/corpus.$name" "$W/art.$name"
  cp -r "corpora/$t/." "$W/corpus.$name/" 2>/dev/null
  [ -n "${SEEDS:-}" ] && cp "$SEEDS"/* "$W/corpus.$name/" 2>/dev/null
  find "$W/corpus.$name" -name '.*' -delete
  dict=$(opt "$t" dict); ml=$(opt "$t" max_len)
  env "${envs[@]}" NETFUZZ_QUIET=1 /usr/bin/time -f '%U %S' -o "$W/$name.time" taskset -c "$cpu" "$bin" \
    ${dict:+-dict=targets/$dict} ${ml:+-max_len=$ml} -max_total_time="$s" -print_final_stats=1 \
    -artifact_prefix="$W/art.$name/" "${extra[@]}" "$W/corpus.$name" > "$W/$name.log" 2>&1 &
}

# result NAME: "execs exec/s cpu_s exec/cpu_s cov ft status"
result() {
  local n=$1 units eps cpu cov ft st
  units=$(sed -n 's/^stat::number_of_executed_units: *//p' "$W/$n.log")
  eps=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$W/$n.log")
  cpu=$(awk 'NF >= 2 && $1 ~ /^[0-9.]+$/ {print $1 + $2}' "$W/$n.time" | tail -1)
  cov=$(grep -E '^#[0-9]+' "$W/$n.log" | sed -n 's/.*cov: \([0-9]*\).*/\1/p' | tail -1)
  ft=$(grep -E '^#[0-9]+' "$W/$n.log" | sed -n 's/.*ft: \([0-9]*\).*/\1/p' | tail -1)
  st=ok
  if grep -q 'netfuzz oracle' "$W/$n.log"; then st="DISAGREEMENT:$(grep -m1 -o 'netfuzz oracle [a-z-]*' "$W/$n.log" | cut -d' ' -f3)"
  elif grep -qE '^==[0-9]+==ERROR|deadly signal|ERROR: libFuzzer' "$W/$n.log"; then st="CRASH:$(grep -m1 -oE 'ERROR: [A-Za-z]+: [a-z-]+|deadly signal' "$W/$n.log" | tr ' ' _)"
  fi
  [ -n "$units" ] && [ "$units" -gt 0 ] 2>/dev/null || st="FAILED(no-executions)"
  awk -v u="${units:-0}" -v e="${eps:-0}" -v c="${cpu:-0}" -v cov="${cov:-0}" -v ft="${ft:-0}" -v st="$st" \
    'BEGIN {printf "%d %d %.1f %d %d %d %s\n", u, e, c, (c > 0 ? u / c : 0), cov, ft, st}'
}

row() { # LABEL NAME
  read -r u e c ec cov ft st < <(result "$2")
  printf '| %-34s | %10s | %7s | %7s | %10s | %6s | %6s | %s |\n' "$1" "$u" "$e" "$c" "$ec" "$cov" "$ft" "$st"
}
header() {
  echo "$1"
  printf '| %-34s | %10s | %7s | %7s | %10s | %6s | %6s | %s |\n' run execs exec/s "CPU s" "exec/CPU-s" cov ft result
  printf '|%s|%s|%s|%s|%s|%s|%s|%s|\n' "------------------------------------" ------------ --------- --------- ------------ -------- -------- --------
}
stamp() { echo "commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src targets || echo '+dirty'), $(nproc) CPUs, $(date -u +%FT%TZ)"; }

cmd=${1:-}; shift || true
S=300
[[ "${1:-}" =~ ^[0-9]+$ ]] && { S=$1; shift; }

case $cmd in
x509)
  make -s --no-print-directory "$L/x509_der" >/dev/null || die "make $L/x509_der failed"
  O=build/oss-fuzz-check/libfuzzer-address/out
  [ -x "$O/x509_der" ] || { bash ci/check-build.sh libfuzzer-address >"$W/oss-fuzz-check.log" 2>&1; }
  [ -x "$O/x509_der" ] || die "no OSS-Fuzz build of x509_der (see $W/oss-fuzz-check.log)"
  l0=$(load)
  lf x509_default 0 "$L/x509_der" x509_der "$S"
  lf x509_ossfuzz 1 "$O/x509_der" x509_der "$S"
  wait
  header "## x509_der, ${S}s side by side, same seeds (corpora/x509_der); $(stamp); load $l0 -> $(load)"
  row "default build (make; instrumented)" x509_default
  row "OSS-Fuzz build (check-build.sh)" x509_ossfuzz
  a=$(result x509_default | cut -d' ' -f5); b=$(result x509_ossfuzz | cut -d' ' -f5)
  awk -v a="$a" -v b="$b" 'BEGIN {r = (b > 0 ? a / b : 0); printf "default / OSS-Fuzz cov: %.3f (goal: within 10%%: %s)\n", r, (r >= 0.9 ? "met" : "NOT met")}'
  ;;
pcap)
  P=build/bench/pcap_fuzz
  [ -x "$P/fuzz_pcap" ] && [ -x "$P/pcap_file" ] && [ -d "$P/seeds" ] ||
    { BENCH_QUICK=1 FUZZ_SECONDS=1 bash bench/pcap_fuzz.sh >"$W/pcap_fuzz.log" 2>&1 || die "bench/pcap_fuzz.sh failed: $(tail -2 "$W/pcap_fuzz.log")"; }
  [ "$(id -u)" = 0 ] || die "pcap: needs root (fuzz_pcap writes /tmp/fuzz.pcap: private mount namespace)"
  l0=$(load)
  SEEDS=$P/seeds lf pcap_file 0 "$P/pcap_file" pcap_file "$S"
  # fuzz_pcap writes every input to /tmp/fuzz.pcap: a private tmpfs /tmp.
  rm -rf "$W/corpus.fuzz_pcap" "$W/art.fuzz_pcap"; mkdir -p "$W/corpus.fuzz_pcap" "$W/art.fuzz_pcap"
  cp corpora/pcap_file/* "$P"/seeds/* "$W/corpus.fuzz_pcap/"
  /usr/bin/time -f '%U %S' -o "$W/fuzz_pcap.time" unshare -m sh -c 'mount -t tmpfs none /tmp && exec "$@"' sh \
    taskset -c 1 "$P/fuzz_pcap" -max_len=16384 -max_total_time="$S" -print_final_stats=1 \
    -artifact_prefix="$W/art.fuzz_pcap/" "$W/corpus.fuzz_pcap" > "$W/fuzz_pcap.log" 2>&1 &
  wait
  header "## pcap_file vs libpcap's fuzz_pcap, ${S}s side by side, same seeds (corpora/pcap_file + tcpdump's test captures); $(stamp); load $l0 -> $(load)"
  row "pcap_file (all instrumented code)" pcap_file
  row "fuzz_pcap (all instrumented code)" fuzz_pcap
  # libpcap's own code: both harnesses rebuilt with clang source-based
  # coverage (target and libpcap alike), each final corpus replayed once,
  # llvm-cov report restricted to libpcap's source files.
  C=$W/cov; mkdir -p "$C"
  CF="-O1 -g -fprofile-instr-generate -fcoverage-mapping"
  if [ ! -f "$C/deps/lib/libpcap.a" ]; then
    DEPS_CFLAGS="$CF" ci/build-deps.sh "$C/deps" >"$C/deps.log" 2>&1 || die "coverage libpcap: see $C/deps.log"
  fi
  make -s --no-print-directory ENGINE=coverage SANITIZER=none build/coverage-none/pcap_file >/dev/null 2>&1 ||
    die "make ENGINE=coverage SANITIZER=none build/coverage-none/pcap_file failed"
  cb=build/coverage-none
  clang $CF "$cb/obj/fuzz/pcap_file.o" "$cb/obj/libnetfuzz.a" "$(ls "$cb"/obj/*driver*.o 2>/dev/null | head -1)" \
    "$C/deps/lib/libpcap.a" -lssl -lcrypto -lmnl -ljansson -lm -o "$C/pcap_file" 2>"$C/link.log" ||
    die "link coverage pcap_file: $(tail -2 "$C/link.log")"
  src=$(ls -d "$P"/src/libpcap-*/ | head -1)
  clang $CF -I"$C/deps/include" "$src/testprogs/fuzz/fuzz_pcap.c" "$src/testprogs/fuzz/onefile.c" \
    "$C/deps/lib/libpcap.a" -o "$C/fuzz_pcap" 2>"$C/link2.log" || die "link coverage fuzz_pcap: $(tail -2 "$C/link2.log")"
  echo
  echo "libpcap's own code, after each final corpus is replayed (llvm-cov report over libpcap's sources):"
  printf '| %-10s | %7s | %12s | %12s | %12s |\n' harness inputs regions "lines" branches
  for h in pcap_file fuzz_pcap; do
    rm -f "$C/$h".*.profraw
    n=0
    while IFS= read -r -d '' f; do
      n=$((n + 1))
      if [ $h = fuzz_pcap ]; then
        LLVM_PROFILE_FILE="$C/$h.%m.profraw" unshare -m sh -c 'mount -t tmpfs none /tmp && exec "$@"' sh "$C/$h" "$f" >/dev/null 2>&1
      fi
    done < <([ $h = fuzz_pcap ] && find "$W/corpus.$h" -type f -print0)
    if [ $h = pcap_file ]; then
      n=$(find "$W/corpus.$h" -type f | wc -l)
      LLVM_PROFILE_FILE="$C/$h.%m.profraw" NETFUZZ_QUIET=1 "$C/$h" "$W/corpus.$h" >/dev/null 2>&1
    fi
    llvm-profdata merge -sparse "$C/$h".*.profraw -o "$C/$h.profdata" || die "no profile from $h"
    llvm-cov report "$C/$h" -instr-profile="$C/$h.profdata" $(find "$C/deps/src" "$src" -name '*.c' 2>/dev/null | head -0) \
      > "$C/$h.report.all" 2>/dev/null
    # keep the rows of libpcap's files (paths under the libpcap source tree)
    awk -v s="libpcap" '$1 ~ s' "$C/$h.report.all" > "$C/$h.report"
    [ -s "$C/$h.report" ] || die "llvm-cov report of $h lists no libpcap file"
    awk -v h="$h" -v n="$n" '{rt += $2; rm += $3; lt += $8; lm += $9; bt += $11; bm += $12}
      END {printf "| %-10s | %7d | %5d / %5d | %5d / %5d | %5d / %5d |\n", h, n, rt - rm, rt, lt - lm, lt, bt - bm, bt}' "$C/$h.report"
  done
  echo "(covered / total; the totals differ only if a file has no code reached by either)"
  ;;
cost)
  [ $# -gt 0 ] || die "cost: name the targets"
  header "## oracle cost, ${S}s per pair, NF_ORACLE=1 (CPU 0) vs NF_ORACLE=0 (CPU 1) side by side; $(stamp)"
  for t in "$@"; do
    make -s --no-print-directory "$L/$t" >/dev/null || die "make $L/$t failed"
    l0=$(load)
    lf "cost_on_$t" 0 "$L/$t" "$t" "$S" NF_ORACLE=1
    lf "cost_off_$t" 1 "$L/$t" "$t" "$S" NF_ORACLE=0
    wait
    row "$t NF_ORACLE=1" "cost_on_$t"
    row "$t NF_ORACLE=0" "cost_off_$t"
    read -r _ e1 _ c1 _ < <(result "cost_on_$t"); read -r _ e0 _ c0 _ < <(result "cost_off_$t")
    awk -v t="$t" -v e1="$e1" -v e0="$e0" -v c1="$c1" -v c0="$c0" -v l="$l0 -> $(load)" \
      'BEGIN {printf "%s on/off: exec/s %.2f, exec/CPU-s %.2f (goal >= 0.70); load %s\n", t, (e0 ? e1 / e0 : 0), (c0 ? c1 / c0 : 0), l}'
  done
  ;;
campaign)
  [ $# -gt 0 ] || die "campaign: name the targets"
  header "## ${S}s campaigns, two at a time (CPU 0 and 1), oracles on; $(stamp)"
  set -- "$@"
  while [ $# -gt 0 ]; do
    a=$1; b=${2:-}; shift; [ -n "$b" ] && shift
    l0=$(load)
    make -s --no-print-directory "$L/$a" ${b:+"$L/$b"} >/dev/null || die "make failed"
    lf "camp_$a" 0 "$L/$a" "$a" "$S"
    [ -n "$b" ] && lf "camp_$b" 1 "$L/$b" "$b" "$S"
    wait
    row "$a (load $l0 -> $(load | cut -d' ' -f1))" "camp_$a"
    [ -n "$b" ] && row "$b (load $l0 -> $(load | cut -d' ' -f1))" "camp_$b"
  done
  echo "artifacts: $W/art.camp_<target>/"
  ;;
make-time)
  # `make` (default configuration) from a fresh clone, warm library cache:
  # HEAD vs OLD (default: the commit before instrumented libraries became
  # the default, 6805175^1), alternately, RUNS times each; median wall.
  old=${1:-6805175^1}; runs=${RUNS:-3}
  old=$(git rev-parse --short "$old") || die "no commit $1"
  for v in now:HEAD before:$old; do
    d=$W/clone.${v%%:*}
    rm -rf "$d"; git clone -q --no-checkout . "$d" && git -C "$d" checkout -q "$(git rev-parse "${v#*:}")" ||
      die "clone $v failed"
  done
  echo "## make (default configuration, make -j2) in fresh clones, warm library cache ($(make -s --no-print-directory libs 2>/dev/null | tail -1)); now $(git rev-parse --short HEAD) vs before $old; $(stamp)"
  for ((r = 1; r <= runs; r++)); do
    for v in now before; do
      d=$W/clone.$v
      rm -rf "$d/build" "$d/bin"
      l0=$(load)
      /usr/bin/time -f '%e %U %S' -o "$W/make.$v.$r" make -C "$d" -j2 >"$W/make.$v.$r.log" 2>&1 ||
        die "make in $d failed: $(tail -3 "$W/make.$v.$r.log")"
      read -r e u sy < "$W/make.$v.$r"
      echo "$v run $r: wall ${e}s, CPU $(awk -v u="$u" -v s="$sy" 'BEGIN {print u + s}')s, load $l0 -> $(load)"
      echo "$e" >> "$W/make.$v.walls"
    done
  done
  med() { sort -g "$W/make.$1.walls" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
  echo "median wall: now $(med now)s, before $(med before)s (ratio $(awk -v a="$(med now)" -v b="$(med before)" 'BEGIN {printf "%.2f", a / b}'))"
  rm -f "$W"/make.*.walls
  ;;
*)
  sed -n '2,26p' "$0" | sed 's/^# \{0,1\}//'
  [ -z "$cmd" ] || exit 2
  ;;
esac
