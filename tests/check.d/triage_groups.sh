#!/usr/bin/env bash
# Grouping on REAL crash files from planted bugs (tests/targets/
# planted_radiotap.c, three bugs, two of them in rt_presence; the crash set
# tests/triage-crashes/planted_radiotap/ is rebuilt by
# bench/triage/gen-planted-crashes.sh): every bug triages to exactly one
# group, whichever caller reached it; the two bugs of one function never
# share a group.  Then minimization on a 283-byte reproducer of bug 1 (the
# hand-built one is 73 bytes) and one regression case filed per group.
# Prints TAP lines.
set -u
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d /tmp/nf-triage-groups.$$.XXXX)
trap 'rm -rf "$tmp"' EXIT
crashes=tests/triage-crashes/planted_radiotap
bin/netfuzz triage "$crashes" --target planted_radiotap --runs 1 --minimize-seconds 0 --json \
  >"$tmp/out.json" 2>"$tmp/err"; rc=$?
if python3 - "$tmp/out.json" "$rc" "$(ls "$crashes" | wc -l)" >"$tmp/why" 2>&1 <<'PY'
import json, sys
d = json.load(open(sys.argv[1])); rc = int(sys.argv[2]); nfiles = int(sys.argv[3])
assert rc == 1, f"exit {rc}"
b, g = d["buckets"], d["groups"]
assert sum(x["count"] for x in b) == nfiles, "every crash file reproduced"
# the bug a bucket is, by its top frame and size-blind type: hand-derived
# from tests/targets/planted_radiotap.c
def bug(x):
    top = x["crash_state"].split("\n")[0]; kind = x["crash_type"].split("\n")[0]
    return {("rt_presence", "Stack-buffer-overflow"): 1, ("rt_presence", "Heap-buffer-overflow"): 2,
            ("rt_fields", "Index-out-of-bounds"): 3}[(top, kind)]
bugs, files, callers = {}, {}, {}
for x in b:
    k = bug(x)
    bugs.setdefault(k, set()).add(x["group"])
    files[k] = files.get(k, 0) + x["count"]
    callers.setdefault(k, set()).add(x["crash_state"].split("\n")[-1])
for k, groups in sorted(bugs.items()):
    assert len(groups) == 1, f"bug {k} is in groups {groups}"
assert len({next(iter(v)) for v in bugs.values()}) == len(bugs), f"two bugs share a group: {bugs}"
assert len(g) == len(bugs), f"{len(g)} groups for {len(bugs)} bugs"
assert sorted(bugs) == [1, 2, 3], f"bugs found: {sorted(bugs)}"
for k in bugs:  # the issue's figure: >= 20 crash files per bug, through both callers
    assert files[k] >= 20, f"bug {k}: {files[k]} crash files, need >= 20"
    assert callers[k] == {"dissect_capture", "dissect_tunnel"}, f"bug {k} callers {callers[k]}"
assert len(b) > len(g), "some group merges buckets (two call paths)"
for grp in g:
    assert len(grp["bucket_signatures"]) == len(grp["reason"])
    assert grp["reason"][0] == "first bucket of the group"
print("bugs", sorted(bugs), "groups", len(g), "buckets", len(b), "files", [files[k] for k in sorted(files)])
PY
then echo "ok triage_groups each planted bug is one group, two bugs of rt_presence apart ($(tail -1 "$tmp/why"))"
else echo "not ok triage_groups: $(tail -1 "$tmp/why")"; fi

# Minimization: bug 1 (17 presence words into w[16]) padded to 283 bytes
# must shrink to within 2x of the 73-byte hand-built input, default budget.
python3 - "$tmp/in/crashes/planted_radiotap" <<'PY'
import os, struct, sys
os.makedirs(sys.argv[1])
words = b"".join(struct.pack("<I", 0x80000000) for _ in range(16)) + struct.pack("<I", 0)
hand = bytes([0, 0, 0]) + struct.pack("<H", 72) + words
open(os.path.join(sys.argv[1], "crash-283"), "wb").write(hand + bytes(range(210)))
PY
bin/netfuzz triage "$tmp/in/crashes" --runs 1 --file --regressions-dir "$tmp/reg" --json \
  >"$tmp/min.json" 2>"$tmp/min.err"; rc=$?
if python3 - "$tmp/min.json" "$tmp/reg" >"$tmp/why" 2>&1 <<'PY'
import json, os, sys
d = json.load(open(sys.argv[1])); g = d["groups"]
assert len(g) == 1, len(g)
assert g[0]["smallest_size"] == 283, g[0]
assert "minimized_size" in g[0], g[0].get("minimize_note")
assert g[0]["minimized_size"] <= 2 * 73, g[0]["minimized_size"]
filed = g[0]["filed"]
assert os.path.getsize(filed) == g[0]["minimized_size"]
assert len(os.listdir(os.path.join(sys.argv[2], "planted_radiotap"))) == 2  # input + .json
print(f"283 -> {g[0]['minimized_size']} bytes")
PY
then echo "ok triage_groups minimized $(tail -1 "$tmp/why"), filed once"
else echo "not ok triage_groups minimization: $(tail -1 "$tmp/why") $(tail -2 "$tmp/min.err")"; fi

# Element removal (src/mutate/drop.c) on issue 24's shape: bug 1 with 40
# presence words (Ext set) and a 119-byte tail.  Before, triage stopped at
# 283 -> 254 bytes on this shape (every candidate ran symbolized, about
# 0.5 s each, and libFuzzer's steps ran with the structure mutator, which
# does not shrink).  The tail goes in one cut (bytes past everything the
# parse recorded), then 23 words with it_len repaired: down to the 73-byte
# hand-built input, within the default budget, by element removal alone.
rm -rf "$tmp/el"
python3 - "$tmp/el/crashes/planted_radiotap" <<'PY'
import os, struct, sys
os.makedirs(sys.argv[1])
words = b"".join(struct.pack("<I", 0x80000000) for _ in range(40))
hand = bytes([0, 0, 0]) + struct.pack("<H", 4 + 4 * 40) + words
open(os.path.join(sys.argv[1], "crash-40-words"), "wb").write(hand + bytes(range(119)))
PY
bin/netfuzz triage "$tmp/el/crashes" --runs 1 --json >"$tmp/el.json" 2>"$tmp/el.err"
if python3 - "$tmp/el.json" >"$tmp/why" 2>&1 <<'PY'
import json, sys
g = json.load(open(sys.argv[1]))["groups"]
assert len(g) == 1, len(g)
assert g[0]["smallest_size"] == 284, g[0]
assert "minimized_size" in g[0], g[0].get("minimize_note")
assert g[0]["minimized_size"] <= 2 * 73, g[0]["minimized_size"]
assert g[0]["minimized_by"].startswith("24 element(s) removed"), g[0]["minimized_by"]
print(f"284 -> {g[0]['minimized_size']} bytes ({g[0]['minimized_by']})")
PY
then echo "ok triage_groups element removal: $(tail -1 "$tmp/why")"
else echo "not ok triage_groups element removal: $(tail -1 "$tmp/why") $(tail -2 "$tmp/el.err")"; fi
