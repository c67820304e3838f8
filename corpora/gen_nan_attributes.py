#!/usr/bin/env python3
"""Deterministically rebuild corpora/nan_attributes/: bare NAN attribute lists
(Wi-Fi Aware / NAN v4 attribute TLVs: id, 16-bit little-endian length, body),
one per decoded attribute, combinations, and truncated/hostile variants.
The attribute builders live in gen_frame_radiotap.py."""
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_frame_radiotap as g  # noqa: E402


def lists():
    a = [
        ("master-indication", g.A_MASTER), ("cluster", g.A_CLUSTER), ("service-id-list", g.A_SIDL),
        ("sda-publish-all-fields", g.A_SDA), ("sda-subscribe", g.A_SDA_SUBSCRIBE), ("sdea", g.A_SDEA),
        ("device-capability", g.A_DEVCAP), ("availability", g.A_AVAIL), ("cipher-suite-info", g.A_CSIA),
        ("security-context-info", g.A_SCIA), ("dcea", g.A_DCEA), ("nira", g.A_NIRA), ("npba", g.A_NPBA),
        ("npba-comeback", g.A_NPBA_COMEBACK), ("vendor-specific", g.A_VENDOR), ("unknown-id", g.A_UNKNOWN),
        ("all-attributes", g.ALL_ATTRS),
        ("pairing-without-dcea", g.A_SDA + g.A_NIRA + g.A_NPBA),
        ("pairing-dcea-bit-clear", g.A_DCEA_NOPAIR + g.A_NPBA),
        # hostile / truncated
        ("attr-len-past-end", g.A_MASTER + b"\x03\x40\x00" + g.SERVICE_ID),
        ("attr-header-cut", g.A_MASTER + b"\x12\x01"),
        ("sda-too-short", g.attr(0x03, g.SERVICE_ID)),
        ("sda-matching-filter-past", g.attr(0x03, g.SERVICE_ID + bytes([1, 0, 0x04, 5, 9]) + b"ab")),
        ("sda-service-info-past", g.attr(0x03, g.SERVICE_ID + bytes([1, 0, 0x10, 50]) + b"x")),
        ("sdea-service-info-past", g.attr(0x0E, bytes([1]) + struct.pack("<H", 0) + struct.pack("<H", 99) + b"ab")),
        ("availability-entry-past", g.attr(0x12, bytes([1]) + struct.pack("<HH", 0, 40) + b"\x00\x10")),
        ("scia-identifier-past", g.attr(0x23, struct.pack("<H", 300) + bytes([1, 1]) + bytes(4))),
        ("nira-short", g.attr(0x2B, bytes([0, 1, 2, 3]))),
        ("npba-cookie-past", g.attr(0x2C, bytes([1, 0x21, 0]) + bytes([200]) + b"ab")),
        ("service-id-list-bad-len", g.attr(0x02, bytes(7))),
        ("devcap-bad-len", g.attr(0x0F, bytes(3))),
        ("many-empty-attrs", b"\x05\x00\x00" * 600),
    ]
    return a


USAGE_EXTRA = ""


def main():
    if len(sys.argv) > 2 or (len(sys.argv) == 2 and sys.argv[1].startswith("-")):
        # An option-looking argument is never an output directory: a typo
        # such as --help must not create a directory of that name.
        sys.exit("usage: %s [OUTDIR]%s" % (sys.argv[0], USAGE_EXTRA))
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                             "nan_attributes")
    os.makedirs(out, exist_ok=True)
    for name, b in lists():
        with open(os.path.join(out, name), "wb") as fh:
            fh.write(b)


if __name__ == "__main__":
    main()
