#!/usr/bin/env bash
# netfuzz triage --from-log on real-world-shaped sanitizer/libFuzzer logs
# (tests/triage-logs/*.log): for each report, the crash type, crash state and
# security flag (and severity) must equal the .expected file beside it, and
# the signature must be SHA-1(type "\n" state)[:16].  The expected values
# follow ClusterFuzz's rules (src/clusterfuzz/stacktraces/), worked out by
# hand per log, quirks included: "freed by thread" is not a state stop
# marker (07), and runs of 4+ digits become NUMBER even inside a name, so
# ieee80211_x is ieeeNUMBER_x (12, 24), exactly as ClusterFuzz does.  .expected: a JSON array of reports, or
# {"target": T, "reports": [...]} to pass --target T.  Prints TAP lines.
set -u
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d /tmp/nf-triage-logs.$$.XXXX)
trap 'rm -rf "$tmp"' EXIT
# One python process checks every log (it runs netfuzz triage on each): a
# python start per log cost ~1 s each under load, most of this script's
# 212 s at load 15 (issue 22).
python3 - "$tmp/n" <<'PY'
import hashlib, json, os, subprocess, sys, glob
n = 0
for log in sorted(glob.glob("tests/triage-logs/*.log")):
    exp_path = log[:-4] + ".expected"
    name = os.path.basename(log[:-4])
    if not os.path.isfile(exp_path):
        print(f"not ok triage_logs {name}: no {exp_path}")
        continue
    n += 1
    exp = json.load(open(exp_path))
    target = exp.get("target", "") if isinstance(exp, dict) else ""
    args = ["bin/netfuzz", "triage", "--from-log", log, "--json"] + (["--target", target] if target else [])
    r = subprocess.run(args, capture_output=True)
    groups = exp.get("groups") if isinstance(exp, dict) else None  # bucket count per group, hand-derived
    exp = exp["reports"] if isinstance(exp, dict) else exp
    bad = []
    try:
        out = json.loads(r.stdout)
        got = out["buckets"]
        if r.returncode != 1:
            bad.append(f"exit code {r.returncode}, expected 1 (findings)")
        if len(got) != len(exp):
            bad.append(f"{len(got)} reports, expected {len(exp)}")
        for i, (e, g) in enumerate(zip(exp, got)):
            for k in ("crash_type", "crash_state", "security_flag", "severity"):
                if k in e and e[k] != g.get(k):
                    bad.append(f"report {i+1} {k}: got {g.get(k)!r}, expected {e[k]!r}")
            sig = hashlib.sha1((g["crash_type"] + "\n" + g["crash_state"]).encode()).hexdigest()[:16]
            if g.get("signature") != sig:
                bad.append(f"report {i+1} signature {g.get('signature')} != {sig}")
        if groups is not None:
            sizes = [len(g["bucket_signatures"]) for g in out["groups"]]
            if sizes != groups:
                bad.append(f"groups of {sizes} buckets, expected {groups}")
    except (ValueError, KeyError, TypeError) as e:
        bad.append(f"exit {r.returncode}, no usable JSON ({type(e).__name__}: {e}): {r.stderr.decode(errors='replace')[:200]}")
    print(f"ok triage_logs {name}" if not bad else f"not ok triage_logs {name}: " + "; ".join(bad))
open(sys.argv[1], "w").write(str(n))
PY
n=$(cat "$tmp/n" 2>/dev/null || echo 0)
[ "$n" -ge 20 ] && echo "ok triage_logs at least 20 logs ($n)" || echo "not ok triage_logs only $n logs (need 20)"

# A report need not start the log: each log again behind three preambles
# (libFuzzer start-up and an LSan suppressions table; a Go panic, whose
# "panic: runtime error:" is not UBSan's; a glibc assert from an earlier
# process, a report without ==PID== or SUMMARY:).  The log's own results
# must come out unchanged, after the assert's own result.
python3 - "$tmp" <<'PY'
import glob, json, subprocess, sys
tmp = sys.argv[1]
pre = {
    "suppressions": "INFO: Seed: 1\n#2\tINITED cov: 12 ft: 13 corp: 1/1b exec/s: 0 rss: 31Mb\n"
                    "-----------------------------------------------------\nSuppressions used:\n"
                    "  count      bytes template\n     12        384 libcrypto\n"
                    "-----------------------------------------------------\n\n",
    "gopanic": "panic: runtime error: index out of range [3] with length 3\n\ngoroutine 1 [running]:\n"
               "main.main()\n\t/src/tools/gen/main.go:41 +0x1d\nexit status 2\n",
    "assert": "test_cli: tests/unit/test_cli.c:88: check_args: Assertion `argc > 1' failed.\n"
              "Aborted (core dumped)\n",
}
bad = n = 0
for log in sorted(glob.glob("tests/triage-logs/*.log")):
    try:
        exp = json.load(open(log[:-4] + ".expected"))
    except OSError:
        continue
    target = exp.get("target") if isinstance(exp, dict) else None
    exp = exp["reports"] if isinstance(exp, dict) else exp
    body = open(log, "rb").read()
    for name, text in pre.items():
        open(tmp + "/pre.log", "wb").write(text.encode() + body)
        args = ["bin/netfuzz", "triage", "--from-log", tmp + "/pre.log", "--json"]
        if target:
            args += ["--target", target]
        r = subprocess.run(args, capture_output=True)
        n += 1
        try:
            have = [(g["crash_type"], g["crash_state"]) for g in json.loads(r.stdout)["buckets"]]
        except ValueError:
            have = None
        want = [(e["crash_type"], e["crash_state"]) for e in exp]
        if name == "assert":
            want = [("ASSERT", "argc > 1")] + want
        if have != want:
            bad += 1
            print(f"# {log} behind {name}: {have} != {want}")
print(f"ok triage_logs every log behind 3 preambles ({n} runs)" if bad == 0
      else f"not ok triage_logs {bad} of {n} preamble runs changed a log's results")
PY

# Bad input: a missing log is a usage error (2) with the file named; a log
# without any report exits 0 and says so.
bin/netfuzz triage --from-log tests/triage-logs/no-such.log >/dev/null 2>"$tmp/err"; rc=$?
if [ $rc -eq 2 ] && grep -q "no-such.log" "$tmp/err"; then echo "ok triage_logs missing log is exit 2 naming the file"
else echo "not ok triage_logs missing log: exit $rc, stderr: $(cat "$tmp/err")"; fi
printf 'INFO: Seed: 1\nDone 1000 runs in 1 second(s)\n' > "$tmp/clean.log"
bin/netfuzz triage --from-log "$tmp/clean.log" >/dev/null 2>"$tmp/err"; rc=$?
if [ $rc -eq 0 ] && grep -q "no sanitizer or libFuzzer report" "$tmp/err"; then echo "ok triage_logs clean log is exit 0"
else echo "not ok triage_logs clean log: exit $rc, stderr: $(cat "$tmp/err")"; fi

# SARIF 2.1.0 from the three-report CI log: three results, fingerprints.
bin/netfuzz triage --from-log tests/triage-logs/21-ci-log-three-reports.log --sarif "$tmp/out.sarif" >/dev/null 2>&1
if python3 - "$tmp/out.sarif" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["version"] == "2.1.0"
res = d["runs"][0]["results"]
assert len(res) == 3, len(res)
assert [r["ruleId"] for r in res] == ["Heap-buffer-overflow", "Undefined-shift", "Direct-leak"]
assert res[0]["locations"][0]["physicalLocation"]["region"]["startLine"] == 51
assert all(len(r["partialFingerprints"]["netfuzzSignature/v1"]) == 16 for r in res)
PY
then echo "ok triage_logs sarif 2.1.0 output"; else echo "not ok triage_logs sarif output"; fi

# Hostile logs: NUL bytes, 1 MB lines, ANSI junk, a report cut mid-line.
# Each gets a result (exit 1) or "no report" (exit 0), never a crash.
printf '==1==ERROR: AddressSanitizer: heap-buffer-overflow on address 0x602000000011 at pc 0x1 bp 0x2 sp 0x3\n\0\0READ of size 4 at 0x602000000011 thread T0\n    #0 0x4f10 in parse\0_x /src/a.c:1:2\n' > "$tmp/nul.log"
python3 - "$tmp" <<'PY'
import sys
t = sys.argv[1]
open(t + "/mb.log", "w").write("==1==ERROR: AddressSanitizer: SEGV on unknown address 0x000000000000 " + "A" * 1048576 + "\n    #0 0x1 in f" + "B" * 1048576 + " /a.c:1\n")
open(t + "/ansi.log", "w").write("\x1b[1m\x1b[31m==2==ERROR: LeakSanitizer: detected memory leaks\x1b[0m\n\x1b[1mDirect leak of 8 byte(s)\x1b[\x1b[\x1b]0;x\x07\n    #0 0x1 in malloc x\n    #1 0x2 in grow /a.c:3\n")
open(t + "/trunc.log", "w").write("==3==ERROR: AddressSanitizer: heap-use-after-free on addr")
PY
for f in nul:Heap-buffer-overflow mb:Null-dereference ansi:Direct-leak trunc:Heap-use-after-free; do
  bin/netfuzz triage --from-log "$tmp/${f%%:*}.log" --json >"$tmp/h.json" 2>"$tmp/h.err"; rc=$?
  if [ $rc -eq 1 ] && python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["buckets"][0]["crash_type"].startswith(sys.argv[2])' "$tmp/h.json" "${f#*:}" 2>/dev/null
  then echo "ok triage_logs hostile log ${f%%:*} gives ${f#*:}"
  else echo "not ok triage_logs hostile log ${f%%:*}: exit $rc $(head -c 200 "$tmp/h.err")"; fi
done
