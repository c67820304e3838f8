#!/usr/bin/env bash
# check-group: regress (netfuzz regress at the project root writes build/regress/*.log)
# netfuzz regress, part A (crash and corpus replay), on a throwaway project
# root whose frame_ether binary is the test-only target tests/targets/
# regress_crashy.c (crashes on CRASH, hangs on HANG, leaks on LEAK) built
# with the real standalone driver and ASan.  Checks: batches, the exact
# crashing input named and confirmed alone, timeouts, leaks, fixed/open
# case semantics (FAIL / XFAIL / XPASS), and clear errors for broken case
# metadata.  Prints TAP lines.
set -u
cd "$(dirname "$0")/../.."
W=$PWD
tmp=$(mktemp -d /tmp/nf-regress-replay.$$.XXXX)
trap 'rm -rf "$tmp"' EXIT

if ! make -s --no-print-directory ENGINE=standalone SANITIZER=address \
     EXTRA_TARGET_SRCS=tests/targets/regress_crashy.c build/standalone-address/regress_crashy >"$tmp/make.log" 2>&1; then
  echo "not ok regress_replay: cannot build the test target: $(tail -3 "$tmp/make.log")"; exit 0
fi

# mkroot DIR: a project root with 30 clean seeds, using the crashy binary.
mkroot() {
  local R=$1
  mkdir -p "$R/corpora/frame_ether" "$R/regressions/crashes/frame_ether" "$R/build/standalone-address"
  ln -s "$W/build/standalone-address/regress_crashy" "$R/build/standalone-address/frame_ether"
  for i in $(seq -w 1 30); do echo "clean seed $i" > "$R/corpora/frame_ether/seed$i"; done
}
# addcase DIR STATUS CONTENT CRASH_TYPE: file a case the way triage does.
addcase() {
  python3 - "$@" <<'PY'
import hashlib, json, sys
root, status, content, ctype = sys.argv[1:5]
state = "nf_target_run_regress_crashy\nLLVMFuzzerTestOneInput\nmain"
sig = hashlib.sha1((ctype + "\n" + state).encode()).hexdigest()[:16]
d = f"{root}/regressions/crashes/frame_ether"
open(f"{d}/{sig}", "w").write(content + "\n")
json.dump({"target": "frame_ether", "crash_type": ctype, "crash_state": state, "security_flag": True,
           "signature": sig, "found": "2026-11-29", "status": status}, open(f"{d}/{sig}.json", "w"), indent=1)
print(sig)
PY
}
run() { # run ROOT ARGS... -> $tmp/out.json, rc in $rc
  NETFUZZ_ROOT=$1 "$W/bin/netfuzz" regress --only frame_ether --json "${@:2}" > "$tmp/out.json" 2>"$tmp/err"; rc=$?
}
# check NAME PYTHON-ASSERTIONS (r: dict name->result, res: list, rc)
check() {
  if python3 - "$tmp/out.json" "$rc" "$2" 2>"$tmp/pyerr" <<'PY'
import json, sys
d = json.load(open(sys.argv[1])); rc = int(sys.argv[2])
res = d["results"]; r = {x["name"]: x for x in res}
exec(sys.argv[3])
PY
  then echo "ok regress_replay $1"
  else echo "not ok regress_replay $1: $(tail -1 "$tmp/pyerr") | $(head -c 600 "$tmp/out.json")"; fi
}

# 1. fixed + open cases: XFAIL is the expected result; XPASS (a fixed bug
#    whose case still says "open") fails the run unless --allow-xpass.
R=$tmp/r1; mkroot "$R"
fixed=$(addcase "$R" fixed "fixed long ago" "Heap-buffer-overflow
READ 1")
still=$(addcase "$R" open "CRASH still" "Heap-buffer-overflow
READ 8")
gone=$(addcase "$R" open "no longer crashes" "Index-out-of-bounds")
run "$R" --batch 8
check "clean seeds and fixed case pass in batches" '
x = r["frame_ether"]; assert x["status"] == "PASS", x
assert "31/31 inputs ran clean (30 seeds, 1 fixed case(s)) in 4 batch(es), 4 worker(s)" in x["reason"], x'
check "open case that still crashes is XFAIL" "
x = r['frame_ether/$still']; assert x['status'] == 'XFAIL' and 'heap-buffer-overflow' in x['reason'], x"
check "open case that stopped crashing is XPASS" "
x = r['frame_ether/$gone']; assert x['status'] == 'XPASS' and 'no longer crashes' in x['reason'], x"
check "XPASS fails the run (exit 1)" 'assert rc == 1 and d["allow_xpass"] is False, rc'
run "$R" --batch 8 --allow-xpass
check "with --allow-xpass, XFAIL and XPASS do not fail the run (exit 0)" "
assert rc == 0, rc
assert r['frame_ether/$gone']['status'] == 'XPASS' and r['frame_ether/$still']['status'] == 'XFAIL', r"
NETFUZZ_ROOT=$R "$W/bin/netfuzz" regress --only frame_ether --batch 8 > "$tmp/table.txt" 2>&1; rc=$?
if [ $rc -eq 1 ] && grep -q '^regress: 2 passed, 1 failed, 0 skipped$' "$tmp/table.txt" \
   && grep -q ' 1 xfail, 1 xpass, 0 skipped' "$tmp/table.txt"; then
  echo "ok regress_replay summary counts XPASS apart and as a failure"
else echo "not ok regress_replay summary line: rc=$rc $(tail -2 "$tmp/table.txt" | paste -sd'|')"; fi

# 2. a fixed case that crashes again: FAIL, named, confirmed alone, exit 1.
R=$tmp/r2; mkroot "$R"
back=$(addcase "$R" fixed "CRASH again" "Heap-buffer-overflow
READ 1")
run "$R" --batch 8
check "fixed case that crashes again fails the run" "
x = r['frame_ether']; assert rc == 1 and x['status'] == 'FAIL', (rc, x)
assert 'FIXED CASE CRASHES AGAIN regressions/crashes/frame_ether/$back: AddressSanitizer: heap-buffer-overflow' in x['reason'], x
assert '(confirmed alone)' in x['reason'] and '30/31 inputs ran clean' in x['reason'], x"

# 3. a crash, a hang and a leak among the seeds, in batches of 8: each is
#    the exact input, each is confirmed alone, and every other input ran.
R=$tmp/r3; mkroot "$R"
echo "CRASH here" > "$R/corpora/frame_ether/seed05x"
echo "HANG here" > "$R/corpora/frame_ether/seed12x"
echo "LEAK here" > "$R/corpora/frame_ether/seed20x"
run "$R" --batch 8 --timeout 2
check "crash, hang and leak each identified and confirmed; the rest ran" "
x = r['frame_ether']['reason']; assert rc == 1, rc
assert 'crash corpora/frame_ether/seed05x: AddressSanitizer: heap-buffer-overflow' in x, x
assert 'crash corpora/frame_ether/seed12x: timeout: no progress for 2 s (killed) (confirmed alone)' in x, x
assert 'crash corpora/frame_ether/seed20x: AddressSanitizer: 64 byte(s) leaked' in x, x
assert x.count('(confirmed alone)') == 3 and '30/33 inputs ran clean' in x, x"
if grep -q "seed05x" "$R/build/regress/replay-frame_ether.log" && grep -q "ERROR: AddressSanitizer: heap-buffer-overflow" "$R/build/regress/replay-frame_ether.log"; then
  echo "ok regress_replay sanitizer report kept in the log, input named"
else echo "not ok regress_replay log $R/build/regress/replay-frame_ether.log lacks the report"; fi

# 4. one process per input (--batch 1) finds the same crash.
run "$R" --batch 1 --timeout 2
check "batch 1 (fork per input) finds the same three" "
x = r['frame_ether']['reason']; assert '30/33 inputs ran clean' in x and x.count('(confirmed alone)') == 3, x
assert 'in 33 batch(es)' in x, x"

# 4b. the per-worker memory limit stops an input that eats memory.
R=$tmp/r4; mkroot "$R"
echo "OOM here" > "$R/corpora/frame_ether/seed07x"
run "$R" --batch 8 --mem-mb 256
check "memory limit: the input that eats memory is stopped and named" "
x = r['frame_ether']['reason']; assert rc == 1, rc
assert 'crash corpora/frame_ether/seed07x: AddressSanitizer: hard rss limit exhausted (256Mb' in x, x
assert '30/31 inputs ran clean' in x, x"

# 5. broken metadata: each problem named with file and what was expected.
R=$tmp/r5; mkroot "$R"
d=$R/regressions/crashes/frame_ether
printf '{"target": "frame_ether",\n "status": "fixed"\n' > "$d/0123456789abcdef.json"; echo x > "$d/0123456789abcdef"
python3 -c 'import json,sys; json.dump({"target":"frame_ether","crash_type":"A","crash_state":"b","security_flag":False,"signature":"ffffffffffffffff","found":"2026-11-29","status":"fixed"}, open(sys.argv[1],"w"))' "$d/ffffffffffffffff.json"
echo x > "$d/ffffffffffffffff"
echo x > "$d/orphan-input"
mkdir -p "$R/regressions/crashes/no_such_target"
NETFUZZ_ROOT=$R "$W/bin/netfuzz" regress --json > "$tmp/out.json" 2>"$tmp/err"; rc=$?
check "broken case metadata is reported with file, line and what was expected" "
errs = ' | '.join(x['reason'] for x in res if x['kind'] == 'case')
assert rc == 1, rc
assert 'regressions/crashes/frame_ether/0123456789abcdef.json: line 3 column 0: ' in errs, errs
assert 'signature \"ffffffffffffffff\" and file name \"ffffffffffffffff\" must both be ' in errs, errs
assert 'regressions/crashes/frame_ether/orphan-input: no metadata file orphan-input.json beside it' in errs, errs
assert 'regressions/crashes/no_such_target/: no target named' in errs, errs
assert r['frame_ether']['status'] == 'PASS', r['frame_ether']"

# 6. the real tree: every seed and fixed case of every target replays clean.
"$W/bin/netfuzz" regress $(for t in $(make -s --no-print-directory print-targets); do echo --only "$t"; done) --json > "$tmp/out.json" 2>"$tmp/err"; rc=$?
check "real corpora and regression cases replay clean" '
assert rc == 0 and res and all(x["status"] in ("PASS", "XFAIL") for x in res), res'
