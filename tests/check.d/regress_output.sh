#!/usr/bin/env bash
# check-group: regress (netfuzz regress at the project root writes build/regress/*.log)
# netfuzz regress output: JUnit XML checked against the JUnit structure
# (testsuites > testsuite > testcase, with failure/skipped children) using
# Python's XML parser; one testcase per repro and per target; TAP plan and
# numbering; --json; the exit code; and a run killed with SIGKILL leaves a
# valid partial JUnit file.  Prints TAP lines.
set -u
cd "$(dirname "$0")/../.."
W=$PWD
N=$W/bin/netfuzz
tmp=$(mktemp -d /tmp/nf-regress-out.$$.XXXX)
bg=
trap '[ -n "$bg" ] && kill -9 "$bg" 2>/dev/null; rm -rf "$tmp"' EXIT

# junit_check FILE MIN_TESTS [ids...]: valid JUnit, every id has a testcase.
junit_check() {
  python3 - "$@" <<'PY'
import sys, xml.etree.ElementTree as ET
path, mincount, ids = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
root = ET.parse(path).getroot()
assert root.tag == "testsuites", root.tag
total = fails = skips = 0
names = []
for suite in root:
    assert suite.tag == "testsuite", suite.tag
    for a in ("name", "tests", "failures", "errors", "skipped", "time"):
        assert a in suite.attrib, (suite.tag, a)
    cases = [c for c in suite if c.tag == "testcase"]
    assert all(c.tag in ("testcase", "properties") for c in suite), [c.tag for c in suite]
    f = s = 0
    for c in cases:
        assert c.get("name") and c.get("classname") and float(c.get("time")) >= 0, c.attrib
        kids = [k.tag for k in c]
        assert set(kids) <= {"failure", "skipped", "system-out"} and len(kids) <= 1, kids
        if "failure" in kids: f += 1; assert c.find("failure").get("message") is not None
        if "skipped" in kids: s += 1
        names.append(c.get("name"))
    assert int(suite.get("tests")) == len(cases), (suite.get("tests"), len(cases))
    assert int(suite.get("failures")) == f and int(suite.get("skipped")) == s, suite.attrib
    total += len(cases); fails += f; skips += s
assert int(root.get("tests")) == total and int(root.get("failures")) == fails, root.attrib
assert total >= mincount, (total, mincount)
for i in ids:
    assert any(i in n for n in names), ("no testcase for", i, names)
print(total)
PY
}

ids=$($N regress --list | grep -v '^ ')
targets=$(make -s --no-print-directory print-targets)
nrepro=$(echo $ids | wc -w)

# --list and --list-faults with --json: the same entries as the text, and
# each fault's target_env is what `--inject` applies (bench/sock_faults.sh
# reads it instead of a table of its own).
$N regress --list --json > "$tmp/list.json" 2>"$tmp/list.err"; rc1=$?
$N regress --json --list-faults > "$tmp/faults.json" 2>>"$tmp/list.err"; rc2=$?
if [ $rc1 -eq 0 ] && [ $rc2 -eq 0 ] && python3 - "$tmp/list.json" "$tmp/faults.json" "$W/build/libnetfault.so" \
     "$ids" "$($N regress --list-faults | grep -v '^ ' | awk '{print $1}')" <<'PY'
import json, sys
repros, faults = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
shim, ids, names = sys.argv[3], sys.argv[4].split(), sys.argv[5].split()
assert [r["id"] for r in repros] == ids, ("--list --json ids differ from --list", ids)
assert [f["name"] for f in faults] == names, ("--list-faults --json names differ", names)
env = {f["name"]: f["target_env"] for f in faults}
assert env["swallow-first-sendto"] == ["LD_PRELOAD=" + shim, "NETFAULT_SWALLOW_SENDTO=1", "NETFAULT_KEEP_PRELOAD=1"], env["swallow-first-sendto"]
assert env["drop-first-udp"] == ["NF_SOCK_FAULT=drop-first-udp"] and env["policy-rule"] == [], env
first = [r for r in repros if r["id"] == "udp-v4mapped-first-sendto"][0]
assert "drop-first-udp" in first["faults"] and first["platforms"], first
PY
then echo "ok regress_output --list --json and --list-faults --json: $(echo $ids | wc -w) repros, every fault with its target_env"
else echo "not ok regress_output list --json: exit $rc1/$rc2 $(head -c 300 "$tmp/list.err")"; fi
err=$($N regress --list --list-faults 2>&1); rc=$?
[ $rc -eq 2 ] && [ "$err" = "netfuzz: regress: --list and --list-faults: choose one" ] &&
  echo "ok regress_output --list with --list-faults: exit 2, one sentence" ||
  echo "not ok regress_output --list --list-faults: exit $rc: $err"

# Full suite: JUnit + JSON, exit 0.
$N regress --junit "$tmp/all.xml" --json > "$tmp/all.json" 2>"$tmp/err"; rc=$?
[ $rc -eq 0 ] && echo "ok regress_output full suite exits 0" || echo "not ok regress_output full suite exit $rc: $(grep -o '"status": "FAIL"' "$tmp/all.json" | wc -l) failed"
if n=$(junit_check "$tmp/all.xml" "$nrepro" $ids $targets 2>&1); then
  echo "ok regress_output JUnit valid, $n testcases, one per repro and per target"
else echo "not ok regress_output JUnit: $n"; fi
python3 - "$tmp/all.json" "$tmp/all.xml" <<'PY' && echo "ok regress_output --json matches JUnit" || echo "not ok regress_output --json"
import json, sys, xml.etree.ElementTree as ET
d = json.load(open(sys.argv[1]))
cases = ET.parse(sys.argv[2]).getroot().iter("testcase")
assert len(d["results"]) == len(list(cases)) and d["platform"].startswith("linux")
assert all(r["status"] in ("PASS", "FAIL", "XFAIL", "XPASS", "SKIP") for r in d["results"])
assert sum(d["summary"].values()) == len(d["results"])
PY

# TAP: version, plan, numbered lines, directives.
$N regress --tap --only udp-zero-length --only frame_ether > "$tmp/tap" 2>/dev/null
if python3 - "$tmp/tap" <<'PY'
import re, sys
lines = open(sys.argv[1]).read().splitlines()
assert lines[0] == "TAP version 13" and lines[1] == "1..2", lines[:2]
tests = [l for l in lines if re.match(r"(not )?ok \d+ - ", l)]
assert [int(re.match(r"(?:not )?ok (\d+)", l).group(1)) for l in tests] == [1, 2], tests
assert all(l.startswith("ok ") for l in tests), tests
PY
then echo "ok regress_output TAP plan and numbering"; else echo "not ok regress_output TAP: $(head -5 "$tmp/tap")"; fi

# A fault: exit 1, JUnit has a <failure> for that repro, TAP says not ok.
$N regress --inject drop-first-udp --junit "$tmp/f.xml" --tap > "$tmp/ftap" 2>/dev/null; rc=$?
if [ $rc -eq 1 ] && junit_check "$tmp/f.xml" 1 udp-v4mapped-first-sendto >/dev/null &&
   python3 -c 'import sys,xml.etree.ElementTree as E; c=[c for c in E.parse(sys.argv[1]).getroot().iter("testcase") if "udp-v4mapped-first-sendto" in c.get("name")]; assert c and c[0].find("failure") is not None' "$tmp/f.xml" &&
   grep -q '^not ok 1 - repro udp-v4mapped-first-sendto+drop-first-udp' "$tmp/ftap"; then
  echo "ok regress_output injected fault: exit 1, JUnit failure, TAP not ok"
else echo "not ok regress_output injected fault: rc=$rc $(head -3 "$tmp/ftap")"; fi

# Killed mid-run: open cases that hang keep the run busy; SIGKILL it after
# the first result is written, then the JUnit file must still be valid.
R=$tmp/root
mkdir -p "$R/corpora/frame_ether" "$R/regressions/crashes/frame_ether" "$R/build/standalone-address"
make -s --no-print-directory ENGINE=standalone SANITIZER=address EXTRA_TARGET_SRCS=tests/targets/regress_crashy.c \
  build/standalone-address/regress_crashy >/dev/null 2>&1
ln -s "$W/build/standalone-address/regress_crashy" "$R/build/standalone-address/frame_ether"
echo seed > "$R/corpora/frame_ether/seed"
python3 - "$R/regressions/crashes/frame_ether" <<'PY'
import hashlib, json, sys
for i in range(4):
    t, s = "Timeout", "hang%d\nLLVMFuzzerTestOneInput\nmain" % i
    sig = hashlib.sha1((t + "\n" + s).encode()).hexdigest()[:16]
    open(f"{sys.argv[1]}/{sig}", "w").write("HANG\n")
    json.dump({"target": "frame_ether", "crash_type": t, "crash_state": s, "security_flag": False,
               "signature": sig, "found": "2026-11-29", "status": "open"}, open(f"{sys.argv[1]}/{sig}.json", "w"))
PY
NETFUZZ_ROOT=$R $N regress --only frame_ether --timeout 3 --junit "$tmp/k.xml" >/dev/null 2>&1 &
bg=$!
for _ in $(seq 100); do # bounded: 10 s
  grep -q '<testcase' "$tmp/k.xml" 2>/dev/null && break
  sleep 0.1
done
kill -9 "$bg" 2>/dev/null; wait "$bg" 2>/dev/null; bg=
sleep 0.3
if n=$(junit_check "$tmp/k.xml" 1 2>&1) && [ "$n" -lt 5 ]; then
  echo "ok regress_output killed run left a valid partial JUnit file ($n of 5 testcases)"
else echo "not ok regress_output killed run: $n"; fi
if pgrep -f "$R/" >/dev/null; then echo "not ok regress_output a worker outlived the killed runner"
else echo "ok regress_output workers die with the runner"; fi
