#!/usr/bin/env python3
"""Crafted crash inputs for bench/minimize.sh (issue 24, item 6).

Each case is a crash of one planted bug (bench/planted/<bug>.patch) in a
shape that is hard to minimize: a long trailing payload, many repeated
elements, nested lengths (TLS, DER, rtnetlink), a crash deep in a valid
prefix.  Beside each input goes the smallest reproducer known, built by
hand from the bug's needs (the bench checks that it crashes too).

    bench/minimize_cases.py OUTDIR   -> OUTDIR/<case>/{input,known}, OUTDIR/cases
Deterministic: the same bytes on every run (no clock, fixed seeds).
"""
import os
import random
import struct
import sys

CASES = []


def case(name, bug, target, shape):
    def reg(fn):
        CASES.append((name, bug, target, shape, fn))
        return fn
    return reg


# ---------------------------------------------------------------- radiotap
def radiotap(words, payload=b""):
    """Radiotap header (radiotap.org): it_version 0, it_pad, it_len LE,
    then the presence words; it_len covers the header and the words."""
    hdr = struct.pack("<BBH", 0, 0, 4 + 4 * len(words))
    return hdr + b"".join(struct.pack("<I", w) for w in words) + payload


@case("radiotap_tail", "radiotap_words", "frame_radiotap",
      "issue 24's input: 40 presence words with Ext, 119-byte 802.11 payload")
def radiotap_tail(r):
    # flags, rate, channel present and Ext (bit 31) in every word
    payload = bytes([0x88, 0x01, 0x2C, 0x00]) + bytes(r.randrange(256) for _ in range(115))
    big = radiotap([0x8000002E] * 40, payload)
    assert len(big) == 283
    # 17 words: the 17th is written past w[16]
    return big, radiotap([0x8000002E] * 17)


# ---------------------------------------------------------------- TLS
def u24(n):
    return struct.pack(">I", n)[1:]


def der_blob(r, n):
    """A DER-looking certificate body: SEQUENCE { OCTET STRING filler }."""
    inner = bytes(r.randrange(256) for _ in range(n))
    octet = b"\x04" + (bytes([n]) if n < 0x80 else b"\x81" + bytes([n])) + inner
    return b"\x30" + (bytes([len(octet)]) if len(octet) < 0x80 else b"\x81" + bytes([len(octet)])) + octet


@case("tls_certs", "tls_certs_too_many", "tls_certificate_msg",
      "nested TLS lengths: handshake, certificate_list, 40 cert_data of 24-90 bytes")
def tls_certs(r):
    # RFC 5246 7.4.2: Certificate { certificate_list<0..2^24-1> of ASN.1Cert<1..2^24-1> }
    certs = b"".join(u24(len(c)) + c for c in (der_blob(r, r.randrange(20, 86)) for _ in range(40)))
    body = u24(len(certs)) + certs
    big = b"\x0b" + u24(len(body)) + body
    # a bare body (no handshake header), 33 one-byte certificates
    small_list = b"".join(u24(1) + b"\x30" for _ in range(33))
    return big, u24(len(small_list)) + small_list


# ---------------------------------------------------------------- SCT (DER)
def sct_v0(r, ext_len, sig_len):
    """RFC 6962 3.2 v1 SCT (version byte 0): log id, timestamp, extensions,
    digitally-signed (sha256 = 4, ecdsa = 3)."""
    return (b"\x00" + bytes(r.randrange(256) for _ in range(32)) + struct.pack(">Q", 1600000000000 + r.randrange(10**6))
            + struct.pack(">H", ext_len) + bytes(ext_len) + b"\x04\x03" + struct.pack(">H", sig_len)
            + bytes(r.randrange(256) for _ in range(sig_len)))


@case("sct_v1_list", "sct_too_many", "sct_list",
      "80 v1 SCTs (list length, SerializedSCT, extensions and signature lengths nested)")
def sct_v1_list(r):
    scts = [sct_v0(r, r.choice([0, 0, 4]), r.randrange(64, 72)) for _ in range(80)]
    lst = b"".join(struct.pack(">H", len(s)) + s for s in scts)
    big = struct.pack(">H", len(lst)) + lst
    # 65 v1 SCTs with empty extensions and signatures: the fixed fields
    # (version, log id, timestamp) are values, not spans, so no cut makes
    # them shorter.  (The bug's smallest reproducer of any shape is 197
    # bytes: 65 one-byte SCTs of an unknown version, which are skipped
    # whole; a v1 list does not become one by cuts.)
    small = b"".join(struct.pack(">H", 47) + sct_v0(r, 0, 0) for _ in range(65))
    return big, struct.pack(">H", len(small)) + small


# ---------------------------------------------------------------- rtnetlink
def rta(t, v):
    n = 4 + len(v)
    return struct.pack("<HH", n, t) + v + bytes((4 - n % 4) % 4)


def nlmsg(t, body, seq):
    return struct.pack("<IHHII", 16 + len(body), t, 2, seq, 0) + body  # NLM_F_MULTI


def rtmsg(dst_len, attrs):
    # struct rtmsg: family AF_INET, dst_len, src_len, tos, table main (254),
    # protocol boot (3), scope universe, type unicast (1), flags
    return struct.pack("<BBBBBBBBI", 2, dst_len, 0, 0, 254, 3, 0, 1, 0) + b"".join(attrs)


@case("rtnl_multipath", "rtnl_nexthops", "rtnetlink",
      "6 valid routes, then RTA_MULTIPATH with 24 nexthops (nlmsg_len, rta_len, rtnh_len), 3 routes, DONE")
def rtnl_multipath(r):
    msgs, seq = [], 1
    for i in range(6):
        msgs.append(nlmsg(24, rtmsg(24, [rta(1, bytes([10, i, 0, 0])), rta(5, bytes([192, 0, 2, 1 + i])),
                                         rta(4, struct.pack("<I", 2)), rta(15, struct.pack("<I", 254))]), seq))
        seq += 1
    hops = b""
    for i in range(24):
        gw = rta(5, bytes([198, 51, 100, 1 + i]))
        hops += struct.pack("<HBBI", 8 + len(gw), 0, i % 3, 2 + i % 4) + gw
    msgs.append(nlmsg(24, rtmsg(16, [rta(1, bytes([203, 0, 113, 0])), rta(9, hops)]), seq))
    seq += 1
    for i in range(3):
        msgs.append(nlmsg(24, rtmsg(32, [rta(1, bytes([10, 9, 9, i])), rta(4, struct.pack("<I", 3))]), seq))
        seq += 1
    msgs.append(nlmsg(3, struct.pack("<i", 0), seq))  # NLMSG_DONE
    # one message: rtmsg, RTA_MULTIPATH of 18 bare rtnexthops (UBSan's
    # bounds check lets nh[16], the one-past-the-end element, through:
    # nh[17] is the first write it reports, and nh[16] lies inside struct
    # nf_route, where ASan sees nothing)
    small = nlmsg(24, rtmsg(0, [rta(9, b"".join(struct.pack("<HBBI", 8, 0, 0, 1) for _ in range(18)))]), 1)
    return b"".join(msgs), small


# ---------------------------------------------------------------- DNS
def dns_name(s):
    return b"".join(bytes([len(p)]) + p.encode() for p in s.split(".") if p) + b"\x00"


def rr(name, t, rdata, ttl=300):
    return name + struct.pack(">HHIH", t, 1, ttl, len(rdata)) + rdata


def valid_answers():
    return [rr(b"\xc0\x0c", 1, bytes([192, 0, 2, 10])),
            rr(b"\xc0\x0c", 28, bytes(range(16))),
            rr(b"\xc0\x0c", 16, b"\x0bv=spf1 -all"),
            rr(dns_name("mail.example.test"), 15, b"\x00\x0a" + dns_name("mx1.example.test")),
            rr(b"\xc0\x0c", 5, dns_name("www.example.net")),
            rr(dns_name("ns.example.test"), 2, dns_name("a.iana-servers.test")),
            rr(b"\xc0\x0c", 1, bytes([192, 0, 2, 11])),
            rr(b"\xc0\x0c", 16, b"\x05hello\x05world")]


@case("dns_deep_name", "dns_name_len", "dns",
      "crash deep in a valid prefix: question, 8 valid answers, then a 5x63-octet name, 2 more RRs")
def dns_deep_name(r):
    ans = valid_answers()
    long_name = b"".join(b"\x3f" + bytes([0x61 + i]) * 63 for i in range(5)) + b"\x00"
    ans.append(rr(long_name, 1, bytes([192, 0, 2, 99])))
    ans += [rr(b"\xc0\x0c", 1, bytes([192, 0, 2, 12])), rr(b"\xc0\x0c", 16, b"\x03end")]
    msg = struct.pack(">HHHHHH", 0x1234, 0x8180, 1, len(ans), 0, 0) + dns_name("example.test") + b"\x00\x01\x00\x01"
    # header, one question whose name reaches 264 text bytes: 4 x 63 + 8
    small = struct.pack(">HHHHHH", 0, 0, 1, 0, 0, 0) + b"".join(b"\x3f" + b"a" * 63 for _ in range(4)) + b"\x08" + b"a" * 8
    return msg + b"".join(ans), small


@case("dns_aaaa_tail", "dns_aaaa_len", "dns",
      "long RDATA: question, 8 valid answers, then an AAAA with RDLENGTH 300, an additional OPT")
def dns_aaaa_tail(r):
    ans = valid_answers()
    ans.append(rr(b"\xc0\x0c", 28, bytes(r.randrange(256) for _ in range(300))))
    opt = b"\x00" + struct.pack(">HHIH", 41, 1232, 0, 0)
    msg = (struct.pack(">HHHHHH", 0x4321, 0x8180, 1, len(ans), 0, 1) + dns_name("example.test") + b"\x00\x01\x00\x01"
           + b"".join(ans) + opt)
    # header, one answer: root name, AAAA, RDLENGTH 17
    small = struct.pack(">HHHHHH", 0, 0, 0, 1, 0, 0) + rr(b"\x00", 28, bytes(17))
    return msg, small


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: bench/minimize_cases.py OUTDIR")
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "cases"), "w") as idx:
        for i, (name, bug, target, shape, fn) in enumerate(CASES):
            big, small = fn(random.Random(24 + i))
            d = os.path.join(out, name)
            os.makedirs(d, exist_ok=True)
            open(os.path.join(d, "input"), "wb").write(big)
            open(os.path.join(d, "known"), "wb").write(small)
            idx.write(f"{name}\t{bug}\t{target}\t{shape}\n")


if __name__ == "__main__":
    main()
