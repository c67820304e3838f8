#!/usr/bin/env python3
"""Write a benchmark capture, fast and deterministically: packet templates
from corpora/gen_frames.py, addresses drawn from a bounded set of 64 hosts,
patched in place.

usage: gen_capture.py OUT.pcap [PACKETS] [--mix realistic|classic] [--manifest FILE]
  PACKETS   default 1,000,000
  realistic (default) the mix of issue 11, per 100 packets:
            IPv4 67, IPv6 25, ARP 8; UDP 42, TCP 33, ICMP 8, ICMPv6 8;
            DNS 17, mDNS 8, TLS 8, DHCP 8, VLAN 8; and 8 of every 100
            packets cut short by the snap length (caplen < len).
  classic   the earlier TCP-heavy mix (TCP data/ACK 65%), kept so figures
            stay comparable with the old capture.
  --manifest FILE  writes, as JSON, the packets per template, the number
            of snap-cut packets and the layers each uncut packet must show,
            so a test can compare netfuzz's counts with what was generated.
The same arguments give the same bytes."""
import json
import os
import struct
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "corpora"))
import gen_frames as g  # noqa: E402


def tcp_pair(v6):
    """A 512-byte TCP data segment and its ACK, over IPv4 or IPv6."""
    opts = bytes([1, 1, 8, 10]) + bytes(8)
    data = g.tcp(b"x" * 512, 40000, 443, flags=0x18, ack=1, opts=opts)
    ack = g.tcp(b"", 443, 40000, flags=0x10, ack=1, opts=opts)
    if v6:
        return (g.eth(g.ipv6(data, nxt=6, src="2001:db8:1::1", dst="2001:db8:2::1"), 0x86DD),
                g.eth(g.ipv6(ack, nxt=6, src="2001:db8:2::1", dst="2001:db8:1::1"), 0x86DD))
    c, s = "10.1.0.1", "10.2.0.1"
    return g.eth(g.ipv4(data, proto=6, src=c, dst=s)), g.eth(g.ipv4(ack, proto=6, src=s, dst=c))


# Each template: (name, weight per 100 packets, frame, address patching,
# layers the dissector should find).  Address patching: "v4" (IPv4 header
# at 14), "v4vlan" (at 18), "v6" (IPv6 header at 14) or None.
def realistic():
    e = dict(g.ether_packets())
    d4, a4 = tcp_pair(False)
    d6, a6 = tcp_pair(True)
    return [
        ("arp-request", 4, e["arp-request"], None, "eth:arp"),
        ("arp-reply", 4, e["arp-reply"], None, "eth:arp"),
        ("icmp-echo-request", 4, e["icmp-echo-request"], "v4", "eth:ip:icmp"),
        ("icmp-echo-reply", 3, e["icmp-echo-reply"], "v4", "eth:ip:icmp"),
        ("icmp-unreachable", 1, e["icmp-unreachable"], "v4", "eth:ip:icmp:ip:udp"),
        ("icmp6-ns", 3, e["icmp6-ns"], "v6", "eth:ipv6:icmpv6"),
        ("icmp6-na", 2, e["icmp6-na"], "v6", "eth:ipv6:icmpv6"),
        ("icmp6-echo", 2, e["icmp6-echo"], "v6", "eth:ipv6:icmpv6"),
        ("icmp6-ra", 1, e["icmp6-ra"], "v6", "eth:ipv6:icmpv6"),
        ("dns-query", 6, e["dns-query"], "v4", "eth:ip:udp:dns"),
        ("dns-response", 6, e["dns-response"], "v4", "eth:ip:udp:dns"),
        ("dns-records", 2, e["dns-srv-txt-ptr-nsec-opt"], "v4", "eth:ip:udp:dns"),
        ("dns-ipv6-aaaa-query", 3, e["dns-ipv6-aaaa-query"], "v6", "eth:ipv6:udp:dns"),
        ("mdns-response", 8, e["mdns-response"], "v4", "eth:ip:udp:mdns"),
        ("dhcp-discover", 8, e["dhcp-discover"], "v4", "eth:ip:udp:dhcp"),
        ("vlan-udp", 8, e["vlan-udp"], "v4vlan", "eth:vlan:ip:udp"),
        ("tls-client-hello", 4, e["tls-client-hello"], "v4", "eth:ip:tcp:tls"),
        ("tls-server-hello-13", 2, e["tls-server-hello-13"], "v4", "eth:ip:tcp:tls"),
        ("tls-server-hello-12-cert", 2, e["tls-server-hello-12-cert"], "v4", "eth:ip:tcp:tls"),
        ("quic-initial", 1, e["quic-initial"], "v4", "eth:ip:udp:quic"),
        ("tcp-data", 6, d4, "v4", "eth:ip:tcp"),
        ("tcp-ack", 5, a4, "v4", "eth:ip:tcp"),
        ("tcp6-data", 7, d6, "v6", "eth:ipv6:tcp"),
        ("tcp6-ack", 6, a6, "v6", "eth:ipv6:tcp"),
        ("tcp-fin-ipv6", 1, e["tcp-fin-ipv6"], "v6", "eth:ipv6:tcp"),
        ("ipv4-frag-later", 1, e["ipv4-frag-later"], "v4", "eth:ip"),
    ]


def classic():
    e = dict(g.ether_packets())
    d4, a4 = tcp_pair(False)
    return [
        ("tcp-data", 40, d4, "v4", None), ("tcp-ack", 25, a4, "v4", None),
        ("dns-query", 6, e["dns-query"], "v4", None), ("dns-response", 6, e["dns-response"], "v4", None),
        ("tls-client-hello", 4, e["tls-client-hello"], "v4", None),
        ("quic-initial", 4, e["quic-initial"], "v4", None),
        ("icmp-echo-request", 3, e["icmp-echo-request"], "v4", None),
        ("mdns-response", 2, e["mdns-response"], None, None), ("arp-request", 2, e["arp-request"], None, None),
        ("tcp-fin-ipv6", 3, e["tcp-fin-ipv6"], None, None), ("icmp6-ns", 2, e["icmp6-ns"], None, None),
        ("dhcp-discover", 1, e["dhcp-discover"], None, None), ("vlan-udp", 2, e["vlan-udp"], "v4vlan", None),
    ]


PATCH = {"v4": (14 + 15, 14 + 19), "v4vlan": (18 + 15, 18 + 19), "v6": (14 + 8 + 15, 14 + 24 + 15)}
SNAP_CUT_PER_100 = 8


def main():
    args = [a for a in sys.argv[1:]]
    mix, manifest = "realistic", None
    for opt in ("--mix", "--manifest"):
        if opt in args:
            i = args.index(opt)
            if i + 1 >= len(args):
                sys.stderr.write("gen_capture.py: %s needs a value\n" % opt)
                sys.exit(2)
            if opt == "--mix":
                mix = args[i + 1]
            else:
                manifest = args[i + 1]
            del args[i:i + 2]
    if args and args[0] in ("-h", "--help"):
        sys.stdout.write(__doc__ + "\n")
        sys.exit(0)
    # An unknown option is an error, never an output file name (`--help`
    # used to write a 190 MB capture called "--help").
    if not args or len(args) > 2 or mix not in ("realistic", "classic") or \
            any(a.startswith("-") for a in args) or \
            (len(args) > 1 and not args[1].isdigit()):
        sys.stderr.write("gen_capture.py: bad arguments %s\n%s" % (sys.argv[1:], __doc__))
        sys.exit(2)
    out = args[0]
    n = int(args[1]) if len(args) > 1 else 1000000
    tpl = realistic() if mix == "realistic" else classic()
    # A wheel of 100 slots (classic: the sum of its weights), walked with a
    # stride coprime to its length so the kinds interleave.
    wheel = [t for t in tpl for _ in range(t[1])]
    cut = mix == "realistic"
    kinds, full, ncut = {}, {}, 0
    try:
        fh = open(out, "wb")
    except OSError as e:
        sys.stderr.write("gen_capture.py: %s: %s\n" % (out, e.strerror))
        sys.exit(2)
    with fh:
        fh.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
        buf = []
        t0 = 1700000000
        for i in range(n):
            name, _, frame, patch, layers = wheel[(i * 7919) % len(wheel)]
            b = bytearray(frame)
            if patch:   # bounded address set: 64 x 64 host pairs
                s, d = PATCH[patch]
                b[s] = 1 + i % 64
                b[d] = 1 + (i // 64) % 64
            b[6 + 5] = i % 64       # source MAC: 64 hosts
            caplen = len(b)
            # 8 of every 100 packets (a second stride, independent of the
            # kind) are cut inside their headers: 14..73 bytes kept.
            if cut and (i * 37 + (i // 100) * 11) % 100 < SNAP_CUT_PER_100:
                caplen = min(len(b) - 1, 14 + (i * 13) % 60)
                ncut += 1
            kinds[name] = kinds.get(name, 0) + 1
            if caplen == len(b) and layers:
                for proto in layers.split(":"):
                    full[proto] = full.get(proto, 0) + 1
            buf.append(struct.pack("<IIII", t0 + i // 10000, (i % 10000) * 100, caplen, len(b)))
            buf.append(bytes(b[:caplen]))
            if len(buf) >= 20000:
                fh.write(b"".join(buf))
                buf = []
        fh.write(b"".join(buf))
    if manifest:
        with open(manifest, "w") as fh:
            json.dump({"mix": mix, "packets": n, "snap_cut": ncut, "kinds": kinds,
                       "layers_in_uncut_packets": full},
                      fh, sort_keys=True, indent=1)
            fh.write("\n")


if __name__ == "__main__":
    main()
