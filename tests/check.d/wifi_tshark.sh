#!/usr/bin/env bash
# Differential test: `netfuzz dissect --json` (the shipped tool) on 802.11 /
# radiotap / NAN against tshark, field by field, on the real capture tests/data/odid_wifi_bcn_sample.pcap
# and on a generated capture (corpora/gen_frame_radiotap.py --pcap) with
# every frame type, address layout and NAN attribute.  Prints TAP; every
# disagreement is listed as a "#" line; requires >= 99.9% agreement.
# Fields where tshark 4.0 is demonstrably wrong (checked per packet in
# tshark_wrong()) are listed as such and left out of the ratio.
set -u
cd "$(dirname "$0")/../.."
NF=bin/netfuzz
if ! command -v tshark >/dev/null; then
  echo "not ok wifi_tshark: tshark not installed"; exit 0
fi
if [ ! -x "$NF" ]; then
  echo "not ok wifi_tshark: $NF not built (make check builds it)"; exit 0
fi
TMP=$(mktemp -d "${TMPDIR:-/tmp}/netfuzz-wifi.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
# A generator that exits 0 but writes no capture, or one without a single
# packet (24-byte pcap header only), would make the comparison below vacuous.
for kind in pcap:generated pcap-hostile:hostile; do
  out=$TMP/${kind#*:}.pcap kind=${kind%%:*}
  if ! python3 corpora/gen_frame_radiotap.py --$kind "$out" 2>"$TMP/gen.err"; then
    echo "not ok wifi_tshark: gen_frame_radiotap.py --$kind failed: $(head -c 200 "$TMP/gen.err")"; exit 0
  fi
  if [ ! -s "$out" ] || [ "$(stat -c %s "$out")" -le 24 ]; then
    echo "not ok wifi_tshark: gen_frame_radiotap.py --$kind wrote no packets to $out"; exit 0
  fi
done

FIELDS="wlan.sa wlan.da wlan.ra wlan.ta wlan.bssid wlan.fc.type_subtype wlan.ssid wlan.seq wlan.frag
wlan.tag.number wlan.ds.current_channel wlan.fixed.beacon wlan.rsn.version wlan.fixed.reason_code
radiotap.channel.freq radiotap.dbm_antsignal radiotap.antenna radiotap.mactime wlan.fcs
nan.attribute.type nan.action.subtype nan.instance_id llc.type ip.src ip.dst
nan.service_id nan.master_indication.preference nan.cluster.anchor_master_rank nan.cluster.hop_count
nan.sda.sc nan.sdea.ctr nan.security_context.identifier_len nan.cipher_suite.id nan.publish_id
nan.availability.sequence_id nan.device_cap.max_channel_switch_time nan.oui wlan.tag.oui
wlan.rsn.pcs.count wlan.rsn.akms.count wlan.tim.dtim_period wlan.supported_rates wlan.fixed.capabilities
wlan.qos.tid wlan.fixed.status_code wlan.fixed.aid radiotap.flags radiotap.xchannel.freq
llc.dsap llc.ssap llc.control llc.oui radiotap.vendor_oui radiotap.vendor_subns radiotap.vendor_data_len
radiotap.tlv.type radiotap.tlv.datalen wlan.duration wlan.aid wlan.qos wlan.fc wlan.flags wlan.fcs.status"

# The hostile capture (malformed/truncated frames) is informational only:
# there the two tools legitimately stop at different places.
for cap in tests/data/odid_wifi_bcn_sample.pcap "$TMP/generated.pcap" "$TMP/hostile.pcap"; do
  name=$(basename "$cap" .pcap)
  args=()
  for f in $FIELDS; do args+=(-e "$f"); done
  # tshark 4.0 prints several occurrences joined by ','.
  # wlan.check_checksum: let tshark verify the FCS as we do (else it says "unverified")
  if ! tshark -r "$cap" -o wlan.check_checksum:TRUE -T fields -E separator=/t -E occurrence=a -E aggregator=, "${args[@]}" \
       >"$TMP/$name.tshark" 2>"$TMP/$name.tshark.err"; then
    echo "not ok wifi_tshark $name: tshark failed: $(head -c 200 "$TMP/$name.tshark.err")"; continue
  fi
  if ! "$NF" dissect --json "$cap" >"$TMP/$name.ndjson" 2>"$TMP/$name.dump.err"; then
    echo "not ok wifi_tshark $name: netfuzz dissect --json failed: $(head -c 200 "$TMP/$name.dump.err")"; continue
  fi
  python3 - "$name" "$TMP/$name.tshark" "$TMP/$name.ndjson" $FIELDS <<'PY'
import json, sys
name, tsf, ndf, fields = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
ts = [l.rstrip("\n").split("\t") for l in open(tsf)]
nd = [json.loads(l) for l in open(ndf)]

def ours(v, field):
    vals = v if isinstance(v, list) else [v]
    out = []
    for x in vals:
        if field == "wlan.ssid":      # tshark 4.0 prints the SSID (FT_BYTES) as plain hex
            x = x.encode("latin-1", "replace").hex()
        out.append(str(x).lower())
    return out

def tshark_wrong(n, t, field, tv, nv):
    """Known tshark 4.0 faults, each checked against the packet, not just
    excused: returns the reason, or None."""
    # An unknown radiotap TLV type (present bit 28): radiotap.org ("TLV
    # fields in radiotap") says to skip it by its length; tshark 4.0 throws
    # "Malformed Packet: 802.11 Radiotap" and never dissects the 802.11
    # frame, although it_len says where it starts.
    tlvs = n.get("radiotap.tlv.type", [])
    tlvs = tlvs if isinstance(tlvs, list) else [tlvs]
    if any(x >= 28 for x in tlvs) and field.startswith(("wlan.", "radiotap.tlv.")) and not tv and nv:
        return "tshark 4.0 stops at an unknown radiotap TLV type instead of skipping it by its length"
    return None

total = agree = 0
bad = []
known = []
if len(ts) != len(nd):
    bad.append("packet count: tshark %d, netfuzz %d" % (len(ts), len(nd)))
for i, (t, n) in enumerate(zip(ts, nd), 1):
    for k, field in enumerate(fields):
        tv = t[k].lower().split(",") if k < len(t) and t[k] else []
        # tshark prints a zero-length FT_BYTES (wildcard SSID) as <MISSING>
        tv = ["" if x == "<missing>" else x for x in tv]
        nv = ours(n[field], field) if field in n else []
        if not tv and not nv:
            continue
        why = tshark_wrong(n, t, field, tv, nv)
        if why:
            known.append("packet %d %s: tshark %s, netfuzz %s: %s" % (i, field, ",".join(tv) or "-",
                                                                    ",".join(nv) or "-", why))
            continue
        total += 1
        if tv == nv:
            agree += 1
        else:
            bad.append("packet %d %s: tshark %s, netfuzz %s" % (i, field, ",".join(tv) or "-", ",".join(nv) or "-"))
pct = 100.0 * agree / total if total else 0.0
ok = total > 0 and pct >= 99.9 and len(ts) == len(nd)
verdict = "# info (not a test)" if name == "hostile" else ("ok" if ok else "not ok")
print("%s wifi_tshark %s: %d/%d fields agree (%.2f%%) over %d packets" %
      (verdict, name, agree, total, pct, len(nd)))
for b in bad:
    print("# disagreement: " + b)
for b in known:
    print("# tshark is wrong (not counted): " + b)
PY
done
