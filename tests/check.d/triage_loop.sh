#!/usr/bin/env bash
# The fuzz -> triage -> regress loop, end to end, on the test-only target
# tests/targets/nf_buggy.c (five bugs behind 4-byte magic values):
#  1. netfuzz fuzz finds all five (crashes in out/crashes/, the hang in
#     out/timeouts/), shows progress and a summary, writes stats;
#  2. netfuzz triage classifies each (type, state, security flag), dedupes,
#     and files each bucket (--regressions-dir: a throwaway project root,
#     never the repository's regressions/);
#  3. netfuzz regress on that root reports the five open cases as XFAIL;
#  4. netfuzz report writes the HTML page; Ctrl-C stops a campaign cleanly.
# Bounded: 8-second rounds of fuzzing until all five are found (at most 8
# rounds), triage (one run per input here; the default is 3), regress.
# Ctrl-C of a campaign is tests/check.d/fuzz_sigint.sh.  Prints TAP lines.
set -u
cd "$(dirname "$0")/../.."
W=$PWD
tmp=$(mktemp -d /tmp/nf-triage-loop.$$.XXXX)
trap 'rm -rf "$tmp"' EXIT
OUT=$tmp/out
FUZZ_SECONDS=${NF_LOOP_SECONDS:-8}

# 1. fuzz.  How fast a time-bounded campaign finds the five bugs depends on
# the machine's load (a crash-heavy target spends its time restarting fork
# jobs), so the campaign resumes from its own corpus in short rounds, up to
# 8, until an artifact starting with each bug's magic exists, and stops
# there (one 35-second round took 39 of this script's 116 s at load 10).
# What is checked below is the loop, not the speed.
# A bug counts as found by an artifact whose first four bytes are its magic
# (grep '^LEAK' would also match a STAK input with "\nLEAK" inside it, and
# then triage finds no leak: that was a CI failure).
magics_in() { # DIR: the first 4 bytes of each file in DIR, one per line
  local f
  for f in "$1"/*; do [ -f "$f" ] && { head -c 4 "$f" | tr -d '\000\n'; echo; }; done
}
missing_bugs() {
  local m crashes hangs
  crashes=$(magics_in "$OUT/crashes/nf_buggy") hangs=$(magics_in "$OUT/timeouts/nf_buggy")
  for m in HEAP STAK IOVF LEAK; do
    printf '%s\n' "$crashes" | grep -qx -- "$m" || printf '%s ' "$m"
  done
  printf '%s\n' "$hangs" | grep -qx HANG || printf 'HANG '
}
for round in 1 2 3 4 5 6 7 8; do
  bin/netfuzz fuzz nf_buggy --seconds "$FUZZ_SECONDS" --out "$OUT" >"$tmp/fuzz.out" 2>"$tmp/fuzz.err"; rc=$?
  [ -z "$(missing_bugs)" ] && break
  echo "# triage_loop: round $round of fuzzing missed: $(missing_bugs)(load: $(cut -d' ' -f1-3 /proc/loadavg))"
done
if [ $rc -eq 1 ] && grep -q '^nf_buggy .*exec/s:' "$tmp/fuzz.err" && grep -q '^TARGET .*CRASHES  TIMEOUTS' "$tmp/fuzz.out"; then
  echo "ok triage_loop fuzz: progress line and summary, exit 1 (findings)"
else
  echo "not ok triage_loop fuzz: exit $rc; $(tail -3 "$tmp/fuzz.err" | tr '\n' ' ') $(tail -3 "$tmp/fuzz.out" | tr '\n' ' ')"
fi
ncrash=$(find "$OUT/crashes/nf_buggy" -type f | wc -l)
nhang=$(find "$OUT/timeouts/nf_buggy" -type f | wc -l)
if [ "$ncrash" -gt 0 ] && [ "$nhang" -gt 0 ] && ! ls "$OUT/crashes/nf_buggy" | grep -q '^timeout-'; then
  echo "ok triage_loop fuzz: $ncrash crash artifacts, $nhang timeouts kept apart"
else
  echo "not ok triage_loop fuzz: $ncrash crashes, $nhang timeouts in $OUT"
fi
rows=$(($(wc -l < "$OUT/stats/nf_buggy.csv") - 1))
if [ "$rows" -ge $((FUZZ_SECONDS / 2)) ] && [ -n "$(ls -A "$OUT/corpus/nf_buggy")" ]; then
  echo "ok triage_loop fuzz: stats time series ($rows rows), corpus merged into out/corpus/nf_buggy"
else
  echo "not ok triage_loop fuzz: $rows stats rows; corpus: $(ls "$OUT/corpus/nf_buggy" | wc -l) files"
fi

# 2. triage and file into a throwaway project root
R=$tmp/root
mkdir -p "$R/regressions/crashes" "$R/tests/targets" "$R/corpora"
ln -s "$W/build" "$R/build"
ln -s "$W/tests/targets/nf_buggy.c" "$R/tests/targets/nf_buggy.c"
cp -r "$W/tests/corpora/nf_buggy" "$R/corpora/nf_buggy"
bin/netfuzz triage "$OUT/crashes" "$OUT/timeouts" --runs 1 --minimize-seconds 2 --file \
  --regressions-dir "$R/regressions/crashes" --json >"$tmp/triage.json" 2>"$tmp/triage.err"; rc=$?
check() { # NAME PYTHON (b: list of buckets)
  if python3 - "$tmp/triage.json" "$2" >"$tmp/why" 2>&1 <<'PY'
import json, sys
d = json.load(open(sys.argv[1])); b = d["buckets"]; groups = d["groups"]
exec(sys.argv[2])
PY
  then echo "ok triage_loop $1"; else echo "not ok triage_loop $1: $(tail -1 "$tmp/why")"; fi
}
[ $rc -eq 1 ] && echo "ok triage_loop triage exits 1 (findings)" || echo "not ok triage_loop triage exit $rc: $(tail -2 "$tmp/triage.err")"
check "triage: five buckets, one per bug" '
want = {("Heap-buffer-overflow\nREAD 1", "buggy_heap_read", True),
        ("Stack-buffer-overflow\nWRITE 1", "buggy_stack_write", True),
        ("Integer-overflow", "buggy_int_index", False),
        ("Direct-leak", "buggy_leak", False),
        ("Timeout", "nf_buggy", False)}
got = {(x["crash_type"], x["crash_state"], x["security_flag"]) for x in b}
assert got == want, f"got {sorted(got)}"
assert len(b) == 5, len(b)'
check "triage: dedupe counts and severities" '
assert sum(x["count"] for x in b) >= 5
sev = {x["crash_state"]: x["severity"] for x in b}
assert sev["buggy_stack_write"] == "HIGH" and sev["buggy_heap_read"] == "MEDIUM" and sev["buggy_leak"] is None, sev
assert all(x["reproduced"] == x["runs"] for x in b), "flaky?"'
check "triage: filed regressions (status open, signature formula)" '
import hashlib, os
for x in b:
    sig = hashlib.sha1((x["crash_type"] + "\n" + x["crash_state"]).encode()).hexdigest()[:16]
    assert x["signature"] == sig
    p = os.path.join(sys.argv[1].rsplit("/", 1)[0], "root/regressions/crashes/nf_buggy", sig)
    m = json.load(open(p + ".json"))
    assert os.path.getsize(p) > 0
    assert m["status"] == "open" and m["signature"] == sig and m["target"] == "nf_buggy", m
    assert m["crash_type"] == x["crash_type"] and m["crash_state"] == x["crash_state"]'
if [ -z "$(git -C "$W" status --porcelain regressions/)" ]; then
  echo "ok triage_loop the repository regressions/ is untouched"
else
  echo "not ok triage_loop triage wrote into the repository regressions/"
fi

# 3. regress on the throwaway root: every open case still crashes -> XFAIL
if bin/netfuzz help | grep -q '^  regress '; then
  NETFUZZ_ROOT=$R bin/netfuzz regress --only nf_buggy --json >"$tmp/regress.json" 2>"$tmp/regress.err"; rc=$?
  if python3 - "$tmp/regress.json" "$rc" >"$tmp/why" 2>&1 <<'PY'
import json, sys
d = json.load(open(sys.argv[1])); rc = int(sys.argv[2])
res = [r for r in d["results"] if r.get("kind") == "open"]
st = [r["status"] for r in res]
assert len(res) == 5 and all(s.upper() == "XFAIL" for s in st), f"{len(res)} cases: {st}"
assert rc == 0, f"exit {rc}"
PY
  then echo "ok triage_loop regress reports the five filed cases as XFAIL"
  else echo "not ok triage_loop regress: $(tail -1 "$tmp/why") $(head -c 400 "$tmp/regress.json")"; fi
else
  echo "not ok triage_loop regress: netfuzz regress is not built in"
fi

# 4. report: HTML with SVG charts and the crash buckets from the engine log
if bin/netfuzz report --out "$OUT" >"$tmp/report.out" 2>&1 && grep -q '<svg' "$OUT/report/index.html" &&
   grep -q 'Stack-buffer-overflow' "$OUT/report/index.html" && grep -q 'buggy_heap_read' "$OUT/report/index.html"; then
  echo "ok triage_loop report: $OUT/report/index.html with charts and buckets"
else
  echo "not ok triage_loop report: $(cat "$tmp/report.out")"
fi

# bad input gets a clear message and exit 2
bin/netfuzz fuzz no_such_target >/dev/null 2>"$tmp/e1"; r1=$?
bin/netfuzz triage /tmp/nf-no-such-crash.$$ >/dev/null 2>"$tmp/e2"; r2=$?
if [ $r1 -eq 2 ] && grep -q "unknown target 'no_such_target'" "$tmp/e1" && [ $r2 -eq 2 ] && grep -q "cannot read" "$tmp/e2"; then
  echo "ok triage_loop bad input: exit 2 with a message"
else
  echo "not ok triage_loop bad input: $r1 $(cat "$tmp/e1") / $r2 $(cat "$tmp/e2")"
fi
