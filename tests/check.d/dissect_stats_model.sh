#!/usr/bin/env bash
# `netfuzz dissect --stats` skips field recording (layers only) and counts by
# protocol id.  On a small version of the benchmark capture (bench/
# gen_capture.py, the issue-11 mix with 8% snap-length cuts) its counts must
# equal what the full model reports packet by packet (--json: frame.protocols
# and _errors), and agree with what the generator wrote (its manifest).
set -u
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d /tmp/nf-stats-model.$$.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
N=20000
python3 bench/gen_capture.py "$tmp/cap.pcap" "$N" --manifest "$tmp/manifest.json" ||
  { echo "not ok dissect_stats_model: generator failed"; exit 0; }
bin/netfuzz dissect --stats --json "$tmp/cap.pcap" > "$tmp/stats.json" ||
  { echo "not ok dissect_stats_model: --stats --json exited $?"; exit 0; }
bin/netfuzz dissect --json "$tmp/cap.pcap" > "$tmp/full.ndjson" ||
  { echo "not ok dissect_stats_model: --json exited $?"; exit 0; }
bin/netfuzz dissect --stats "$tmp/cap.pcap" > "$tmp/stats.txt" ||
  { echo "not ok dissect_stats_model: --stats exited $?"; exit 0; }
python3 - "$tmp" <<'PY'
import json, sys
d = sys.argv[1]
st = json.load(open(d + "/stats.json"))
man = json.load(open(d + "/manifest.json"))
protos, packets, trunc, bad = {}, 0, 0, 0
for line in open(d + "/full.ndjson"):
    p = json.loads(line)
    packets += 1
    for proto in p["frame.protocols"].split(":") if p["frame.protocols"] else []:
        protos[proto] = protos.get(proto, 0) + 1
    kinds = {e["kind"] for e in p.get("_errors", [])}
    trunc += "truncated" in kinds
    bad += "malformed" in kinds
text = {}
for line in open(d + "/stats.txt"):
    k, v = line.split()
    text[k] = int(v)
fails = []
if st["packets"] != packets or packets != man["packets"]:
    fails.append("packets: --stats %d, full model %d, generated %d" % (st["packets"], packets, man["packets"]))
if st["protocols"] != protos:
    fails.append("per-protocol counts differ: --stats %s vs full model %s" % (st["protocols"], protos))
if (st["truncated"], st["malformed"]) != (trunc, bad):
    fails.append("truncated/malformed: --stats %d/%d vs full model %d/%d" % (st["truncated"], st["malformed"], trunc, bad))
want_text = dict(st["protocols"], packets=st["packets"], truncated=st["truncated"], malformed=st["malformed"])
if text != want_text:
    fails.append("text --stats %s differs from --stats --json %s" % (text, want_text))
# Every uncut packet shows the layers of its template; a cut packet may lose
# some, so each count is at least the uncut packets' count.
for proto, n in man["layers_in_uncut_packets"].items():
    if protos.get(proto, 0) < n:
        fails.append("%s: %d packets, but %d uncut packets carry it" % (proto, protos.get(proto, 0), n))
# Cut packets are the only short ones: 0 < truncated <= snap_cut.
if not 0 < trunc <= man["snap_cut"]:
    fails.append("truncated %d, but %d packets were cut" % (trunc, man["snap_cut"]))
if fails:
    print("not ok dissect_stats_model: " + "; ".join(fails))
else:
    print("ok dissect_stats_model: --stats equals the full model on %d packets (%d protocols, %d truncated of %d cut)"
          % (packets, len(protos), trunc, man["snap_cut"]))
PY
