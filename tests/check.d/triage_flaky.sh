#!/usr/bin/env bash
# netfuzz triage marks a crash that reproduces only sometimes as flaky:
# tests/targets/nf_flaky.c crashes on odd-numbered runs (a counter file
# named by NF_FLAKY_STATE), so 4 runs crash exactly twice.  An input that
# never crashes is reported as not reproducing and kept out of the buckets.
set -u
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d /tmp/nf-triage-flaky.$$.XXXX)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/crashes/nf_flaky"
printf 'FLAKY' > "$tmp/crashes/nf_flaky/crash-flaky"
printf 'calm!' > "$tmp/crashes/nf_flaky/crash-calm"
NF_FLAKY_STATE=$tmp/state bin/netfuzz triage "$tmp/crashes" --runs 4 --minimize-seconds 0 --json \
  >"$tmp/out.json" 2>"$tmp/err"; rc=$?
if python3 - "$tmp/out.json" "$rc" >"$tmp/why" 2>&1 <<'PY'
import json, sys
d = json.load(open(sys.argv[1])); rc = int(sys.argv[2])
assert rc == 1, f"exit {rc}"
assert len(d["buckets"]) == 1, "one bucket expected"
d = d["buckets"][0]
assert d["flaky"] is True and d["runs"] == 4 and d["reproduced"] == 2, d
assert d["crash_state"] == "flaky_read" and d["security_flag"] is True, d
PY
then echo "ok triage_flaky crash in 2 of 4 runs is marked flaky"
else echo "not ok triage_flaky: $(tail -1 "$tmp/why") $(head -c 300 "$tmp/out.json") $(tail -2 "$tmp/err")"; fi
if grep -q "crash-calm (nf_flaky) did not crash in 4 run(s)" "$tmp/err"; then
  echo "ok triage_flaky an input that never crashes is reported, not bucketed"
else
  echo "not ok triage_flaky no-repro message missing: $(cat "$tmp/err")"
fi
