# Shared by bench/*.sh (sourced, not run): time a command and refuse a figure
# from a run that failed.
#
#   bench_time NAME EXPECT COUNTER CMD...
#     Runs CMD once with stdout piped to COUNTER (a command that reads the
#     output and prints one number: lines, packets, records).  Fails the
#     whole bench (exit 1, message on stderr) when CMD exits with a status
#     not in BENCH_OK_EXIT (default "0"; e.g. "0 1" for a tool whose 1 means
#     findings) or the
#     count is not EXPECT, so a reader that dies at packet 10 cannot look
#     fast.  Appends wall and CPU (user+sys) seconds to $BENCH_TMP/NAME.
#   bench_median NAME wall|cpu   median of what bench_time recorded
#   bench_ratio A B              A / B with two decimals
#   bench_load                   the 1-minute load average
#   bench_quick                  true under `bench/run --quick` (BENCH_QUICK=1)
#   bench_libfuzzer_run NAME LOG CMD...   one checked libFuzzer run: exec/s,
#                                exec per CPU-second, coverage (below)
#
# Every figure printed through these helpers is a median of >= 3 runs
# (BENCH_RUNS, default 3), measured alternately so load drifts hit all
# readers alike.

: "${BENCH_RUNS:=3}"
[ "$BENCH_RUNS" -ge 3 ] 2>/dev/null || { echo "bench: BENCH_RUNS must be >= 3" >&2; exit 2; }
BENCH_TMP=$(mktemp -d /tmp/nf-bench.$$.XXXXXX)
trap 'rm -rf "$BENCH_TMP"' EXIT

bench_quick() { [ "${BENCH_QUICK:-0}" = 1 ]; }
bench_load() { cut -d' ' -f1 /proc/loadavg; }

bench_time() {
  local name=$1 expect=$2 counter=$3 got rc t
  shift 3
  # bench/timecmd.py measures CMD alone (wall, and CPU from wait4 in
  # microseconds); the counter runs beside it.
  got=$( { python3 bench/timecmd.py "$BENCH_TMP/.t" "$@" 2>"$BENCH_TMP/.err"; echo $? > "$BENCH_TMP/.rc"; } | $counter)
  rc=$(cat "$BENCH_TMP/.rc")
  if ! [[ " ${BENCH_OK_EXIT:-0} " == *" $rc "* ]]; then
    echo "bench: FAILED: '$*' exited $rc: $(tail -3 "$BENCH_TMP/.err")" >&2
    exit 1
  fi
  if [ "$got" != "$expect" ]; then
    echo "bench: FAILED: '$*' produced $got records, expected $expect" >&2
    exit 1
  fi
  cat "$BENCH_TMP/.t" >> "$BENCH_TMP/$name"
}

bench_median() {
  local col=2
  [ "$2" = wall ] && col=1
  awk -v c="$col" '{print $c}' "$BENCH_TMP/$1" | sort -g |
    awk '{a[NR]=$1} END {if (NR == 0) exit 1; print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'
}

bench_ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", (b > 0 ? a / b : 0)}'; }

# bench_libfuzzer_result NAME LOG RC: check one libFuzzer run (-print_final_stats=1)
# and print "EXEC_PER_S COV".  Fails the bench when libFuzzer exited non-zero
# (crash, leak, timeout) or executed nothing.
bench_libfuzzer_result() {
  local name=$1 log=$2 rc=$3 units
  units=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  if [ "$rc" -ne 0 ] || [ -z "$units" ] || [ "$units" -le 0 ]; then
    echo "bench: FAILED: $name exited $rc after ${units:-no} executed units: $(grep -m1 -E 'ERROR|==[0-9]+==' "$log")" >&2
    exit 1
  fi
  echo "$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log") $(grep -E '#[0-9]+.*DONE' "$log" | sed -n 's/.*cov: \([0-9]*\).*/\1/p' | tail -1)"
}

# bench_libfuzzer_run NAME LOG CMD...: run one libFuzzer campaign (CMD must
# pass -print_final_stats=1; output to LOG) under bench/timecmd.py, check it
# as bench_libfuzzer_result does, and print "EXEC_PER_S EXEC_PER_CPU_S COV":
# libFuzzer's own exec/s over wall time, and executed units per CPU-second
# of the fuzzer process (user + sys from wait4).  The second is what one
# dedicated core gives: on a shared machine wall exec/s falls with the load
# and CPU exec/s does not.
bench_libfuzzer_run() {
  local name=$1 log=$2 rc rate cov units wall cpu
  shift 2
  set +e
  python3 bench/timecmd.py "$BENCH_TMP/.rus" "$@" > "$log" 2>&1
  rc=$?
  set -e
  read -r rate cov < <(bench_libfuzzer_result "$name" "$log" "$rc") || exit 1
  [ -n "$rate" ] || exit 1
  units=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  read -r wall cpu < "$BENCH_TMP/.rus"
  awk -v r="$rate" -v u="$units" -v c="$cpu" -v v="${cov:-0}" 'BEGIN {printf "%d %d %d\n", r, (c > 0 ? u / c : 0), v}'
}

# bench_median_col FILE COL: median of column COL (numbers) of FILE.
bench_median_col() {
  awk -v c="$2" '{print $c}' "$1" | sort -g | awk '{a[NR]=$1} END {if (NR == 0) exit 1; print a[int((NR+1)/2)]}'
}

# Counters for bench_time.
count_lines() { wc -l | tr -d ' '; }
count_grep() { grep -c -- "$COUNT_PATTERN" || true; } # lines matching $COUNT_PATTERN
# `netfuzz dissect --stats` text: the "packets N" line.
count_stats_packets() { awk '$1 == "packets" {print $2; found=1} END {if (!found) print 0}'; }
