#!/usr/bin/env python3
"""Differential test: `netfuzz dissect --json` against `tshark -T fields`.

usage: frame_tshark_compare.py NETFUZZ PCAP...

For every packet of every capture, each compared field present on either
side is one comparison; values are normalised (hex and decimal numbers
compare as integers, text compares case-insensitively) and repeated
fields compare as ordered lists.  Prints every disagreement, then the
agreement percentage; exits 1 below 99.9 %, or when a capture gave no
comparison at all.  802.11 and NAN fields are
compared whenever a capture carries them.

Where tshark is wrong or makes a different choice, tshark_quirk() names
the behaviour; such fields are printed as TSHARK-DIFFERS with the reason
and left out of the percentage (each rule checks the exact shape of the
difference, so anything else still counts).
"""
import json
import subprocess
import sys

FIELDS = [
    # link
    "eth.src", "eth.dst", "eth.type", "vlan.id", "ieee8021ad.id", "llc.type", "llc.pid", "sll.pkttype", "sll.etype", "null.family",
    "arp.opcode", "arp.src.hw_mac", "arp.src.proto_ipv4", "arp.dst.proto_ipv4",
    # network
    "ip.src", "ip.dst", "ip.proto", "ip.ttl", "ip.frag_offset", "ip.flags.mf",
    "ip.opt.type", "ipv6.src", "ipv6.dst", "ipv6.nxt", "ipv6.hlim", "ipv6.hopopts.nxt", "ipv6.hopopts.len",
    "ipv6.routing.nxt", "ipv6.routing.type", "ipv6.routing.segleft", "ipv6.fraghdr.nxt", "ipv6.fraghdr.offset",
    "ipv6.fraghdr.more", "ipv6.fraghdr.ident", "ipv6.dstopts.nxt",
    "icmp.type", "icmp.code", "icmp.ident", "icmp.seq",
    "icmpv6.type", "icmpv6.code", "icmpv6.nd.ns.target_address", "icmpv6.nd.na.target_address",
    "icmpv6.opt.type", "icmpv6.opt.linkaddr", "icmpv6.opt.prefix", "icmpv6.opt.prefix.length", "icmpv6.opt.mtu",
    # transport
    "udp.srcport", "udp.dstport", "tcp.srcport", "tcp.dstport", "tcp.flags", "tcp.seq_raw", "tcp.ack_raw",
    "tcp.option_kind", "tcp.option_len", "tcp.options.mss_val", "tcp.options.wscale.shift", "tcp.options.sack_le",
    "tcp.options.sack_re", "tcp.options.timestamp.tsval", "tcp.options.timestamp.tsecr",
    # applications
    "dns.qry.name", "dns.qry.type", "dns.resp.name", "dns.resp.type", "dns.a", "dns.aaaa", "dns.cname",
    "dns.ptr.domain_name", "dns.srv.target", "dns.srv.port", "dns.txt", "dns.nsec.next_domain_name",
    "dhcp.option.dhcp", "dhcp.hw.mac_addr", "dhcp.option.requested_ip_address",
    "tls.handshake.type", "tls.handshake.extensions_server_name", "tls.handshake.extensions_alpn_str",
    "tls.handshake.extensions.supported_version", "tls.handshake.extensions_key_share_group",
    "tls.handshake.ciphersuite", "tls.handshake.certificate",
    "quic.version", "quic.dcid", "quic.scid", "quic.long.packet_type", "quic.token_length", "quic.length",
    # more header fields, for breadth
    "vlan.priority", "sll.hatype", "sll.ifindex", "arp.dst.hw_mac", "ip.hdr_len", "ip.len", "ip.id",
    "ipv6.plen", "tcp.hdr_len", "tcp.window_size_value", "tcp.urgent_pointer", "udp.length", "icmp.mtu",
    "icmpv6.mtu", "icmpv6.nd.ra.cur_hop_limit", "icmpv6.nd.ra.router_lifetime", "icmpv6.nd.na.flag",
    "icmpv6.opt.prefix.valid_lifetime", "icmpv6.echo.identifier", "icmpv6.echo.sequence_number",
    "dns.id", "dns.flags", "dns.count.queries", "dns.count.answers", "dns.count.auth_rr", "dns.count.add_rr",
    "dns.resp.ttl", "dns.resp.class", "dns.rr.udp_payload_size", "dhcp.type", "dhcp.id", "dhcp.option.type",
    "dhcp.option.hostname", "dhcp.option.request_list_item", "tls.record.content_type", "tls.record.version",
    "tls.record.length", "tls.handshake.length", "tls.handshake.version", "tls.handshake.extension.type",
    "tls.handshake.extension.len", "tls.handshake.session_id", "quic.dcil", "quic.scil",
    # 802.11 and NAN (compared when present)
    "wlan.sa", "wlan.da", "wlan.ta", "wlan.ra", "wlan.bssid", "wlan.fc.type_subtype", "nan.attribute.type",
]

TSHARK_OPTS = ["-o", "tcp.relative_sequence_numbers:FALSE", "-o", "tcp.analyze_sequence_numbers:FALSE"]

def nsec_types(hexbits):
    """RR types in an NSEC type bit map (RFC 4034 4.1.2)."""
    b, out, i = bytes.fromhex(hexbits), [], 0
    while i + 2 <= len(b):
        win, n = b[i], b[i + 1]
        for j, byte in enumerate(b[i + 2:i + 2 + n]):
            out += [win * 256 + j * 8 + k for k in range(8) if byte & (0x80 >> k)]
        i += 2 + n
    return out


def tshark_quirk(o, f, a, b):
    """Why tshark's value differs from ours when it is tshark's choice, not
    a spec reading we got wrong; None when the disagreement is real."""
    frag = o.get("ip.flags.mf") == 1 or (o.get("ip.frag_offset") or 0) != 0
    if frag and not b and f.split(".")[0] in ("udp", "tcp", "dns", "icmp"):
        return "tshark waits for reassembly and shows no transport header in a first fragment; " \
               "we decode it, as tcpdump does"
    if f == "tcp.option_kind" and b[:len(a)] == a and a and a[-1] == 0 and all(x == 0 for x in b[len(a):]):
        return "tshark lists each padding byte after End of Option List as another EOL; " \
               "RFC 9293 3.1: EOL ends the list"
    if f == "dhcp.option.type" and a and a[-1] == 255 and b == a[:-1] + [0]:
        return "tshark shows the End option's dhcp.option.type as 0 (the byte is 255; dhcp.option.end is right)"
    tlvs = o.get("radiotap.tlv.type", [])
    tlvs = tlvs if isinstance(tlvs, list) else [tlvs]
    if f.startswith("wlan.") and a and not b and any(t >= 28 for t in tlvs):
        # radiotap.org "TLV fields in radiotap": an unknown TLV type is
        # skipped by its length; tshark 4.0 reports a malformed radiotap
        # header and never dissects the 802.11 frame it_len points at.
        return "tshark 4.0 stops at an unknown radiotap TLV type instead of skipping it by its length"
    types = o.get("dns.resp.type")
    types = types if isinstance(types, list) else [types]
    if f == "dns.resp.name" and 33 in types:
        names = o["dns.resp.name"] if isinstance(o["dns.resp.name"], list) else [o["dns.resp.name"]]
        if [norm(n) for n, t in zip(names, types) if t != 33] == b:
            return "tshark 4.0 files an SRV owner name under dns.srv.service/proto/name, not dns.resp.name"
    if f == "dns.resp.type" and 47 in a and "dns.nsec.type_bitmap" in o:
        maps = o["dns.nsec.type_bitmap"]
        maps = maps if isinstance(maps, list) else [maps]
        exp, k = [], 0
        for t in a:
            exp.append(t)
            if t == 47 and k < len(maps):
                exp += nsec_types(maps[k])
                k += 1
        if exp == b:
            return "tshark also reports the RR types of an NSEC bit map as dns.resp.type"
    return None


def norm(v):
    v = str(v).strip()
    low = v.lower()
    if low in ("true", "false"):
        return 1 if low == "true" else 0
    try:
        return int(low, 16) if low.startswith("0x") else int(low)
    except ValueError:
        return low


def ours_values(obj, f):
    if f not in obj:
        return []
    v = obj[f]
    return [norm(x) for x in (v if isinstance(v, list) else [v])]


def tshark_rows(pcap):
    cmd = ["tshark", "-n", "-r", pcap, "-T", "fields", "-E", "occurrence=a", "-E", "aggregator=\x1f",
           "-E", "separator=\x1e"] + TSHARK_OPTS
    for f in FIELDS:
        cmd += ["-e", f]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    rows = []
    for line in out.split("\n"):
        if not line:
            continue
        cols = line.split("\x1e")
        rows.append({f: [norm(x) for x in c.split("\x1f")] if c else [] for f, c in zip(FIELDS, cols)})
    return rows


def main():
    netfuzz, pcaps = sys.argv[1], sys.argv[2:]
    agree = total = 0
    bad, quirks, empty = [], [], []
    for pcap in pcaps:
        before = total
        ours = [json.loads(l) for l in subprocess.run([netfuzz, "dissect", "--json", pcap], capture_output=True,
                                                      text=True, check=True).stdout.splitlines()]
        theirs = tshark_rows(pcap)
        if len(ours) != len(theirs):
            bad.append("%s: packet count differs: netfuzz %d, tshark %d" % (pcap, len(ours), len(theirs)))
            total += 1
            continue
        for i, (o, t) in enumerate(zip(ours, theirs), 1):
            for f in FIELDS:
                a, b = ours_values(o, f), t.get(f, [])
                if not a and not b:
                    continue
                if a == b:
                    agree += 1
                    total += 1
                elif tshark_quirk(o, f, a, b):
                    quirks.append("%s frame %d %s: netfuzz %s, tshark %s: %s" % (pcap, i, f, a, b,
                                                                                 tshark_quirk(o, f, a, b)))
                else:
                    total += 1
                    bad.append("%s frame %d %s: netfuzz %s, tshark %s" % (pcap, i, f, a, b))
        if total == before:
            empty.append(pcap)
    for q in quirks:
        print("TSHARK-DIFFERS (not counted) " + q)
    for b in bad:
        print("DISAGREE " + b)
    # A capture that contributed no comparison (no packets, or none with a
    # compared field) means the test checked nothing there: a failure.
    for pcap in empty:
        print("no field compared in %s" % pcap)
    pct = 100.0 * agree / total if total else 0.0
    print("agreement: %d/%d fields = %.3f%%" % (agree, total, pct))
    return 0 if total and pct >= 99.9 and not empty else 1


if __name__ == "__main__":
    sys.exit(main())
