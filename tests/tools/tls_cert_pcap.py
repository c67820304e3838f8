#!/usr/bin/env python3
"""Write a one-packet Ethernet/IPv4/TCP capture whose payload is a TLS 1.2
record holding a Certificate handshake message (RFC 5246 7.4.2) with the
DER certificates given, for the dissect --certs hand-off test.
usage: tls_cert_pcap.py OUT.pcap CERT.der..."""
import struct
import sys


def main():
    out, ders = sys.argv[1], [open(p, "rb").read() for p in sys.argv[2:]]
    certs = b"".join(len(d).to_bytes(3, "big") + d for d in ders)
    body = len(certs).to_bytes(3, "big") + certs
    hs = bytes([11]) + len(body).to_bytes(3, "big") + body
    rec = struct.pack("!BHH", 22, 0x0303, len(hs)) + hs
    tcp = struct.pack("!HHIIBBHHH", 443, 51000, 1, 1, 5 << 4, 0x18, 65535, 0, 0) + rec
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(tcp), 1, 0x4000, 64, 6, 0,
                     bytes([192, 0, 2, 1]), bytes([192, 0, 2, 2])) + tcp
    frame = bytes.fromhex("020000000002020000000001") + b"\x08\x00" + ip
    with open(out, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 262144, 1))
        f.write(struct.pack("<IIII", 1700000000, 0, len(frame), len(frame)) + frame)


if __name__ == "__main__":
    main()
