#!/usr/bin/env bash
# netfuzz fuzz, the CLI's side (issue 15, 1-3): where a campaign's output
# goes, how its time is spent and shown, and what happens to the inputs of a
# killed run.  Short libFuzzer runs of rtmsg_darwin, a target that links no
# third-party library (so nothing here waits for an instrumented OpenSSL);
# the same --out checks with AFL++ are tests/campaign.d/fuzz_afl.sh.
# NF=/path/to/netfuzz runs them against another build (how these were shown
# to fail before the fixes).
set -u
cd "$(dirname "$0")/../.."
# The set-up both engines' --out checks share ($ROOT, $NF, $T, $tmp and
# the sanitizer options), then: --out relative, absolute and with "..".
. tests/tools/fuzz_out_kinds.sh
check_out_kinds libfuzzer

# 2. The budget: fuzzing never shows more than its budget; the merge is its
#    own, timed phase; the summary splits the time; no-argument runs state
#    the total up front.
err=$tmp/libfuzzer-relative.err
over=$(grep -o '\[ *[0-9]*s/2s\]' "$err" | tr -dc '0-9/\n' | awk -F/ '$1 > 2' | head -1)
[ -z "$over" ] && grep -q '\[ *[0-9]*s/2s\]' "$err" && echo "ok fuzz progress stays within the budget" ||
  echo "not ok fuzz progress overruns the budget (or shows none): $(grep -m1 -o '\[ *[0-9]*s/2s\]' "$err" | tail -1) $over"
grep -q "^$T  *merging [0-9]* inputs into .*/corpus/$T" "$err" && grep -q "^$T  *merged in [0-9]*s" "$err" &&
  echo "ok fuzz shows the merge as its own phase" || echo "not ok fuzz shows no merge phase"
grep -q 'FUZZ+MERGE' "$tmp/libfuzzer-relative.out" && grep -q "^$T  *[0-9]*s+[0-9]*s " "$tmp/libfuzzer-relative.out" &&
  echo "ok fuzz summary splits fuzzing and merging time" || echo "not ok fuzz summary TIME does not split fuzzing and merging"
# 3. SIGKILL mid-run: its new inputs are in out/work/<t>/; the next run takes
#    them into the corpus and says so; the run after that does not.
k=$tmp/killed
"$NF" fuzz $T --seconds 60 --out "$k" >/dev/null 2>&1 &
pid=$!
# (up to 120 s: before the engine starts, netfuzz runs make, which waits
# while a script running beside this one builds; the find is cheap)
for _ in $(seq 1200); do [ "$(find "$k/work/$T" -type f ! -name '.*' 2>/dev/null | wc -l)" -gt 0 ] && break; sleep 0.1; done
for c in $(pgrep -P $pid); do kill -KILL -- -"$c" 2>/dev/null; done
kill -KILL $pid; wait $pid 2>/dev/null
left=$(find "$k/work/$T" -type f ! -name '.*' | wc -l)
"$NF" fuzz $T --seconds 1 --out "$k" >"$tmp/k2.out" 2>"$tmp/k2.err"
if [ "$left" -eq 0 ]; then echo "not ok fuzz SIGKILL: the killed run left no inputs to recover"
elif grep -q "recovered [0-9]* input(s) from an interrupted run" "$tmp/k2.err" &&
     grep -q "recovered from an interrupted run" "$tmp/k2.out"; then echo "ok fuzz reports $left input(s) recovered from a SIGKILLed run"
else echo "not ok fuzz does not report the $left input(s) recovered from a SIGKILLed run"; fi
"$NF" fuzz $T --seconds 1 --out "$k" >"$tmp/k3.out" 2>"$tmp/k3.err"
grep -q "recovered" "$tmp/k3.out" "$tmp/k3.err" && echo "not ok fuzz claims recovered inputs after a clean run" ||
  echo "ok fuzz claims no recovery after a clean run"
