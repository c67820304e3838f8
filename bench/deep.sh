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
#   bench/deep.sh replay-cost T...        the same on a fixed workload: CPU time
#                                         to execute each final campaign corpus
#                                         REPS (10) times, oracles on vs off
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

# The whole script is one function, read before it runs: editing the file
# while a long run is under way cannot change what that run executes.
main() {
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
  # Both harnesses link the same libpcap: the instrumented one the default
  # build uses (build/libfuzzer-address/deps, OSS-Fuzz's flags); fuzz_pcap.c
  # comes from the installed version's Debian source package.
  [ "$(id -u)" = 0 ] || die "pcap: needs root (fuzz_pcap writes /tmp/fuzz.pcap: private mount namespace)"
  make -s --no-print-directory "$L/pcap_file" >/dev/null || die "make $L/pcap_file failed"
  make -s --no-print-directory ENGINE=coverage SANITIZER=none build/coverage-none/pcap_file >/dev/null ||
    die "make ENGINE=coverage SANITIZER=none build/coverage-none/pcap_file failed"
  mkdir -p "$W/src"
  ls -d "$W"/src/libpcap-*/ >/dev/null 2>&1 || (cd "$W/src" && apt-get source libpcap >/dev/null 2>&1) ||
    die "apt-get source libpcap failed"
  src=$(ls -d "$W"/src/libpcap-*/ | head -1)
  D=$L/deps C=build/coverage-none
  grep -q '^libpcap instrumented' "$D/STATUS" || die "no instrumented libpcap in $D (make libs)"
  F="-g -O1 -fno-omit-frame-pointer -gline-tables-only -fsanitize=address,undefined -fno-sanitize-recover=undefined -fsanitize=fuzzer"
  clang $F -I"$D/include" "$src/testprogs/fuzz/fuzz_pcap.c" "$D/lib/libpcap.a" -o "$W/fuzz_pcap" 2>"$W/fuzz_pcap.build" ||
    die "build fuzz_pcap: $(tail -2 "$W/fuzz_pcap.build")"
  clang -g -O0 -fprofile-instr-generate -fcoverage-mapping -I"$C/deps/include" "$src/testprogs/fuzz/fuzz_pcap.c" \
    "$C/obj/targets/driver/standalone.o" "$C/obj/libnetfuzz.a" "$C/deps/lib/libpcap.a" -o "$W/fuzz_pcap.cov" 2>"$W/fuzz_pcap.cov.build" ||
    die "build coverage fuzz_pcap: $(tail -2 "$W/fuzz_pcap.cov.build")"
  priv() { unshare -m sh -c 'mount -t tmpfs none /tmp && exec "$@"' sh "$@"; } # fuzz_pcap's fixed /tmp/fuzz.pcap
  l0=$(load)
  lf pcap_file 0 "$L/pcap_file" pcap_file "$S"
  rm -rf "$W/corpus.fuzz_pcap" "$W/art.fuzz_pcap"; mkdir -p "$W/corpus.fuzz_pcap" "$W/art.fuzz_pcap"
  cp corpora/pcap_file/* "$W/corpus.fuzz_pcap/"
  /usr/bin/time -f '%U %S' -o "$W/fuzz_pcap.time" unshare -m sh -c 'mount -t tmpfs none /tmp && exec "$@"' sh \
    taskset -c 1 "$W/fuzz_pcap" -max_len="$(opt pcap_file max_len)" -max_total_time="$S" -print_final_stats=1 \
    -artifact_prefix="$W/art.fuzz_pcap/" "$W/corpus.fuzz_pcap" > "$W/fuzz_pcap.log" 2>&1 &
  wait
  header "## pcap_file vs libpcap's fuzz_pcap, ${S}s side by side, same seeds (corpora/pcap_file), same instrumented libpcap; $(stamp); load $l0 -> $(load)"
  row "pcap_file (cov: all its code)" pcap_file
  row "fuzz_pcap (cov: all its code)" fuzz_pcap
  # libpcap's own code: each final corpus replayed once through a clang
  # source-based coverage build (the coverage configuration's libpcap,
  # built with the same -fprofile-instr-generate flags), llvm-cov report
  # restricted to libpcap's source files.
  echo
  echo "libpcap's own code reached by each final corpus (llvm-cov report, files of libpcap only; covered / total):"
  printf '| %-10s | %6s | %15s | %15s | %15s |\n' harness inputs regions functions lines
  printf '|%s|%s|%s|%s|%s|\n' ------------ -------- ----------------- ----------------- -----------------
  for h in pcap_file fuzz_pcap; do
    rm -rf "$W/prof.$h"; mkdir -p "$W/prof.$h"
    n=$(find "$W/corpus.$h" -type f | wc -l)
    if [ $h = pcap_file ]; then bin=$C/pcap_file; else bin=$W/fuzz_pcap.cov; fi
    LLVM_PROFILE_FILE="$W/prof.$h/%p.profraw" NETFUZZ_QUIET=1 priv "$bin" "$W/corpus.$h" >/dev/null 2>&1
    ls "$W/prof.$h"/*.profraw >/dev/null 2>&1 || die "replay of $h's corpus wrote no profile"
    llvm-profdata merge -sparse "$W/prof.$h"/*.profraw -o "$W/$h.profdata" || die "llvm-profdata merge ($h)"
    llvm-cov report "$bin" -instr-profile="$W/$h.profdata" > "$W/$h.report.all" 2>/dev/null
    # rows of libpcap's files: ci/build-deps.sh compiles it in .../libpcap/tree/
    grep -E '/libpcap/tree/' "$W/$h.report.all" > "$W/$h.report" || die "llvm-cov report of $h lists no libpcap file"
    grep -vE '/(gencode|grammar|scanner|optimize|nametoaddr)\.c ' "$W/$h.report" > "$W/$h.report.nocomp"
    awk -v h="$h" -v n="$n" '{rt += $2; rm += $3; ft += $5; fm += $6; lt += $8; lm += $9}
      END {printf "| %-10s | %6d | %6d / %6d | %6d / %6d | %6d / %6d |\n", h, n, rt - rm, rt, ft - fm, ft, lt - lm, lt}' "$W/$h.report"
  done
  for k in report report.nocomp; do
    a=$(awk '{t += $2 - $3} END {print t + 0}' "$W/pcap_file.$k"); b=$(awk '{t += $2 - $3} END {print t + 0}' "$W/fuzz_pcap.$k")
    what="all of libpcap"; [ $k = report.nocomp ] && what="libpcap without the filter compiler (gencode grammar scanner optimize nametoaddr: pcap_file's BPF oracle compiles 12 filters)"
    awk -v a="$a" -v b="$b" -v w="$what" 'BEGIN {printf "regions covered in %s: pcap_file %d, fuzz_pcap %d, ratio %.2f (goal > 1: %s)\n", w, a, b, (b ? a / b : 0), (a > b ? "met" : "NOT met")}'
  done
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
replay-cost)
  # The oracle's cost on a fixed workload: each target's final campaign
  # corpus ($W/corpus.camp_T, else corpora/T) executed once by the libFuzzer
  # binary (-runs=0), NF_ORACLE=1 and =0 alternately, RUNS (5) times each;
  # median CPU seconds (user+sys).  Same inputs on both sides, so the ratio
  # is the oracle's share of the work, independent of what the fuzzer would
  # have generated and of the machine's load.
  [ $# -gt 0 ] || die "replay-cost: name the targets"
  runs=${RUNS:-5} reps=${REPS:-10}
  echo "## oracle cost on a fixed corpus: CPU seconds to execute it $reps times (one process each), NF_ORACLE=1 vs 0, median of $runs alternating runs; $(stamp); load $(load)"
  printf '| %-14s | %7s | %10s | %10s | %8s | %s |\n' target inputs "CPU s on" "CPU s off" "on/off" "exec/CPU-s on/off (= off/on CPU)"
  printf '|%s|%s|%s|%s|%s|%s|\n' ---------------- --------- ------------ ------------ ---------- ----
  for t in "$@"; do
    make -s --no-print-directory "$L/$t" >/dev/null || die "make $L/$t failed"
    c=$W/corpus.camp_$t; [ -d "$c" ] || c=$W/corpus.$t; [ -d "$c" ] || c=corpora/$t
    n=$(find "$c" -type f | wc -l)
    rm -f "$W/rc.$t.on" "$W/rc.$t.off"
    for ((r = 0; r < runs; r++)); do
      for v in on off; do
        o=1; [ $v = off ] && o=0
        : > "$W/rc.tmp.all"
        for ((k = 0; k < reps; k++)); do
          NF_ORACLE=$o NETFUZZ_QUIET=1 /usr/bin/time -f '%U %S' -o "$W/rc.tmp" "$L/$t" -runs=0 \
            -max_len="$(opt "$t" max_len)" "$c" > "$W/rc.$t.log" 2>&1 || die "$t NF_ORACLE=$o failed: $(grep -m1 -E 'ERROR|oracle' "$W/rc.$t.log")"
          awk '$1 ~ /^[0-9.]+$/ {print $1 + $2}' "$W/rc.tmp" | tail -1 >> "$W/rc.tmp.all"
        done
        awk '{s += $1} END {print s}' "$W/rc.tmp.all" >> "$W/rc.$t.$v"
      done
    done
    m() { sort -g "$1" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
    on=$(m "$W/rc.$t.on"); off=$(m "$W/rc.$t.off")
    awk -v t="$t" -v n="$n" -v a="$on" -v b="$off" 'BEGIN {printf "| %-14s | %7d | %10.2f | %10.2f | %8.2f | %.2f |\n", t, n, a, b, (b ? a / b : 0), (a ? b / a : 0)}'
  done
  echo "load at the end: $(load)"
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
  # clones outside the work tree (the Makefile's wildcards must not see them)
  X=${DEEP_SCRATCH:-/tmp/nf-deep}; mkdir -p "$X"
  for v in now:HEAD before:$old; do
    d=$X/clone.${v%%:*}
    rm -rf "$d"; git clone -q --no-checkout . "$d" && git -C "$d" checkout -q "$(git rev-parse "${v#*:}")" ||
      die "clone $v failed"
  done
  echo "## make (default configuration, make -j2) in fresh clones, warm library cache ($(paste -sd, "$L/deps/STATUS")); now $(git rev-parse --short HEAD) vs before $old; $(stamp)"
  for ((r = 1; r <= runs; r++)); do
    for v in now before; do
      d=$X/clone.$v
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
  sed -n '2,29p' "$0" | sed 's/^# \{0,1\}//'
  [ -z "$cmd" ] || exit 2
  ;;
esac
}
main "$@"; exit $?
