#!/usr/bin/env python3
"""Deterministically rebuild corpora/frame_ether/: one valid frame per
feature of the Ethernet -> 802.1Q -> IPv4/IPv6 -> UDP -> DNS chain, plus
truncated and hostile variants.  Bytes are packed by hand from the RFCs so
the seeds need nothing but python3.  Also importable: tests use frames()."""
import os
import struct
import sys

MAC_A = bytes.fromhex("020000000001")
MAC_B = bytes.fromhex("020000000002")


def csum(b):
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def eth(payload, etype=0x0800, dst=MAC_B, src=MAC_A):
    return dst + src + struct.pack("!H", etype) + payload


def vlan(payload, vid, etype, pcp=0, dei=0):
    return struct.pack("!HH", (pcp << 13) | (dei << 12) | vid, etype) + payload


def ipv4(payload, proto=17, src="192.0.2.1", dst="198.51.100.7", ttl=64, opts=b"", ident=0x1234, frag=0x4000):
    ihl = 5 + len(opts) // 4
    hdr = struct.pack("!BBHHHBBH4s4s", 0x40 | ihl, 0, 20 + len(opts) + len(payload), ident, frag, ttl, proto, 0,
                      bytes(map(int, src.split("."))), bytes(map(int, dst.split(".")))) + opts
    hdr = hdr[:10] + struct.pack("!H", csum(hdr)) + hdr[12:]
    return hdr + payload


def ip6addr(s):
    import ipaddress
    return ipaddress.IPv6Address(s).packed


def ipv6(payload, nxt=17, src="2001:db8::1", dst="2001:db8::2", hlim=64, ext=b""):
    return struct.pack("!IHBB", 0x60000000 | (0x2E << 20) | 0x12345, len(ext) + len(payload), nxt, hlim) + \
        ip6addr(src) + ip6addr(dst) + ext + payload


def udp(payload, sport, dport):
    return struct.pack("!HHHH", sport, dport, 8 + len(payload), 0) + payload


def name(n):
    out = b""
    for label in n.split("."):
        if label:
            out += bytes([len(label)]) + label.encode()
    return out + b"\0"


def dns_query(qname, qtype=1, ident=0x1a2b):
    return struct.pack("!HHHHHH", ident, 0x0100, 1, 0, 0, 0) + name(qname) + struct.pack("!HH", qtype, 1)


def dns_response(ident=0x1a2b):
    # Question example.com A; answers: CNAME www -> pointer, A, AAAA via
    # compression pointers back to offset 12 (RFC 1035 4.1.4).
    q = name("www.example.com") + struct.pack("!HH", 1, 1)
    ans = b"\xc0\x0c" + struct.pack("!HHIH", 5, 1, 300, 2) + b"\xc0\x10"           # CNAME -> example.com
    ans += b"\xc0\x10" + struct.pack("!HHIH", 1, 1, 300, 4) + bytes([93, 184, 216, 34])
    ans += b"\xc0\x10" + struct.pack("!HHIH", 28, 1, 300, 16) + ip6addr("2606:2800:220:1:248:1893:25c8:1946")
    return struct.pack("!HHHHHH", ident, 0x8180, 1, 3, 0, 0) + q + ans


def frames():
    """(name, frame bytes) pairs."""
    f = []
    f.append(("ipv4-udp", eth(ipv4(udp(b"hello", 40000, 9999)))))
    f.append(("ipv4-dns-query", eth(ipv4(udp(dns_query("example.com"), 53000, 53)))))
    f.append(("ipv4-dns-response", eth(ipv4(udp(dns_response(), 53, 53000), src="198.51.100.7", dst="192.0.2.1"))))
    f.append(("ipv6-dns-aaaa", eth(ipv6(udp(dns_query("example.org", 28), 53001, 53)), 0x86DD)))
    f.append(("ipv6-mdns-ptr", eth(ipv6(udp(dns_query("_services._dns-sd._udp.local", 12, 0), 5353, 5353),
                                        src="fe80::1", dst="ff02::fb", hlim=255), 0x86DD,
                                   dst=bytes.fromhex("3333000000fb"))))
    f.append(("vlan-ipv4-udp", eth(vlan(ipv4(udp(b"x" * 10, 1, 2)), 100, 0x0800, pcp=5), 0x8100)))
    f.append(("qinq-ipv4-dns", eth(vlan(vlan(ipv4(udp(dns_query("a.example"), 1234, 53)), 20, 0x0800), 10, 0x8100),
                                   0x88A8)))
    opts = bytes([7, 7, 4, 0, 0, 0, 0]) + b"\x01"  # record route (RFC 791), then NOP to pad to 8
    f.append(("ipv4-options", eth(ipv4(udp(b"o", 7, 7), opts=opts))))
    f.append(("ipv4-fragment-first", eth(ipv4(udp(b"F" * 16, 5, 6), frag=0x2000))))
    f.append(("ipv4-fragment-later", eth(ipv4(b"tail-bytes", frag=0x0003))))
    hbh = bytes([60, 0, 1, 4, 0, 0, 0, 0])          # hop-by-hop, PadN, next = dest opts
    dst = bytes([44, 0, 1, 4, 0, 0, 0, 0])          # destination options, next = fragment
    frag = bytes([17, 0, 0, 0, 0, 0, 0, 1])         # fragment offset 0, id 1, next = UDP
    f.append(("ipv6-ext-headers", eth(ipv6(udp(b"ext", 9, 10), nxt=0, ext=hbh + dst + frag), 0x86DD)))
    f.append(("arp-unknown-ethertype", eth(bytes(28), 0x0806)))
    f.append(("ieee8023-llc", MAC_B + MAC_A + struct.pack("!H", 3) + b"\xaa\xaa\x03" + bytes(43)))
    # Truncated and hostile variants.
    good = f[2][1]
    f.append(("trunc-in-dns", good[:60]))
    f.append(("trunc-in-ip", good[:20]))
    loop = struct.pack("!HHHHHH", 1, 0x0100, 1, 0, 0, 0) + b"\xc0\x0c" + struct.pack("!HH", 1, 1)
    f.append(("dns-pointer-self-loop", eth(ipv4(udp(loop, 1, 53)))))
    fwd = struct.pack("!HHHHHH", 1, 0x0100, 1, 0, 0, 0) + b"\xc0\x20" + struct.pack("!HH", 1, 1) + bytes(20)
    f.append(("dns-pointer-forward", eth(ipv4(udp(fwd, 1, 53)))))
    f.append(("udp-bad-length", eth(ipv4(struct.pack("!HHHH", 1, 53, 3, 0) + b"abc"))))
    f.append(("ipv4-bad-ihl", eth(b"\x42" + ipv4(b"")[1:])))
    f.append(("dns-many-questions", eth(ipv4(udp(struct.pack("!HHHHHH", 1, 0, 0xFFFF, 0, 0, 0) + b"\0\0\1\0\1" * 300,
                                                1, 53)))))
    return f


USAGE_EXTRA = ""


def main():
    if len(sys.argv) > 2 or (len(sys.argv) == 2 and sys.argv[1].startswith("-")):
        # An option-looking argument is never an output directory: a typo
        # such as --help must not create a directory of that name.
        sys.exit("usage: %s [OUTDIR]%s" % (sys.argv[0], USAGE_EXTRA))
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "frame_ether")
    os.makedirs(out, exist_ok=True)
    for n, b in frames():
        with open(os.path.join(out, n), "wb") as fh:
            fh.write(b)


if __name__ == "__main__":
    main()
