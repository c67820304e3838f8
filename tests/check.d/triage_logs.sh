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
n=0
for log in tests/triage-logs/*.log; do
  exp=${log%.log}.expected
  name=$(basename "${log%.log}")
  [ -f "$exp" ] || { echo "not ok triage_logs $name: no $exp"; continue; }
  n=$((n + 1))
  target=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d.get("target","") if isinstance(d,dict) else "")' "$exp")
  args=(--from-log "$log" --json)
  [ -n "$target" ] && args+=(--target "$target")
  bin/netfuzz triage "${args[@]}" > "$tmp/out.json" 2>"$tmp/err"; rc=$?
  if python3 - "$exp" "$tmp/out.json" "$rc" > "$tmp/why" 2>&1 <<'PY'
import hashlib, json, sys
exp = json.load(open(sys.argv[1]))
groups = exp.get("groups") if isinstance(exp, dict) else None  # bucket count per group, hand-derived
exp = exp["reports"] if isinstance(exp, dict) else exp
out = json.load(open(sys.argv[2]))
got = out["buckets"]
rc = int(sys.argv[3])
bad = []
if rc != 1:
    bad.append(f"exit code {rc}, expected 1 (findings)")
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
print("; ".join(bad))
sys.exit(1 if bad else 0)
PY
  then echo "ok triage_logs $name"
  else echo "not ok triage_logs $name: $(cat "$tmp/why")"; fi
done
[ "$n" -ge 20 ] && echo "ok triage_logs at least 20 logs ($n)" || echo "not ok triage_logs only $n logs (need 20)"

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
