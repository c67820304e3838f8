#!/usr/bin/env python3
"""Deterministic generator for the issue-3 frame targets and the tshark
differential capture.  One valid packet per protocol feature (packed by
hand from the RFCs; python3 only), plus truncated and hostile variants.

  gen_frames.py                 rewrite corpora/<target>/ for frame_raw_ip,
                                frame_sll, dns, tls_handshake, quic_initial,
                                pcap_file, bpf_filter (and extra frame_ether)
  gen_frames.py --pcap DIR      write DIR/<linktype>.pcap captures covering
                                every protocol (one file per link type,
                                since libpcap reads one link type per file)
"""
import hashlib
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_frame_ether import MAC_A, MAC_B, csum, eth, vlan, ipv4, ip6addr, ipv6, udp, name, dns_query, dns_response  # noqa: E402

LT_NULL, LT_EN10MB, LT_RAW, LT_LOOP, LT_SLL, LT_SLL2 = 0, 1, 101, 108, 113, 276


def ip4(s):
    return bytes(map(int, s.split(".")))


# ---------------------------------------------------------------- link layers
def llc_snap(payload, etype=0x0800):
    return b"\xaa\xaa\x03\x00\x00\x00" + struct.pack("!H", etype) + payload


def eth8023(payload):
    return MAC_B + MAC_A + struct.pack("!H", len(payload)) + payload


def arp(op, sha, spa, tha, tpa):
    return struct.pack("!HHBBH", 1, 0x0800, 6, 4, op) + sha + ip4(spa) + tha + ip4(tpa)


def sll(payload, proto=0x0800, ptype=0):
    return struct.pack("!HHH", ptype, 1, 6) + MAC_A + b"\0\0" + struct.pack("!H", proto) + payload


def sll2(payload, proto=0x0800, ptype=4, ifindex=2):
    return struct.pack("!HHIHBB", proto, 0, ifindex, 1, ptype, 6) + MAC_A + b"\0\0" + payload


# ---------------------------------------------------------------- transport
def tcp(payload, sport, dport, seq=1000, ack=0, flags=0x02, win=65535, opts=b""):
    assert len(opts) % 4 == 0
    off = (20 + len(opts)) // 4
    return struct.pack("!HHIIHHHH", sport, dport, seq, ack, (off << 12) | flags, win, 0, 0) + opts + payload


SYN_OPTS = bytes([2, 4, 0x05, 0xb4, 4, 2, 8, 10]) + struct.pack("!II", 12345, 0) + bytes([1, 3, 3, 7])
SACK_OPTS = bytes([1, 1, 5, 18]) + struct.pack("!IIII", 5000, 6000, 7000, 8000) + bytes([1, 1, 99, 4, 0xab, 0xcd, 0, 0])


def icmp(type_, code, rest):
    return struct.pack("!BBH", type_, code, 0) + rest


def icmp6(type_, code, rest):
    return struct.pack("!BBH", type_, code, 0) + rest


def nd_opt(t, data):
    body = struct.pack("!BB", t, (len(data) + 2 + 7) // 8) + data
    return body + bytes((-len(body)) % 8)


# ---------------------------------------------------------------- applications
def rr(nm, type_, rdata, klass=1, ttl=120):
    return nm + struct.pack("!HHIH", type_, klass, ttl, len(rdata)) + rdata


def dns_records():
    # Question _http._tcp.example.com SRV; answers SRV, TXT, PTR; authority
    # NSEC; additional OPT.  Names compress back to offset 12.
    q = name("_http._tcp.example.com") + struct.pack("!HH", 33, 1)
    ans = rr(b"\xc0\x0c", 33, struct.pack("!HHH", 10, 5, 8080) + name("web.example.com"))
    ans += rr(b"\xc0\x0c", 16, b"\x05hello\x07k=v;x=y")
    ans += rr(name("1.2.0.192.in-addr.arpa"), 12, b"\x03www\xc0\x17")
    auth = rr(b"\xc0\x17", 47, b"\x01a\xc0\x17" + bytes([0, 6, 0x40, 0, 0, 8, 0, 3]))
    add = b"\x00" + struct.pack("!HHIH", 41, 1232, 0x8000, 0)
    return struct.pack("!HHHHHH", 0x4242, 0x8400, 1, 3, 1, 1) + q + ans + auth + add


def mdns_response():
    ans = rr(name("printer.local"), 1, ip4("192.168.1.20"), klass=0x8001)
    ans += rr(b"\xc0\x0c", 28, ip6addr("fe80::20"), klass=0x8001)
    return struct.pack("!HHHHHH", 0, 0x8400, 0, 2, 0, 0) + ans


def dhcp_discover():
    hdr = struct.pack("!BBBBIHH", 1, 1, 6, 0, 0x3903F326, 0, 0x8000) + bytes(16) + MAC_A + bytes(10) + bytes(192)
    opts = b"\x63\x82\x53\x63" + bytes([53, 1, 1]) + bytes([50, 4, 192, 0, 2, 77]) + bytes([12, 4]) + b"host"
    opts += bytes([55, 4, 1, 3, 6, 15]) + bytes([0, 0]) + bytes([255])
    return hdr + opts


def tls_ext(t, body):
    return struct.pack("!HH", t, len(body)) + body


def client_hello(sni="example.com"):
    sn = sni.encode()
    exts = tls_ext(0, struct.pack("!HBH", len(sn) + 3, 0, len(sn)) + sn)
    alpn = b"\x02h2\x08http/1.1"
    exts += tls_ext(16, struct.pack("!H", len(alpn)) + alpn)
    exts += tls_ext(43, b"\x04\x03\x04\x03\x03")
    ks = struct.pack("!HH", 29, 32) + bytes(range(32))
    exts += tls_ext(51, struct.pack("!H", len(ks)) + ks)
    exts += tls_ext(10, b"\x00\x04\x00\x1d\x00\x17")
    body = b"\x03\x03" + bytes(range(32)) + b"\x20" + bytes(range(32, 64))
    body += b"\x00\x06\x13\x01\x13\x02\xc0\x2f" + b"\x01\x00" + struct.pack("!H", len(exts)) + exts
    return hs(1, body)


def server_hello(tls13=True):
    """TLS 1.3 (supported_versions, key_share) or 1.2 (ALPN only): after a
    1.3 ServerHello the Certificate is encrypted, so the plaintext
    Certificate test follows a 1.2 one."""
    if tls13:
        exts = tls_ext(43, b"\x03\x04") + tls_ext(51, struct.pack("!HH", 29, 32) + bytes(32))
    else:
        exts = tls_ext(16, b"\x00\x03\x02h2")
    body = b"\x03\x03" + bytes(range(100, 132)) + b"\x00" + (b"\x13\x01" if tls13 else b"\xc0\x2f") + b"\x00"
    body += struct.pack("!H", len(exts)) + exts
    return hs(2, body)


FAKE_DER = bytes.fromhex("3082000a0201010c056e6574667a")  # bytes only: the cert module parses


def certificate():
    c1, c2 = FAKE_DER, bytes.fromhex("300302010a")
    lst = b"".join(struct.pack("!I", len(c))[1:] + c for c in (c1, c2))
    return hs(11, struct.pack("!I", len(lst))[1:] + lst)


def hs(t, body):
    return struct.pack("!B", t) + struct.pack("!I", len(body))[1:] + body


def record(body, ctype=22, ver=0x0301):
    return struct.pack("!BHH", ctype, ver, len(body)) + body


def varint(v):
    if v < 64:
        return bytes([v])
    if v < 16384:
        return struct.pack("!H", 0x4000 | v)
    return struct.pack("!I", 0x80000000 | v)


def quic_initial(dcid=bytes.fromhex("8394c8f03e515708"), scid=b"", token=b""):
    payload = bytes(1162)
    return bytes([0xc3]) + struct.pack("!I", 1) + bytes([len(dcid)]) + dcid + bytes([len(scid)]) + scid + \
        varint(len(token)) + token + varint(len(payload) + 4) + b"\0\0\0\1" + payload


def quic_handshake():
    return bytes([0xe1]) + struct.pack("!I", 1) + b"\x04abcd\x04efgh" + varint(20) + bytes(20)


# ---------------------------------------------------------------- the capture
def ether_packets():
    """(name, frame) pairs over Ethernet: every protocol feature once."""
    c, s = "192.0.2.1", "198.51.100.7"
    p = []
    p.append(("arp-request", eth(arp(1, MAC_A, c, bytes(6), "192.0.2.2"), 0x0806)))
    p.append(("arp-reply", eth(arp(2, MAC_B, "192.0.2.2", MAC_A, c), 0x0806)))
    p.append(("llc-snap-ipv4", eth8023(llc_snap(ipv4(udp(b"snap", 1000, 2000)))) + bytes(4)))
    p.append(("vlan-udp", eth(vlan(ipv4(udp(b"v", 3, 4)), 100, 0x0800, pcp=5), 0x8100)))
    p.append(("qinq-udp", eth(vlan(vlan(ipv4(udp(b"q", 5, 6)), 20, 0x0800), 10, 0x8100), 0x88A8)))
    p.append(("ipv4-options", eth(ipv4(udp(b"o", 7, 8), opts=bytes([7, 7, 4, 0, 0, 0, 0, 1])))))
    p.append(("ipv4-frag-first", eth(ipv4(udp(b"F" * 16, 9, 10), frag=0x2000))))
    p.append(("ipv4-frag-later", eth(ipv4(b"tail-bytes", frag=0x0003, ident=0x4321))))
    hbh = bytes([43, 0, 1, 4, 0, 0, 0, 0])
    rt = bytes([44, 0, 0, 0, 0, 0, 0, 0])               # routing type 0, segments left 0
    fr = bytes([60, 0, 0, 0, 0, 0, 0, 7])
    do = bytes([17, 0, 1, 4, 0, 0, 0, 0])
    p.append(("ipv6-ext-chain", eth(ipv6(udp(b"e", 11, 12), nxt=0, ext=hbh + rt + fr + do), 0x86DD)))
    p.append(("ipv6-frag-later", eth(ipv6(b"x" * 16, nxt=44, ext=bytes([17, 0, 0, 0x19, 0, 0, 0, 7])), 0x86DD)))
    p.append(("icmp-echo-request", eth(ipv4(icmp(8, 0, struct.pack("!HH", 0x1234, 1) + b"ping" * 8), proto=1))))
    p.append(("icmp-echo-reply", eth(ipv4(icmp(0, 0, struct.pack("!HH", 0x1234, 1) + b"ping" * 8), proto=1,
                                          src=s, dst=c))))
    quoted = ipv4(udp(b"", 33434, 33435), src=c, dst="203.0.113.9", ttl=1)
    p.append(("icmp-unreachable", eth(ipv4(icmp(3, 3, bytes(4)) + quoted[:28], proto=1, src=s, dst=c))))
    ll = "fe80::1"
    p.append(("icmp6-echo", eth(ipv6(icmp6(128, 0, struct.pack("!HH", 7, 1) + b"abcd"), nxt=58), 0x86DD)))
    p.append(("icmp6-ns", eth(ipv6(icmp6(135, 0, bytes(4) + ip6addr("2001:db8::2") + nd_opt(1, MAC_A)),
                                   nxt=58, src="2001:db8::1", dst="ff02::1:ff00:2", hlim=255), 0x86DD)))
    p.append(("icmp6-na", eth(ipv6(icmp6(136, 0, struct.pack("!I", 0x60000000) + ip6addr("2001:db8::2") +
                                         nd_opt(2, MAC_B)), nxt=58, src="2001:db8::2", dst="2001:db8::1",
                                   hlim=255), 0x86DD)))
    p.append(("icmp6-rs", eth(ipv6(icmp6(133, 0, bytes(4) + nd_opt(1, MAC_A)), nxt=58, src=ll, dst="ff02::2",
                                   hlim=255), 0x86DD)))
    pi = struct.pack("!BBII", 64, 0xc0, 2592000, 604800) + bytes(4) + ip6addr("2001:db8:1::")
    ra = struct.pack("!BBHII", 64, 0, 1800, 0, 0) + nd_opt(1, MAC_B) + nd_opt(5, struct.pack("!HI", 0, 1500)) + \
        nd_opt(3, pi)
    p.append(("icmp6-ra", eth(ipv6(icmp6(134, 0, ra), nxt=58, src="fe80::2", dst="ff02::1", hlim=255), 0x86DD)))
    q6 = ipv6(udp(b"big", 40000, 443), src="2001:db8::1", dst="2001:db8::9")
    p.append(("icmp6-too-big", eth(ipv6(icmp6(2, 0, struct.pack("!I", 1280) + q6), nxt=58, src="2001:db8::fe",
                                        dst="2001:db8::1"), 0x86DD)))
    p.append(("tcp-syn-options", eth(ipv4(tcp(b"", 40001, 80, opts=SYN_OPTS), proto=6))))
    p.append(("tcp-synack", eth(ipv4(tcp(b"", 80, 40001, seq=9000, ack=1001, flags=0x12,
                                         opts=bytes([2, 4, 5, 0xb4, 1, 1, 4, 2])), proto=6, src=s, dst=c))))
    p.append(("tcp-sack-unknown", eth(ipv4(tcp(b"data", 40001, 80, seq=1001, ack=9001, flags=0x18,
                                               opts=SACK_OPTS), proto=6))))
    p.append(("tcp-fin-ipv6", eth(ipv6(tcp(b"", 40002, 22, flags=0x11, ack=5), nxt=6), 0x86DD)))
    p.append(("dns-query", eth(ipv4(udp(dns_query("example.com"), 53000, 53)))))
    p.append(("dns-response", eth(ipv4(udp(dns_response(), 53, 53000), src=s, dst=c))))
    p.append(("dns-srv-txt-ptr-nsec-opt", eth(ipv4(udp(dns_records(), 53, 53001), src=s, dst=c))))
    p.append(("dns-ipv6-aaaa-query", eth(ipv6(udp(dns_query("example.org", 28), 53002, 53)), 0x86DD)))
    p.append(("mdns-response", eth(ipv4(udp(mdns_response(), 5353, 5353), src="192.168.1.20", dst="224.0.0.251",
                                        ttl=255), dst=bytes.fromhex("01005e0000fb"))))
    p.append(("dhcp-discover", eth(ipv4(udp(dhcp_discover(), 68, 67), src="0.0.0.0", dst="255.255.255.255"),
                                   dst=b"\xff" * 6)))
    p.append(("tls-client-hello", eth(ipv4(tcp(record(client_hello()), 40003, 443, flags=0x18, ack=1),
                                           proto=6))))
    p.append(("tls-server-hello-13", eth(ipv4(tcp(record(server_hello(), ver=0x0303), 443,
                                                  40003, flags=0x18, ack=2), proto=6, src=s, dst=c))))
    p.append(("tls-server-hello-12-cert", eth(ipv4(tcp(record(server_hello(False) + certificate(), ver=0x0303), 443,
                                                       40004, flags=0x18, ack=2), proto=6, src=s, dst=c))))
    p.append(("quic-initial", eth(ipv4(udp(quic_initial(), 50000, 443)))))
    p.append(("quic-handshake-ipv6", eth(ipv6(udp(quic_handshake(), 443, 50001)), 0x86DD)))
    return p


def other_link_packets():
    """{linktype: [(name, packet)]} for the non-Ethernet link types."""
    u4 = ipv4(udp(dns_query("raw.example"), 1111, 53))
    u6 = ipv6(tcp(b"", 2222, 443, opts=SYN_OPTS), nxt=6)
    return {
        LT_RAW: [("raw-ipv4-dns", u4), ("raw-ipv6-tcp", u6)],
        LT_NULL: [("null-ipv4", struct.pack("<I", 2) + u4), ("null-ipv6", struct.pack("<I", 30) + u6)],
        LT_LOOP: [("loop-ipv4", struct.pack("!I", 2) + u4), ("loop-ipv6", struct.pack("!I", 24) + u6)],
        LT_SLL: [("sll-ipv4", sll(u4)), ("sll-arp", sll(arp(1, MAC_A, "10.0.0.1", bytes(6), "10.0.0.2"), 0x0806))],
        LT_SLL2: [("sll2-ipv6", sll2(u6, 0x86DD)), ("sll2-ipv4", sll2(u4, ptype=0))],
    }


def hostile_packets():
    """Truncated and hostile variants (Ethernet), not for the differential."""
    base = dict(ether_packets())
    h = []
    for n in ("tcp-syn-options", "tls-client-hello", "icmp6-ra", "dns-srv-txt-ptr-nsec-opt", "quic-initial",
              "dhcp-discover", "arp-request"):
        b = base[n]
        h.append(("trunc-" + n, b[:len(b) * 2 // 3]))
    h.append(("tcp-bad-option-len", eth(ipv4(tcp(b"", 1, 2, opts=bytes([2, 9, 0, 0])), proto=6))))
    h.append(("nd-zero-option-len", eth(ipv6(icmp6(135, 0, bytes(4) + ip6addr("::1") + b"\x01\x00" + bytes(6)),
                                              nxt=58), 0x86DD)))
    chain = bytes([60, 0, 1, 4, 0, 0, 0, 0]) * 12
    h.append(("ipv6-ext-chain-too-long", eth(ipv6(chain + udp(b"", 1, 2), nxt=60), 0x86DD)))
    ptr_loop = struct.pack("!HHHHHH", 1, 0x8180, 0, 1, 0, 0) + b"\x01a\xc0\x0c" + struct.pack("!HHIH", 1, 1, 1, 4) + \
        bytes(4)
    h.append(("dns-pointer-loop", eth(ipv4(udp(ptr_loop, 53, 1)))))
    h.append(("dns-rdlength-past-end", eth(ipv4(udp(struct.pack("!HHHHHH", 1, 0x8180, 0, 1, 0, 0) + b"\0" +
                                                    struct.pack("!HHIH", 1, 1, 1, 500) + bytes(4), 53, 1)))))
    h.append(("tls-bad-ext-len", eth(ipv4(tcp(record(hs(1, b"\x03\x03" + bytes(32) + b"\x00\x00\x02\x13\x01\x01\x00"
                                                        b"\x00\x10\x00\x00\x00\x20")), 1, 443, flags=0x18),
                                          proto=6))))
    h.append(("quic-long-cid", eth(ipv4(udp(bytes([0xc0]) + struct.pack("!I", 1) + b"\x21" + bytes(40), 1, 443)))))
    h.append(("icmp-error-in-error", eth(ipv4(icmp(11, 0, bytes(4)) + ipv4(icmp(3, 1, bytes(4)) +
                                                                         ipv4(udp(b"", 1, 2))[:28], proto=1),
                                              proto=1))))
    return h


# ---------------------------------------------------------------- writers
def pcap_bytes(linktype, pkts, ts0=1700000000, order="<"):
    """A pcap file; order ">" writes it as a big-endian machine would, which
    a little-endian reader sees as byte-swapped (libpcap sf-pcap.c)."""
    out = struct.pack(order + "IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, linktype)
    for i, b in enumerate(pkts):
        out += struct.pack(order + "IIII", ts0 + i, i * 1000, len(b), len(b)) + b
    return out


# Link types whose pseudo-header is in the writer's byte order, so libpcap
# byte-swaps it when the file came from the other byte order
# (pcap-util.c, pcapint_post_process; header layouts from pcap/usb.h,
# pcap/nflog.h, pcap/can_socketcan.h, pcap/sll.h).
LT_USB_LINUX, LT_USB_LINUX_MMAPPED, LT_NFLOG = 189, 220, 239


def usb_header(o, mmapped, transfer_type, data, ndesc=0):
    # id, event 'C', transfer type, endpoint, device, bus, setup flag, data flag,
    # ts_sec, ts_usec, status, urb_len, data_len, setup[8]
    h = struct.pack(o + "QBBBBHbbqiiII", 0xffff88000000a000, ord("C"), transfer_type, 0x81, 3, 1, ord("-"), 0,
                    1700000000, 5, 0, len(data), len(data)) + bytes(8)
    if mmapped:  # interval, start_frame, xfer_flags, ndesc
        h += struct.pack(o + "iiII", 8, 0, 0, ndesc)
        for i in range(ndesc):  # status, offset, len, pad (usb_isodesc)
            h += struct.pack(o + "iIII", 0, i * 4, 4, 0)
    return h + data


def nflog_packet(o, payload):
    def tlv(t, v):
        b = struct.pack(o + "HH", 4 + len(v), t) + v
        return b + bytes(-len(b) % 4)
    # family AF_INET, version 0, resource id (network order); NFULA_PACKET_HDR,
    # NFULA_PREFIX, NFULA_PAYLOAD
    return struct.pack("!BBH", 2, 0, 7) + tlv(1, struct.pack("!HBB", 0x0800, 1, 0)) + tlv(10, b"nf\0") + \
        tlv(9, payload)


def socketcan(o, can_id, data):
    return struct.pack(o + "IBBH", can_id, len(data), 0, 0) + data + bytes(8 - len(data))


def pcapng_bytes(o, linktype, pkts, nsec=False):
    """A pcapng file in byte order o (draft-ietf-opsawg-pcapng): SHB, IDB
    (if_name, if_tsresol, if_tsoffset when nsec), NRB, then each packet as an
    EPB with epb_flags (odd ones as an SPB), and an ISB."""
    def opt(code, v):
        return struct.pack(o + "HH", code, len(v)) + v + bytes(-len(v) % 4)

    def block(t, body):
        body += bytes(-len(body) % 4)
        return struct.pack(o + "II", t, 12 + len(body)) + body + struct.pack(o + "I", 12 + len(body))
    end = opt(0, b"")
    out = block(0x0A0D0D0A, struct.pack(o + "IHHq", 0x1A2B3C4D, 1, 0, -1) + opt(2, b"netfuzz") + opt(3, b"Linux") +
                end)
    idb_opts = opt(2, b"eth0") + opt(9, bytes([9 if nsec else 6]))
    if nsec:
        idb_opts += opt(14, struct.pack(o + "q", 3600))
    out += block(1, struct.pack(o + "HHI", linktype, 0, 65535) + idb_opts + end)
    out += block(4, struct.pack(o + "HH", 1, 4 + 12) + ip4("192.0.2.1") + b"host.test\0" + bytes(2) +
                 struct.pack(o + "HH", 0, 0) + opt(1, b"nrb") + end)
    ts = 1700000000 * (10 ** 9 if nsec else 10 ** 6)
    for i, b in enumerate(pkts):
        t = ts + i * 1000
        if i % 2:
            out += block(3, struct.pack(o + "I", len(b)) + b)
        else:
            out += block(6, struct.pack(o + "IIIII", 0, t >> 32, t & 0xffffffff, len(b), len(b)) + b +
                         bytes(-len(b) % 4) + opt(2, struct.pack(o + "I", 1)) + opt(1, b"epb") + end)
    out += block(5, struct.pack(o + "III", 0, ts >> 32, ts & 0xffffffff) +
                 opt(4, struct.pack(o + "Q", len(pkts))) + opt(5, struct.pack(o + "Q", 0)) + end)
    return out


def pcap_variants(pkts):
    """The other pcap magics libpcap reads (sf-pcap.c): nanosecond
    timestamps, and Alexey Kuznetzov's modified format with its longer
    record header (ifindex, protocol, pkt_type)."""
    nano = struct.pack("<IHHiIII", 0xa1b23c4d, 2, 4, 0, 0, 65535, LT_EN10MB)
    kuz = struct.pack("<IHHiIII", 0xa1b2cd34, 2, 4, 0, 0, 65535, LT_EN10MB)
    for i, b in enumerate(pkts):
        nano += struct.pack("<IIII", 1700000000 + i, i * 1000000, len(b), len(b)) + b
        kuz += struct.pack("<IIIIIHBB", 1700000000 + i, i, len(b), len(b), 2, 0x0800, 0, 0) + b
    return [("pcap-nsec", nano), ("pcap-kuznetzov", kuz)]


def swapped_pcaps():
    """Captures of the link types above, written big-endian (byte-swapped for
    this reader) and, for USB mmapped, also native: libpcap fixes up their
    lengths either way."""
    u4 = ipv4(udp(dns_query("nflog.example"), 1111, 53))
    out = []
    for o, tag in ((">", "be"), ("<", "le")):
        usb = [usb_header(o, False, 3, b"\x01\x02\x03\x04"), usb_header(o, False, 2, b"")]
        mm = [usb_header(o, True, 0, bytes(range(8)), ndesc=2), usb_header(o, True, 1, b"\xaa\xbb")]
        sll_can = struct.pack("!HHH8sH", 0, 280, 0, bytes(8), 0x000C) + socketcan(o, 0x80000123, b"\x01\x02")
        sll2_can = struct.pack("!HHIHBB8s", 0x000D, 0, 2, 280, 0, 0, bytes(8)) + socketcan(o, 0x456, b"\x09" * 8)
        if tag == "be":
            out += [("lt189-" + tag, pcap_bytes(LT_USB_LINUX, usb, order=o)),
                    ("lt239-" + tag, pcap_bytes(LT_NFLOG, [nflog_packet(o, u4)], order=o)),
                    ("lt113-can-" + tag, pcap_bytes(LT_SLL, [sll_can], order=o)),
                    ("lt276-can-" + tag, pcap_bytes(LT_SLL2, [sll2_can], order=o))]
        out.append(("lt220-" + tag, pcap_bytes(LT_USB_LINUX_MMAPPED, mm, order=o)))
    return out


def write_dir(d, items):
    os.makedirs(d, exist_ok=True)
    for n, b in items:
        with open(os.path.join(d, n), "wb") as fh:
            fh.write(b)


def seed_items():
    """{target: [(name, bytes)]}"""
    e = ether_packets() + hostile_packets()
    ol = other_link_packets()
    strip = 14
    s = {}
    s["frame_ether"] = [("f3-" + n, b) for n, b in e]  # prefix: gen_frame_ether.py owns the rest
    s["frame_raw_ip"] = [(n, b[strip:]) for n, b in e if b[12:14] in (b"\x08\x00", b"\x86\xdd")] + ol[LT_RAW]
    # frame_sll: first byte selects the header (even: SLL, odd: SLL2).
    s["frame_sll"] = [(n, b"\0" + b) for n, b in ol[LT_SLL]] + [(n, b"\1" + b) for n, b in ol[LT_SLL2]]
    dns = [("query", dns_query("example.com")), ("response", dns_response()), ("records", dns_records()),
           ("mdns", mdns_response())]
    dns += [("pointer-loop", struct.pack("!HHHHHH", 1, 0x8180, 0, 1, 0, 0) + b"\x01a\xc0\x0c" + bytes(10)),
            ("pointer-forward", struct.pack("!HHHHHH", 1, 0, 1, 0, 0, 0) + b"\xc0\x20" + bytes(24)),
            ("truncated", dns_records()[:40])]
    s["dns"] = dns
    s["tls_handshake"] = [("client-hello", record(client_hello())),
                          ("server-hello-13", record(server_hello(), ver=0x0303)),
                          ("server-hello-12-cert", record(server_hello(False) + certificate(), ver=0x0303)),
                          ("truncated", record(client_hello())[:60])]
    s["quic_initial"] = [("initial", quic_initial(scid=b"\x01\x02", token=b"tok")), ("handshake", quic_handshake()),
                         ("vneg", b"\x80\0\0\0\0\x04abcd\x04efgh\0\0\0\1\xff\0\0\x1d"),
                         ("coalesced", quic_initial()[:40] + quic_handshake())]
    s["pcap_file"] = [("ether", pcap_bytes(LT_EN10MB, [b for _, b in ether_packets()[:8]]))] + \
        [("lt%d" % lt, pcap_bytes(lt, [b for _, b in v])) for lt, v in sorted(ol.items())] + \
        [("truncated-record", pcap_bytes(LT_EN10MB, [e[0][1]])[:-10])] + swapped_pcaps() + \
        [("pcapng-le", pcapng_bytes("<", LT_EN10MB, [b for _, b in ether_packets()[:4]])),
         ("pcapng-be-nsec", pcapng_bytes(">", LT_EN10MB, [b for _, b in ether_packets()[4:7]], nsec=True)),
         ("pcapng-sll2", pcapng_bytes("<", LT_SLL2, [b for _, b in ol[LT_SLL2]]))] + \
        pcap_variants([b for _, b in ether_packets()[:3]])
    # bpf_filter: filter text, NUL, one Ethernet frame.
    s["bpf_filter"] = [("%02d" % i, f.encode() + b"\0" + b) for i, (f, b) in enumerate([
        ("tcp port 443", e[28][1]), ("udp and dst port 53", e[22][1]), ("arp", e[0][1]),
        ("ip6 and icmp6", e[13][1]), ("vlan 100 and udp", e[3][1]), ("ip[8] < 64 or tcp[13] & 2 != 0", e[18][1]),
        ("ether host 02:00:00:00:00:01 and not ip6", e[1][1])])]
    return s


def main():
    root = os.path.dirname(os.path.abspath(__file__))
    if len(sys.argv) > 2 and sys.argv[1] == "--pcap":
        d = sys.argv[2]
        os.makedirs(d, exist_ok=True)
        files = {LT_EN10MB: [b for _, b in ether_packets()]}
        files.update({lt: [b for _, b in v] for lt, v in other_link_packets().items()})
        for lt, pk in files.items():
            with open(os.path.join(d, "lt%d.pcap" % lt), "wb") as fh:
                fh.write(pcap_bytes(lt, pk))
        return
    for t, items in seed_items().items():
        write_dir(os.path.join(root, t), items)


if __name__ == "__main__":
    main()
