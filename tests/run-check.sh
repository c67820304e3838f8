#!/usr/bin/env bash
# The test runner of both tiers.  Every check prints TAP ("ok ..." /
# "not ok ..."); this counts them and ends with the line
# "N passed, N failed, N skipped".  A line with a TAP SKIP directive
# ("ok ... # SKIP reason") is counted as skipped, never as passed;
# "not ok ... # SKIP" is still a failure.
#
#   tests/run-check.sh [--tier check|campaign] [--jobs N] [SCRIPT...]
#
# --tier check (make check, the default), the contributor's suite:
#  1. cmocka unit tests (build/standalone-address/tests/*), TAP output;
#  2. replay of every seed corpus and every fixed regression case through
#     the standalone ASan+UBSan build of its target;
#  3. scripted tests: tests/check.d/*.sh.
# --tier campaign (make check-campaign): tests/campaign.d/*.sh, the scripts
# that start real fuzzing campaigns (both engines, AFL++ builds, soak turns,
# OSS-Fuzz relocation, the report page in a browser).
# SCRIPT...: run only these scripts of the tier (names or paths).
#
# Scripts run --jobs at a time (make passes its -j; default: nproc), each
# with its own TMPDIR, and each script's TAP block is printed whole when it
# ends.  Two things keep side-by-side scripts apart:
#  - every `make` a script runs (directly or through bin/netfuzz) goes
#    through tests/tools/serial-make/make, which holds one lock per tree, so
#    two scripts never compile the same object at once;
#  - a script whose header says "# check-group: NAME" never runs beside
#    another script of group NAME (they share fixed names: the log files of
#    `netfuzz regress` in build/regress/, say).
# The slowest scripts of the last run (build/check-times-<tier>.txt) start
# first.  At the end: every script's wall time, slowest first, the tier's
# totals, then the summary line.
set -u
cd "$(dirname "$0")/.."
ROOT=$PWD
tier=check jobs=${NF_CHECK_JOBS:-} only=()
while [ $# -gt 0 ]; do
  case $1 in
    --tier) tier=${2:-}; shift 2 ;;
    --tier=*) tier=${1#*=}; shift ;;
    --jobs|-j) jobs=${2:-}; shift 2 ;;
    --jobs=*) jobs=${1#*=}; shift ;;
    -j[0-9]*) jobs=${1#-j}; shift ;;
    -*) echo "usage: tests/run-check.sh [--tier check|campaign] [--jobs N] [SCRIPT...]" >&2; exit 2 ;;
    *) only+=("$1"); shift ;;
  esac
done
case $tier in
  check) DIR=tests/check.d ;;
  campaign) DIR=tests/campaign.d ;;
  *) echo "tests/run-check.sh: --tier is check or campaign, not '$tier'" >&2; exit 2 ;;
esac
[ -n "$jobs" ] || jobs=$(nproc 2>/dev/null || echo 1)
case $jobs in ''|*[!0-9]*|0) echo "tests/run-check.sh: --jobs needs a positive number, not '$jobs'" >&2; exit 2 ;; esac

# A script that hangs is stopped (and counted as a failure) after this long.
script_limit=${NF_CHECK_SCRIPT_TIMEOUT:-900}
B=build/standalone-address
LOG=build/check-$tier.log
TIMES=build/check-times-$tier.txt
mkdir -p build
: > "$LOG"
pass=0 fail=0 skip=0
work=$(mktemp -d "${TMPDIR:-/tmp}/nf-check-$tier.XXXXXX")
trap 'rm -rf "$work"' EXIT
# mktemp -d makes it 0700; the scripts' TMPDIRs are inside, and a script may
# run a binary from there as another user (regress_os.sh: user 65534).
chmod 0755 "$work"
load0=$(cut -d' ' -f1-3 /proc/loadavg)

# Child makes: none of make's jobserver (the scripts are not make recipes),
# and every make through the lock (see above).
unset MAKEFLAGS MFLAGS MAKELEVEL MAKE_TERMOUT MAKE_TERMERR
export NF_REAL_MAKE=${NF_REAL_MAKE:-$(command -v make)}
export NF_MAKE_LOCK=$ROOT/build/.make.lock
export PATH=$ROOT/tests/tools/serial-make:$PATH

# is_skip LINE: the line carries a TAP SKIP directive (TAP 13: "# SKIP",
# case-insensitive, after the description).
is_skip() { printf '%s\n' "$1" | grep -qiE '#[[:space:]]*skip([^a-z]|$)'; }

count() { # read TAP on stdin, echo it, count it
  local line
  while IFS= read -r line; do
    case "$line" in
      "ok "*) if is_skip "$line"; then skip=$((skip + 1)); else pass=$((pass + 1)); fi; echo "$line" ;;
      "not ok "*) fail=$((fail + 1)); echo "$line" ;;
    esac
  done
}

t_unit=0 t_replay=0
if [ $tier = check ] && [ ${#only[@]} -eq 0 ]; then
  t0=$SECONDS
  echo "== unit tests"
  for t in "$B"/tests/test_*; do
    [ -x "$t" ] || continue
    name=$(basename "$t")
    out=$(CMOCKA_MESSAGE_OUTPUT=TAP "$t" 2>>"$LOG"); rc=$?
    # cmocka's TAP: "ok N - test", "not ok N - test", and for skip() "not ok N # SKIP test"
    count < <(printf '%s\n' "$out" | sed -n -e "s/^\(not ok\|ok\) [0-9]* - /\1 $name: /p" \
                                           -e "s/^\(not \)\{0,1\}ok [0-9]* # SKIP \(.*\)/ok $name: \2 # SKIP/p")
    if [ $rc -ne 0 ] && ! printf '%s\n' "$out" | grep -q '^not ok'; then
      echo "not ok $name: exited $rc (see $LOG)"; fail=$((fail + 1))
    fi
  done
  t_unit=$((SECONDS - t0)); t0=$SECONDS

  echo "== corpus and regression replay ($B)"
  for t in $(make -s --no-print-directory print-targets); do
    inputs=()
    [ -d "corpora/$t" ] && inputs+=("corpora/$t")
    if [ -d "regressions/crashes/$t" ]; then
      for meta in regressions/crashes/"$t"/*.json; do
        [ -e "$meta" ] || continue
        grep -q '"status" *: *"fixed"' "$meta" && inputs+=("${meta%.json}")
      done
    fi
    [ ${#inputs[@]} -gt 0 ] || { echo "not ok replay $t: no seeds in corpora/$t"; fail=$((fail + 1)); continue; }
    n=$(find "${inputs[@]}" -type f ! -name '.*' | wc -l)
    if ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
       NETFUZZ_QUIET=1 "$B/$t" "${inputs[@]}" >>"$LOG" 2>&1; then
      echo "ok replay $t: $n inputs"; pass=$((pass + 1))
    else
      echo "not ok replay $t: crash or error replaying $n inputs (see $LOG)"; fail=$((fail + 1))
    fi
  done
  t_replay=$((SECONDS - t0))
fi
# The scripts saw these set by the old runner; keep them (a script that
# wants other options sets its own).
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export NETFUZZ_QUIET=1

# ------------------------------------------------------------ scripted tests
scripts=()
if [ ${#only[@]} -gt 0 ]; then
  for s in "${only[@]}"; do
    s=$DIR/$(basename "$s" .sh).sh
    [ -e "$s" ] || { echo "tests/run-check.sh: no script $s" >&2; exit 2; }
    scripts+=("$s")
  done
else
  for s in "$DIR"/*.sh; do [ -e "$s" ] && scripts+=("$s"); done
fi
# slowest of the last run first (new scripts first of all: unknown cost)
if [ -s "$TIMES" ]; then
  mapfile -t scripts < <(for s in "${scripts[@]}"; do
    n=$(basename "$s"); t=$(awk -v n="$n" '$2 == n { print $1 }' "$TIMES")
    echo "${t:-999999} $s"; done | sort -k1,1rn -k2 | cut -d' ' -f2-)
fi
group_of() { sed -n '1,30s/^# check-group: *\([A-Za-z0-9_-]*\).*/\1/p' "$1" | head -1; }

echo "== scripted tests ($DIR, ${#scripts[@]} scripts, $jobs at a time)"
declare -A pid_script=() pid_start=() busy_group=()
times=()
t_scripts0=$SECONDS
# finish PID: print the script's TAP block whole, count it, time it.
finish() {
  local pid=$1 rc=$2 s=${pid_script[$1]} n took g
  n=$(basename "$s"); took=$((SECONDS - ${pid_start[$pid]}))
  g=$(group_of "$s"); [ -n "$g" ] && unset "busy_group[$g]"
  echo "-- $n (${took}s)"
  count < "$work/$n.out"
  if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
    echo "not ok $n: stopped after ${script_limit}s (NF_CHECK_SCRIPT_TIMEOUT)"; fail=$((fail + 1))
  elif [ "$rc" -ne 0 ] && ! grep -q '^not ok' "$work/$n.out"; then
    echo "not ok $n: exited $rc without reporting a failure (see $LOG)"; fail=$((fail + 1))
  fi
  if [ -s "$work/$n.err" ]; then
    { echo "==== $n (stderr)"; cat "$work/$n.err"; } >> "$LOG"
  fi
  times+=("$took $n")
  unset "pid_script[$pid]" "pid_start[$pid]"
}
pending=("${scripts[@]}")
while [ ${#pending[@]} -gt 0 ] || [ ${#pid_script[@]} -gt 0 ]; do
  # start what fits: a free slot and a script whose group is not running
  while [ ${#pid_script[@]} -lt "$jobs" ]; do
    pick=-1
    for i in "${!pending[@]}"; do
      g=$(group_of "${pending[$i]}")
      if [ -z "$g" ] || [ -z "${busy_group[$g]:-}" ]; then pick=$i; break; fi
    done
    [ $pick -ge 0 ] || break
    s=${pending[$pick]}; unset "pending[$pick]"; pending=("${pending[@]}")
    n=$(basename "$s"); g=$(group_of "$s")
    [ -n "$g" ] && busy_group[$g]=1
    mkdir -p "$work/$n.tmp"; chmod 0755 "$work/$n.tmp"
    TMPDIR=$work/$n.tmp timeout -k 10 "$script_limit" bash "$s" >"$work/$n.out" 2>"$work/$n.err" </dev/null &
    pid_script[$!]=$s pid_start[$!]=$SECONDS
  done
  [ ${#pid_script[@]} -gt 0 ] || break
  wait -n -p done_pid "${!pid_script[@]}"; rc=$?
  # a pid wait -n could not report (already reaped): find the ones gone
  if [ -z "${done_pid:-}" ] || [ -z "${pid_script[$done_pid]:-}" ]; then
    for p in "${!pid_script[@]}"; do kill -0 "$p" 2>/dev/null || { wait "$p"; finish "$p" $?; }; done
  else
    finish "$done_pid" "$rc"
  fi
  done_pid=
done
t_scripts=$((SECONDS - t_scripts0))

echo "== scripted tests by wall time (s), slowest first"
printf '%s\n' "${times[@]}" | sort -rn | awk '{printf "#   %5d  %s\n", $1, $2}'
# keep the times for the next run's order (only a full run's)
[ ${#only[@]} -eq 0 ] && [ ${#times[@]} -gt 0 ] && printf '%s\n' "${times[@]}" > "$TIMES"
sum=0; for x in "${times[@]}"; do sum=$((sum + ${x%% *})); done
if [ $tier = check ]; then
  echo "# tier check: unit tests ${t_unit}s, replay ${t_replay}s, ${#times[@]} scripts ${t_scripts}s wall (${sum}s summed, $jobs at a time); runner ${SECONDS}s; load $load0 -> $(cut -d' ' -f1-3 /proc/loadavg)"
else
  echo "# tier campaign: ${#times[@]} scripts ${t_scripts}s wall (${sum}s summed, $jobs at a time); runner ${SECONDS}s; load $load0 -> $(cut -d' ' -f1-3 /proc/loadavg)"
fi

echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
