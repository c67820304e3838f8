#!/usr/bin/env bash
# The frame-bpf oracle's filters and rules (issue 24, docs/oracles.md), on
# packets built here from the specifications (IEEE 802.1Q/802.1ad, RFC 791,
# RFC 8200, RFC 768, RFC 1035, RFC 9293, IEEE 802.2, IEEE 802.11-2020 9.2/9.3,
# radiotap.org, WFA NAN spec 9.6.3):
#   1. each packet replays clean through its target with the oracle on, and
#      NF_ORACLE_TRACE=1 shows the filters it must compare with libpcap's
#      verdict, and the ones a rule skips;
#   2. tests/targets/oracle_plant.c plants issue 24's two missed frame bugs
#      (VLAN inner header 2 bytes late with DEI set; IPv4 later fragments
#      dissected with a transport header): the oracle must trap on each
#      planted bug and stay quiet on the same input without the plant.
set -u
cd "$(dirname "$0")/../.."
B=build/standalone-address
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} NETFUZZ_QUIET=1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for t in frame_ether frame_radiotap; do
  [ -x "$B/$t" ] || { echo "not ok oracles_frame: $B/$t not built"; exit 0; }
done
if make -s --no-print-directory ENGINE=standalone SANITIZER=address EXTRA_TARGET_SRCS=tests/targets/oracle_plant.c \
     "$B/oracle_plant" >"$tmp/make.log" 2>&1; then
  plant=$B/oracle_plant
else
  echo "not ok oracles_frame: building tests/targets/oracle_plant.c failed: $(tail -3 "$tmp/make.log")"
  plant=
fi

python3 - "$tmp" <<'EOF'
import struct, sys
out = sys.argv[1]
MAC_A, MAC_B = bytes.fromhex("020000000001"), bytes.fromhex("020000000002")
AP, STA, BC = bytes.fromhex("020000000a01"), bytes.fromhex("020000000b02"), b"\xff" * 6

def csum(b):
    if len(b) % 2: b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16: s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff

def ipv4(proto, payload, frag=0, opts=b""):           # RFC 791 3.1
    ihl = 5 + len(opts) // 4
    h = struct.pack("!BBHHHBBH4s4s", 0x40 | ihl, 0, 4 * ihl + len(payload), 0x1234, frag, 64, proto, 0,
                    bytes([192, 0, 2, 1]), bytes([192, 0, 2, 2])) + opts
    return h[:10] + struct.pack("!H", csum(h)) + h[12:] + payload

def ipv6(nxt, payload):                                # RFC 8200 3
    return struct.pack("!IHBB", 6 << 28, len(payload), nxt, 64) + bytes(15) + b"\1" + bytes(15) + b"\2" + payload

def udp(sport, dport, payload):                        # RFC 768
    return struct.pack("!HHHH", sport, dport, 8 + len(payload), 0) + payload

def dns(qr):                                           # RFC 1035 4.1.1, 4.1.2
    q = b"\7example\4test\0" + struct.pack("!HH", 1, 1)
    return struct.pack("!HHHHHH", 0x1a2b, 0x8180 if qr else 0x0100, 1, 0, 0, 0) + q

def tcp_ts(sport, dport):                              # RFC 9293 3.1, RFC 7323 3.2: data offset 8
    opts = b"\1\1\x08\x0a" + struct.pack("!II", 1, 0)
    return struct.pack("!HHIIBBHHH", sport, dport, 1, 0, 8 << 4, 0x02, 65535, 0, 0) + opts

def eth(etype, payload):
    return MAC_A + MAC_B + struct.pack("!H", etype) + payload

def tag(tpid, tci, etype, payload):                    # IEEE 802.1Q 9.6 / 802.1ad
    return struct.pack("!HH", tci, etype) + payload if tpid is None else struct.pack("!HHH", tpid, tci, etype) + payload

arp_reply = struct.pack("!HHBBH", 1, 0x0800, 6, 4, 2) + MAC_B + bytes([192, 0, 2, 2]) + MAC_A + bytes([192, 0, 2, 1])
pk = {}
pk["vlan-dns"] = eth(0x8100, tag(None, 0x0064, 0x0800, ipv4(17, udp(40000, 53, dns(False)))))
pk["vlan-dei-dns"] = eth(0x8100, tag(None, 0x1064, 0x0800, ipv4(17, udp(40000, 53, dns(False)))))
pk["qinq-tcp"] = eth(0x88a8, tag(None, 0x0010, 0x8100, tag(None, 0x0020, 0x0800, ipv4(6, tcp_ts(40000, 443)))))
pk["vlan-arp"] = eth(0x8100, tag(None, 0x0064, 0x0806, arp_reply))
pk["vlan-ip6"] = eth(0x8100, tag(None, 0x0064, 0x86dd, ipv6(17, udp(40000, 53, dns(False)))))
pk["v4-later-frag"] = eth(0x0800, ipv4(17, bytes(range(1, 33)), frag=185))
pk["v4-options-echo"] = eth(0x0800, ipv4(1, struct.pack("!BBHHH", 8, 0, 0, 1, 1) + b"ping",
                                         opts=b"\x01" * 11 + b"\x00"))
pk["v6-hbh-dns"] = eth(0x86dd, ipv6(0, struct.pack("!BB", 17, 0) + b"\x01\x04\0\0\0\0" + udp(40000, 53, dns(False))))
pk["v6-later-frag"] = eth(0x86dd, ipv6(44, struct.pack("!BBHI", 17, 0, 8 << 3, 7) + bytes(16)))
pk["dns-response"] = eth(0x0800, ipv4(17, udp(53, 40000, dns(True))))
pk["tcp-ts-443"] = eth(0x0800, ipv4(6, tcp_ts(40000, 443)))
pk["llc-stp"] = MAC_A + MAC_B + struct.pack("!H", 38) + b"\x42\x42\x03" + bytes(35)   # 802.3 length, LLC
for k, v in pk.items():
    open("%s/%s.eth" % (out, k), "wb").write(v)

RT = b"\0\0\x08\0\0\0\0\0"                             # radiotap: it_len 8, no fields
def fc(t, st, flags):                                   # 802.11-2020 9.2.4.1
    return bytes([(st << 4) | (t << 2), flags]) + b"\0\0"
snap_ip = b"\xaa\xaa\x03\0\0\0\x08\x00" + ipv4(17, udp(53, 40000, dns(True)))
w = {}
w["beacon"] = RT + fc(0, 8, 0) + BC + AP + AP + b"\x10\0" + bytes(8) + b"\x64\0\x01\0" + b"\0\4test"
w["data-fromds-qos"] = RT + fc(2, 8, 0x02) + STA + AP + AP + b"\x20\0" + b"\0\0" + snap_ip
w["data-4addr"] = RT + fc(2, 0, 0x03) + STA + AP + AP + b"\x30\0" + STA + snap_ip
w["nan-naf"] = RT + fc(0, 13, 0) + BC + AP + AP + b"\x40\0" + b"\x04\x09\x50\x6f\x9a\x18\x05"
for k, v in w.items():
    open("%s/%s.rt" % (out, k), "wb").write(v)
EOF

# check FILE TARGET "filter=verdict" ...   verdict: match, "no match", skipped
check() {
  local f=$1 t=$2 name log rc
  shift 2
  name=$(basename "$f")
  log=$(NF_ORACLE_TRACE=1 "$B/$t" "$f" 2>&1); rc=$?
  if [ $rc -ne 0 ]; then
    echo "not ok oracles_frame $name: exit $rc with the oracle on"
    grep -A3 'disagreement\|rule R' <<<"$log" | head -4 >&2
    return
  fi
  local bad=""
  for e in "$@"; do
    local flt=${e%=*} want=${e##*=} line
    if [ "$want" = skipped ]; then line="netfuzz oracle frame-bpf: skipped \"$flt\""
    else line="netfuzz oracle frame-bpf: compared \"$flt\": $want"; fi
    grep -qxF "$line" <<<"$log" || bad="$bad [$flt: want $want]"
  done
  if [ -z "$bad" ]; then echo "ok oracles_frame $name: clean; $# verdicts as specified"
  else echo "not ok oracles_frame $name:$bad"; fi
}
E=frame_ether W=frame_radiotap
# every filter compiles for the link types it is meant for (R6 skips the rest)
for t in frame_ether frame_raw_ip frame_sll frame_radiotap; do
  [ -x "$B/$t" ] || continue
  nc=$(NF_ORACLE_TRACE=1 "$B/$t" "corpora/$t" 2>&1 | grep -c 'does not compile')
  if [ "$nc" = 0 ]; then echo "ok oracles_frame $t: every filter compiles"
  else echo "not ok oracles_frame $t: $nc filter(s) do not compile"; fi
done
check "$tmp/vlan-dns.eth" $E "vlan=match" "vlan and ip=match" "vlan and udp port 53=match" "ip=no match" \
  "vlan and ip[0] & 0xf0 = 0x40=match" "vlan and vlan=no match" "vlan and ip6=no match"
check "$tmp/vlan-dei-dns.eth" $E "vlan and ip=match" "vlan and udp port 53=match" "vlan and ip[0] & 0xf0 = 0x40=match"
check "$tmp/qinq-tcp.eth" $E "vlan and vlan=match" "vlan and tcp port 443=no match" "vlan and ip=no match"
check "$tmp/vlan-arp.eth" $E "vlan and arp=match" "arp=no match"
check "$tmp/vlan-ip6.eth" $E "vlan and ip6=match" "vlan and udp port 53=match"
# R7: BPF's `udp` matches a later fragment's protocol field: skipped; its port test excludes it
check "$tmp/v4-later-frag.eth" $E "ip[6:2] & 0x1fff != 0=match" "udp=skipped" "udp port 53=no match"
check "$tmp/v4-options-echo.eth" $E "ip[0] & 0x08 != 0=match" "icmp[icmptype] = icmp-echo=match" "icmp=match"
# R3: port tests look only after the fixed header; protochain walks the chain as we do
check "$tmp/v6-hbh-dns.eth" $E "ip6 protochain 17=match" "ip6 protochain 58=no match" "udp port 53=no match" "udp=skipped"
check "$tmp/v6-later-frag.eth" $E "ip6[6] = 44 and ip6[42:2] & 0xfff8 != 0=match" "udp=skipped"
check "$tmp/dns-response.eth" $E "udp port 53 and udp[10] & 0x80 != 0=match" "udp port 53 and udp[12:2] = 1=match" \
  "udp dst port 53=no match"
check "$tmp/tcp-ts-443.eth" $E "tcp[12] & 0x80 != 0=match" "tcp port 443=match"
check "$tmp/llc-stp.eth" $E "llc=match" "ip=no match"
check "$tmp/beacon.rt" $W "type mgt subtype beacon=match" "wlan addr1 ff:ff:ff:ff:ff:ff=match" \
  "wlan addr2 02:00:00:00:0a:01=match" "wlan src 02:00:00:00:0a:01=match" "wlan host ff:ff:ff:ff:ff:ff=match" \
  "type data=no match"
check "$tmp/data-fromds-qos.rt" $W "dir fromds=match" "type data=match" "llc u=match" "ip=match" "udp port 53=match" \
  "udp port 53 and udp[10] & 0x80 != 0=match" "wlan src 02:00:00:00:0a:01=match"
# R8: BPF ignores Address 4, so the data path of a 4-address frame is not compared
check "$tmp/data-4addr.rt" $W "dir dstods=match" "ip=skipped" "udp=skipped"
check "$tmp/nan-naf.rt" $W \
  "wlan[0] & 0xfc = 0xd0 and wlan[24:2] = 0x0409 and wlan[26:4] = 0x506f9a18=match"

# Planted dissector bugs: the oracle traps (SIGILL, exit 132) with the bug,
# and the same input replays clean without it.
plant_case() { # PLANT FILE TEXT
  local p=$1 f=$2 text=$3 err rc
  [ -n "$plant" ] || { echo "not ok oracles_frame plant $p: no oracle_plant binary"; return; }
  if "$plant" "$f" >/dev/null 2>&1; then echo "ok oracles_frame plant $p: $(basename "$f") clean without the plant"
  else echo "not ok oracles_frame plant $p: $(basename "$f") traps without the plant"; fi
  err=$(NF_PLANT=$p "$plant" "$f" 2>&1 >/dev/null); rc=$?
  if [ $rc -eq 132 ] && grep -qF "$text" <<<"$err"; then
    echo "ok oracles_frame plant $p: the oracle traps ($(grep -m1 -o 'netfuzz oracle frame-bpf: [^(]*' <<<"$err"))"
  else
    echo "not ok oracles_frame plant $p: exit $rc, expected 132 with '$text'"
    printf '%s\n' "$err" | head -4 >&2
  fi
}
plant_case vlan "$tmp/vlan-dei-dns.eth" "netfuzz oracle frame-bpf: disagreement on filter \"vlan and"
plant_case frag "$tmp/v4-later-frag.eth" "netfuzz oracle frame-bpf: rule R7"
