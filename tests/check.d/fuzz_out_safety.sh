#!/usr/bin/env bash
# issue 26 rows 5, 7, 8, 11: what a campaign does to its --out and to the
# processes it starts.
#  5: a merge with an existing corpus under a name with a space finishes in
#     one attempt, and SIGTERM during a merge stops it within 5 s keeping
#     the corpus (the new inputs wait in work/ for the next run);
#  7: one campaign per --out (a second one is refused while the first runs),
#     and a new campaign keeps the last one's stats and log;
#  8: SIGKILL of netfuzz leaves no engine process behind (2 s);
# 11: the stats CSV has 11 columns in every row (Python's csv reader).
# NF=/path/to/netfuzz runs it against another build.
set -u
cd "$(dirname "$0")/../.."
ROOT=$PWD
NF=${NF:-$ROOT/bin/netfuzz}
T=rtmsg_darwin
tmp=$(mktemp -d /tmp/nf-outsafety.XXXXXX)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null; done
  rm -rf "$tmp"
}
trap cleanup EXIT
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}

# engine processes of a campaign: anything whose command line names its
# --out or the shell-safe link of netfuzz PID
engines() { # PID OUT
  local p
  for p in $(pgrep -f -- "netfuzz-$1-|$2" 2>/dev/null); do
    [ "$p" = "$1" ] || [ "$p" = "$$" ] || echo "$p"
  done
}

# 5a. an existing 247-file corpus under "my out2": one merge attempt
O="$tmp/my out2"
mkdir -p "$O/corpus/$T"
python3 - "$O/corpus/$T" <<'PY'
import os, random, sys
r = random.Random(26)
for i in range(247):
    open(os.path.join(sys.argv[1], "in%03d" % i), "wb").write(bytes(r.randrange(256) for _ in range(r.randrange(8, 200))))
PY
t0=$(date +%s)
timeout -k 10 120 "$NF" fuzz $T --seconds 2 --out "$O" >"$tmp/m.out" 2>"$tmp/m.err"; rc=$?
took=$(( $(date +%s) - t0 ))
attempts=$(grep -c 'MERGE-OUTER: attempt' "$O/logs/$T.log" 2>/dev/null)
time=$(awk -v t=$T '$1 == t {print $2; exit}' "$tmp/m.out")
[ $rc -eq 0 ] && [ "${attempts:-0}" -eq 1 ] && [ "$took" -lt 100 ] &&
  echo "ok out_safety merge into an existing corpus under 'my out2': 1 attempt, $time, ${took}s in all" ||
  echo "not ok out_safety merge under 'my out2': exit $rc, ${attempts:-0} merge attempts, $time, ${took}s: $(grep -v '^\S* *\[' "$tmp/m.err" | tail -2 | tr '\n' ' ')"

# 11. every row of the stats CSV has the header's 11 columns
python3 - "$O/stats/$T.csv" >"$tmp/csv" 2>&1 <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1])))
assert rows[0][-1] == "mutator" and len(rows[0]) == 11, rows[0]
assert len(rows) > 1, "no data rows"
bad = [i for i, r in enumerate(rows) if len(r) != 11]
assert not bad, f"rows {bad[:5]} have {[len(rows[i]) for i in bad[:5]]} columns"
assert all(r[10] in ("structure", "bytes") for r in rows[1:]), {r[10] for r in rows[1:]}
print(f"{len(rows) - 1} rows of 11 columns")
PY
[ $? -eq 0 ] && echo "ok out_safety stats CSV: $(tail -1 "$tmp/csv")" || echo "not ok out_safety stats CSV: $(tail -1 "$tmp/csv")"

# What netfuzz deletes under --out: only its own scratch directories.  A
# work/<t>/ it did not make (no .netfuzz-scratch mark) with the user's
# files in it is refused, and nothing in it is moved or removed.
O5=$tmp/mine
mkdir -p "$O5/work/$T/sub" && echo mine >"$O5/work/$T/notes.txt" && echo mine >"$O5/work/$T/sub/more"
"$NF" fuzz $T --seconds 1 --out "$O5" >/dev/null 2>"$tmp/u.err"; rc=$?
n=$(find "$O5/work/$T" -type f | wc -l)
[ $rc -eq 2 ] && [ "$n" -eq 2 ] && grep -q 'was not made by netfuzz' "$tmp/u.err" &&
  echo "ok out_safety a work/$T/ netfuzz did not make is kept: exit 2, '$(grep -m1 -o 'was not made by netfuzz[^;]*' "$tmp/u.err")'" ||
  echo "not ok out_safety a work/$T/ netfuzz did not make: exit $rc, $n of 2 files left: $(tail -2 "$tmp/u.err" | tr '\n' ' ')"

# 7. a second campaign into the same --out is refused while the first runs
O2=$tmp/same
"$NF" fuzz $T --seconds 6 --out "$O2" >"$tmp/a.out" 2>"$tmp/a.err" &
a=$!; pids+=($a)
sleep 1.5
t0=$(date +%s)
"$NF" fuzz $T --seconds 2 --out "$O2" >"$tmp/b.out" 2>"$tmp/b.err"; rcb=$?
tb=$(( $(date +%s) - t0 ))
wait $a; rca=$?
if [ $rca -eq 0 ] && [ $rcb -eq 2 ] && [ $tb -lt 10 ] && grep -q "is in use by another campaign (netfuzz pid $a)" "$tmp/b.err"; then
  echo "ok out_safety second campaign into the same --out: exit 2 after ${tb}s, '$(head -c 150 "$tmp/b.err")'"
else
  echo "not ok out_safety second campaign into the same --out: first exit $rca, second exit $rcb after ${tb}s: $(head -c 200 "$tmp/b.err")"
fi
rows1=$(($(wc -l <"$O2/stats/$T.csv") - 1))
"$NF" fuzz $T --seconds 1 --out "$O2" >/dev/null 2>"$tmp/c.err"; rc=$?
kept=$(find "$O2/stats/previous" -name "$T-*.csv" 2>/dev/null | head -1)
klog=$(find "$O2/logs/previous" -name "$T-*.log" 2>/dev/null | head -1)
if [ $rc -eq 0 ] && [ -n "$kept" ] && [ "$(($(wc -l <"$kept") - 1))" -eq "$rows1" ] && [ -s "$klog" ] &&
   grep -q "the earlier run's .*$T.csv is kept as" "$tmp/c.err"; then
  echo "ok out_safety the earlier campaign's stats ($rows1 rows) and log are kept in stats/previous/, logs/previous/"
else
  echo "not ok out_safety the earlier campaign's stats: exit $rc, kept '${kept:-none}' (first run had $rows1 rows), log '${klog:-none}'"
fi

# 8. SIGKILL of netfuzz: no engine process left within 2 s
O3=$tmp/kill
"$NF" fuzz $T --seconds 60 --jobs 2 --out "$O3" >/dev/null 2>"$tmp/k.err" &
k=$!; pids+=($k)
for _ in $(seq 1 100); do grep -q "^$T .*exec/s" "$tmp/k.err" 2>/dev/null && break; sleep 0.2; done
n0=$(engines $k "$O3" | wc -l)
kill -9 $k; wait $k 2>/dev/null
left=""
for _ in $(seq 1 20); do left=$(engines $k "$O3"); [ -z "$left" ] && break; sleep 0.1; done
# the killed run could not remove its shell-safe link (the next run into
# $O3 would): remove it here
for l in "${TMPDIR:-/tmp}"/netfuzz-$k-*; do [ -L "$l" ] && rm -f "$l"; done
if [ "$n0" -gt 0 ] && [ -z "$left" ]; then
  echo "ok out_safety SIGKILL: the $n0 engine process(es) were gone within 2 s"
else
  echo "not ok out_safety SIGKILL: $n0 engine process(es) before, left after 2 s: $(echo $left | head -c 100)"
  for p in $left; do kill -9 "$p" 2>/dev/null; done
fi

# 5b. SIGTERM: nf_buggy's HANG input in the corpus makes the merge hang
# (a merge runs without -timeout), so only netfuzz can end it.
#  - SIGTERM while fuzzing: the fuzzing stops and the merge runs, bounded
#    (10 s after an interrupt; it was 300 s, and a merge loop took 197 s);
#  - SIGTERM during the merge: it stops within 5 s.
# Either way the corpus keeps its inputs and no engine is left.
hang_run() { # NAME WHEN(fuzzing|merge) LIMIT_S
  local O4=$tmp/hang-$1 h t0 took n left rc
  mkdir -p "$O4/corpus/nf_buggy"
  printf 'HANGxxxx' >"$O4/corpus/nf_buggy/hang"
  for i in 1 2 3; do printf 'seed%d' $i >"$O4/corpus/nf_buggy/s$i"; done
  "$NF" fuzz nf_buggy --seconds 20 --out "$O4" >"$tmp/h.out" 2>"$tmp/h.err" &
  h=$!; pids+=($h)
  for _ in $(seq 1 300); do grep -q '^nf_buggy .*exec/s' "$tmp/h.err" 2>/dev/null && break; sleep 0.2; done
  if [ "$2" = merge ]; then
    kill -TERM $h # the first ends the fuzzing; wait for the merge
    for _ in $(seq 1 300); do grep -q '^nf_buggy .*merging' "$tmp/h.err" 2>/dev/null && break; sleep 0.2; done
    sleep 2 # the merge is stuck on the HANG input
  fi
  t0=$(date +%s.%N)
  kill -TERM $h
  for _ in $(seq 1 $((10 * $3 + 50))); do kill -0 $h 2>/dev/null || break; sleep 0.1; done
  kill -0 $h 2>/dev/null && { kill -9 $h; sleep 0.5; }
  wait $h; rc=$?
  took=$(echo "$(date +%s.%N) - $t0" | bc)
  n=$(find "$O4/corpus/nf_buggy" -type f | wc -l)
  left=$(engines $h "$O4")
  if grep -q '^nf_buggy .*merging' "$tmp/h.err" && awk -v t="$took" -v l="$3" 'BEGIN { exit !(t < l) }' &&
     [ "$n" -ge 4 ] && [ -z "$left" ] && grep -q 'merge stopped' "$tmp/h.err"; then
    echo "ok out_safety SIGTERM during $2: netfuzz ended ${took%???????}s later (limit $3 s), '$(grep -m1 -o 'merge stopped after [^;]*' "$tmp/h.err")', the $n corpus inputs kept, exit $rc"
  else
    echo "not ok out_safety SIGTERM during $2: took ${took}s (limit $3 s), $n corpus inputs, engines left: '$left', exit $rc: $(grep -v '^\S* *\[' "$tmp/h.err" | tail -2 | tr '\n' ' ')"
    for p in $left; do kill -9 "$p" 2>/dev/null; done
  fi
}
hang_run a fuzzing 20
hang_run b merge 5
