#!/usr/bin/env python3
"""Write a realistic capture for bench/dissect.sh, fast: packet templates
from corpora/gen_frames.py (TCP data and ACKs, DNS, mDNS, TLS ClientHello,
QUIC Initial, ICMP, ICMPv6 ND, ARP, IPv6 TCP), with addresses drawn from a
bounded set of 64 hosts and ports/sequence numbers patched in place.

usage: gen_capture.py OUT.pcap [PACKETS]   (default 1,000,000)
Deterministic: the same arguments give the same bytes."""
import os
import struct
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "corpora"))
import gen_frames as g  # noqa: E402


def templates():
    e = dict(g.ether_packets())
    c, s = "10.1.0.1", "10.2.0.1"
    tcp_data = g.eth(g.ipv4(g.tcp(b"x" * 512, 40000, 443, flags=0x18, ack=1,
                                  opts=bytes([1, 1, 8, 10]) + bytes(8)), proto=6, src=c, dst=s))
    tcp_ack = g.eth(g.ipv4(g.tcp(b"", 443, 40000, flags=0x10, ack=1, opts=bytes([1, 1, 8, 10]) + bytes(8)),
                           proto=6, src=s, dst=c))
    # (weight, frame, IPv4 header offset or None)
    return [
        (40, tcp_data, 14), (25, tcp_ack, 14), (6, e["dns-query"], 14), (6, e["dns-response"], 14),
        (4, e["tls-client-hello"], 14), (4, e["quic-initial"], 14), (3, e["icmp-echo-request"], 14),
        (2, e["mdns-response"], None), (2, e["arp-request"], None), (3, e["tcp-fin-ipv6"], None),
        (2, e["icmp6-ns"], None), (1, e["dhcp-discover"], None), (2, e["vlan-udp"], 18),
    ]


def main():
    out = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 1000000
    tpl = templates()
    wheel = [t for w, *t in tpl for _ in range(w)]
    with open(out, "wb") as fh:
        fh.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
        buf = []
        t0 = 1700000000
        for i in range(n):
            frame, ipoff = wheel[(i * 7919) % len(wheel)]
            b = bytearray(frame)
            if ipoff is not None:   # bounded address set: 64 x 64 host pairs
                b[ipoff + 15] = 1 + i % 64
                b[ipoff + 19] = 1 + (i // 64) % 64
            b[6 + 5] = i % 64       # source MAC: 64 hosts
            buf.append(struct.pack("<IIII", t0 + i // 10000, (i % 10000) * 100, len(b), len(b)))
            buf.append(bytes(b))
            if len(buf) >= 20000:
                fh.write(b"".join(buf))
                buf = []
        fh.write(b"".join(buf))


if __name__ == "__main__":
    main()
