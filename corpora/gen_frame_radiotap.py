#!/usr/bin/env python3
"""Deterministically rebuild corpora/frame_radiotap/: radiotap + 802.11 frames
packed by hand from the specs (radiotap.org, IEEE 802.11-2020 clause 9, Wi-Fi
Aware/NAN v4, Apple WAC Device IE), one per feature, plus truncated and
hostile variants, plus the first beacons of the real capture
tests/data/odid_wifi_bcn_sample.pcap (pcap headers stripped).

  gen_frame_radiotap.py [OUTDIR]        write seeds (default corpora/frame_radiotap)
  gen_frame_radiotap.py --pcap FILE     write the well-formed frames as a
                                        LINKTYPE_IEEE802_11_RADIOTAP capture
  gen_frame_radiotap.py --pcap-hostile FILE   the malformed/truncated ones
Importable: frames(), nan_* builders (used by gen_nan_attributes.py)."""
import os
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
# The upper layers as the Ethernet seeds build them (RFC 791, 768, 9293, 2131, TLS, QUIC)
from gen_frame_ether import ipv4, ipv6, udp, dns_query  # noqa: E402
from gen_frames import tcp, dhcp_discover, record, client_hello, server_hello, certificate, quic_initial  # noqa: E402

REAL = os.path.join(HERE, "..", "tests", "data", "odid_wifi_bcn_sample.pcap")

AP = bytes.fromhex("020000000a01")
STA = bytes.fromhex("020000000b02")
STA2 = bytes.fromhex("020000000c03")
STA3 = bytes.fromhex("020000000d04")
BCAST = b"\xff" * 6
NAN_NETWORK_ID = bytes.fromhex("516f9a010000")   # NAN v4: frames to the NAN Network ID
NAN_CLUSTER = bytes.fromhex("506f9a01ab12")      # A3 = Cluster ID 50:6F:9A:01:xx:xx


# ---------------------------------------------------------------- radiotap
def radiotap(words, items):
    """words: presence words; items: (align, bytes) in field order.  Each
    field is padded to its alignment measured from the header start."""
    fixed = 4 + 4 * len(words)
    data = b""
    for align, b in items:
        pad = (-(fixed + len(data))) % align
        data += b"\0" * pad + b
    return struct.pack("<BBH", 0, 0, fixed + len(data)) + b"".join(struct.pack("<I", w) for w in words) + data


def rt_std(flags=0, rate=2, freq=2437, sig=-40, ant=1):
    """Flags, Rate, Channel, dBm antenna signal, Antenna (bits 1,2,3,5,11)."""
    w = (1 << 1) | (1 << 2) | (1 << 3) | (1 << 5) | (1 << 11)
    return radiotap([w], [(1, bytes([flags])), (1, bytes([rate])), (2, struct.pack("<HH", freq, 0x00a0)),
                          (1, struct.pack("<b", sig)), (1, bytes([ant]))])


# ---------------------------------------------------------------- 802.11
def fc(ftype, subtype, flags=0):
    return bytes([(subtype << 4) | (ftype << 2), flags])


def mgmt(subtype, body, da=BCAST, sa=AP, bssid=AP, seq=100, flags=0):
    return fc(0, subtype, flags) + struct.pack("<H", 0) + da + sa + bssid + struct.pack("<H", seq << 4) + body


def data(subtype, flags, a1, a2, a3, a4=None, qos=None, body=b"", seq=7):
    h = fc(2, subtype, flags) + struct.pack("<H", 44) + a1 + a2 + a3 + struct.pack("<H", seq << 4 | 1)
    if a4 is not None:
        h += a4
    if qos is not None:
        h += struct.pack("<H", qos)
    return h + body


def ie(eid, body):
    return bytes([eid, len(body)]) + body


def crc32(b):
    import zlib
    return zlib.crc32(b) & 0xFFFFFFFF


SNAP_IPV4 = b"\xaa\xaa\x03\x00\x00\x00\x08\x00"
SNAP_IPV6 = b"\xaa\xaa\x03\x00\x00\x00\x86\xdd"


def ipv4_udp(payload=b"hello"):
    return ipv4(udp(payload, 40000, 9999), ident=1)


# ---------------------------------------------------------------- IEs
RATES = ie(1, bytes([0x82, 0x84, 0x8b, 0x96, 0x0c, 0x12, 0x18, 0x24]))
EXT_RATES = ie(50, bytes([0x30, 0x48, 0x60, 0x6c]))
DS = ie(3, b"\x06")
TIM = ie(5, bytes([0, 1, 0, 0]))
# RSN: version 1, group CCMP, 1 pairwise CCMP, 2 AKMs (PSK, SAE), caps 0x000c
RSN = ie(48, struct.pack("<H", 1) + b"\x00\x0f\xac\x04" + struct.pack("<H", 1) + b"\x00\x0f\xac\x04" +
         struct.pack("<H", 2) + b"\x00\x0f\xac\x02" + b"\x00\x0f\xac\x08" + struct.pack("<H", 0x000c))
HT_CAP = ie(45, struct.pack("<H", 0x01ef) + bytes(24))
VHT_CAP = ie(191, struct.pack("<I", 0x0f825832) + bytes(8))
HE_CAP = ie(255, bytes([35]) + bytes(range(1, 22)))
OTHER_VENDOR = ie(221, b"\x00\x50\xf2\x02\x00\x01\x00")   # WMM information element (not decoded)


def wac_ie(name=b"Living Room Lamp", trunc=False):
    """Apple Device IE (OUI 00:A0:40 type 0) with every sub-element."""
    sub = (bytes([0x00, 3, 0x40, 0x03, 0x48]) +            # flags: unconfigured; 2.4+5 GHz; HAP v1, WAC2
           bytes([0x01, len(name)]) + name +
           bytes([0x02, 4]) + b"Acme" +
           bytes([0x03, 4]) + b"LMP1" +
           bytes([0x04, 3]) + b"\x00\xa0\x40" +
           bytes([0x07, 6]) + bytes.fromhex("a1b2c3d4e5f6") +
           bytes([0x08, 2]) + struct.pack("<H", 5) +
           bytes([0x09, 4]) + bytes.fromhex("1a2b3c4d"))
    if trunc:
        sub += bytes([0x01, 40]) + b"short"                # sub-element length past the element
    return ie(221, b"\x00\xa0\x40\x00" + sub)


def ssid(s):
    return ie(0, s)


# ---------------------------------------------------------------- NAN
def attr(aid, body):
    return bytes([aid]) + struct.pack("<H", len(body)) + body


SERVICE_ID = bytes.fromhex("8a1bd3c4e5f6")
A_MASTER = attr(0x00, bytes([0x80, 0x42]))
A_CLUSTER = attr(0x01, bytes.fromhex("8042020000aabbcc") + b"\x00" + bytes.fromhex("00001234"))
A_SIDL = attr(0x02, SERVICE_ID + bytes.fromhex("112233445566"))
# Publish with binding bitmap, matching filter (2 filters), SRF (MAC list), service info
A_SDA = attr(0x03, SERVICE_ID + bytes([0x01, 0x00, 0x40 | 0x04 | 0x08 | 0x10]) + struct.pack("<H", 0x0001) +
             bytes([6]) + b"\x02ab\x02cd" +
             bytes([7, 0x00]) + STA +
             bytes([4]) + b"info")
A_SDA_SUBSCRIBE = attr(0x03, SERVICE_ID + bytes([0x02, 0x01, 0x01]))
# SDEA: instance 1, control: data path required + security + range limit + update indicator
A_SDEA = attr(0x0E, bytes([0x01]) + struct.pack("<H", 0x0004 | 0x0040 | 0x0100 | 0x0200) +
              struct.pack("<HH", 100, 200) + bytes([3]) +
              struct.pack("<H", 7) + b"\x50\x6f\x9a" + bytes([2]) + b"gen")
A_DEVCAP = attr(0x0F, bytes([0x00]) + struct.pack("<H", 0x0011) + bytes([0x14, 0x01, 0x22]) +
                struct.pack("<H", 5000) + bytes([0x01]))
# Availability: seq 1, ctl map 0 + committed changed; one entry with time bitmap + 1 band entry
_entry = struct.pack("<H", 0x1000 | 0x0001) + struct.pack("<H", 0x0018) + bytes([4]) + b"\xff\x00\x00\x00" + \
    bytes([0x10 | 0x00]) + bytes([0x02])
A_AVAIL = attr(0x12, bytes([1]) + struct.pack("<H", 0x0010) + struct.pack("<H", len(_entry)) + _entry)
A_CSIA = attr(0x22, bytes([0x00, 0x01, 0x01, 0x02, 0x01]))
A_SCIA = attr(0x23, struct.pack("<H", 16) + bytes([1, 1]) + bytes(range(16)))
A_DCEA = attr(0x2A, struct.pack("<H", 0x0100 | 0x0200))
A_DCEA_NOPAIR = attr(0x2A, struct.pack("<H", 0x0000))
A_NIRA = attr(0x2B, bytes([0]) + bytes.fromhex("0102030405060708") + bytes.fromhex("a1a2a3a4a5a6a7a8"))
A_NPBA = attr(0x2C, bytes([7, 0x00, 0x00]) + struct.pack("<H", 0x0003))       # advertise, opportunistic+PIN
A_NPBA_COMEBACK = attr(0x2C, bytes([8, 0x22, 0x00]) + struct.pack("<H", 300) + bytes([4]) + b"cook" +
                       struct.pack("<H", 0))                                  # response, comeback
A_VENDOR = attr(0xDD, b"\x00\x17\xf2" + b"vendorbody")
A_UNKNOWN = attr(0x05, bytes(15))   # WLAN Infrastructure: shown by number only

ALL_ATTRS = (A_MASTER + A_CLUSTER + A_SIDL + A_SDA + A_SDEA + A_DEVCAP + A_AVAIL + A_CSIA + A_SCIA + A_DCEA +
             A_NIRA + A_NPBA + A_VENDOR + A_UNKNOWN)


def nan_sdf(attrs):
    """Public Action (4), vendor specific (9), OUI 50:6F:9A, type 0x13."""
    return bytes([4, 9]) + b"\x50\x6f\x9a\x13" + attrs


def nan_naf(subtype, attrs):
    return bytes([4, 9]) + b"\x50\x6f\x9a\x18" + bytes([subtype]) + attrs


def nan_action_frame(body, sa=STA):
    return mgmt(13, body, da=NAN_NETWORK_ID, sa=sa, bssid=NAN_CLUSTER, seq=55)


def nan_ie(attrs):
    return ie(221, b"\x50\x6f\x9a\x13" + attrs)


# ---------------------------------------------------------------- frames
def beacon_body(extra=b"", bi=100, cap=0x0431):
    return struct.pack("<QHH", 0x0102030405060708, bi, cap) + extra


def with_fcs(frame):
    return frame + struct.pack("<I", crc32(frame))


def frames():
    """(name, bytes, well_formed) for LINKTYPE_IEEE802_11_RADIOTAP."""
    R = rt_std()
    f = []

    def add(name, b, good=True):
        f.append((name, b, good))

    # Management frames and their elements
    add("beacon-all-ies", R + mgmt(8, beacon_body(ssid(b"netfuzz-ap") + RATES + DS + TIM + RSN + EXT_RATES +
                                                  HT_CAP + VHT_CAP + HE_CAP + OTHER_VENDOR)))
    add("beacon-apple-wac", R + mgmt(8, beacon_body(ssid(b"Lamp-Setup") + RATES + DS + wac_ie())))
    add("beacon-nan-ie", R + mgmt(8, beacon_body(nan_ie(A_MASTER + A_CLUSTER) + DS, bi=512, cap=0x0020),
                                  da=BCAST, sa=STA, bssid=NAN_CLUSTER))
    add("probe-req", R + mgmt(4, ssid(b"netfuzz-ap") + RATES + EXT_RATES, da=BCAST, sa=STA, bssid=BCAST))
    add("probe-resp", R + mgmt(5, beacon_body(ssid(b"netfuzz-ap") + RATES + DS + RSN), da=STA))
    add("assoc-req", R + mgmt(0, struct.pack("<HH", 0x0431, 10) + ssid(b"netfuzz-ap") + RATES + RSN + HT_CAP,
                              da=AP, sa=STA))
    add("assoc-resp", R + mgmt(1, struct.pack("<HHH", 0x0431, 0, 0xc001) + RATES, da=STA))
    add("reassoc-req", R + mgmt(2, struct.pack("<HH", 0x0431, 10) + STA2 + ssid(b"netfuzz-ap") + RATES,
                                da=AP, sa=STA))
    add("reassoc-resp", R + mgmt(3, struct.pack("<HHH", 0x0431, 0, 0xc002) + RATES, da=STA))
    add("auth", R + mgmt(11, struct.pack("<HHH", 0, 1, 0), da=AP, sa=STA))
    add("deauth", R + mgmt(12, struct.pack("<H", 3), da=STA))
    add("disassoc", R + mgmt(10, struct.pack("<H", 8), da=AP, sa=STA))
    add("action-ht-notify-width", R + mgmt(13, bytes([7, 0, 1]), da=STA))
    add("atim", R + mgmt(9, b"", da=STA))
    # Control frames: one and two addresses
    add("ctrl-rts", R + fc(1, 11) + struct.pack("<H", 300) + AP + STA)
    add("ctrl-cts", R + fc(1, 12) + struct.pack("<H", 200) + STA)
    add("ctrl-ack", R + fc(1, 13) + struct.pack("<H", 0) + STA)
    add("ctrl-pspoll", R + fc(1, 10, 0x10) + struct.pack("<H", 0xc001) + AP + STA)
    add("ctrl-bar", R + fc(1, 8) + struct.pack("<H", 0) + AP + STA + struct.pack("<HH", 0x0004, 0x0010))
    add("ctrl-ba", R + fc(1, 9) + struct.pack("<H", 0) + STA + AP + struct.pack("<HH", 0x0005, 0x0010) + bytes(8))
    add("ctrl-cfend", R + fc(1, 14) + struct.pack("<H", 0) + BCAST + AP)
    # Data frames: the four address layouts, QoS, null, protected
    add("data-ibss", R + data(0, 0x00, STA2, STA, AP, body=SNAP_IPV4 + ipv4_udp()))
    add("data-fromds", R + data(0, 0x02, STA, AP, STA3, body=SNAP_IPV4 + ipv4_udp()))
    add("data-tods", R + data(0, 0x01, AP, STA, STA3, body=SNAP_IPV4 + ipv4_udp()))
    add("data-wds", R + data(0, 0x03, AP, STA2, STA3, a4=STA, body=SNAP_IPV4 + ipv4_udp()))
    add("qos-data", R + data(8, 0x01, AP, STA, STA3, qos=0x0005, body=SNAP_IPV4 + ipv4_udp()))
    # The application layers the dissector hands on to, carried over 802.11 data frames (LLC/SNAP,
    # RFC 1042), as a decrypted monitor-mode capture has them: without these seeds a fuzzer on this
    # target reached TLS, DHCP, DNS or QUIC only by chance in some runs (docs/mutator.md, run 6).
    add("qos-data-tls-client-hello", R + data(8, 0x01, AP, STA, STA3, qos=0x0005, body=SNAP_IPV4 + ipv4(
        tcp(record(client_hello()), 40003, 443, flags=0x18, ack=1), proto=6)))
    add("data-fromds-tls-server-hello-12-cert", R + data(0, 0x02, STA, AP, STA3, body=SNAP_IPV4 + ipv4(
        tcp(record(server_hello(False) + certificate(), ver=0x0303), 443, 40004, flags=0x18, ack=2), proto=6,
        src="198.51.100.7", dst="192.0.2.1")))
    add("data-fromds-tls-server-hello-13", R + data(0, 0x02, STA, AP, STA3, body=SNAP_IPV4 + ipv4(
        tcp(record(server_hello(), ver=0x0303), 443, 40003, flags=0x18, ack=2), proto=6,
        src="198.51.100.7", dst="192.0.2.1")))
    add("data-tods-dhcp-discover", R + data(0, 0x01, AP, STA, BCAST, body=SNAP_IPV4 + ipv4(
        udp(dhcp_discover(), 68, 67), src="0.0.0.0", dst="255.255.255.255")))
    add("qos-data-dns-query", R + data(8, 0x01, AP, STA, STA3, qos=0x0005, body=SNAP_IPV4 + ipv4(
        udp(dns_query("example.com"), 53000, 53))))
    add("qos-data-ipv6-quic-initial", R + data(8, 0x01, AP, STA, STA3, qos=0x0005, body=SNAP_IPV6 + ipv6(
        udp(quic_initial(), 50000, 443))))
    add("null", R + data(4, 0x11, AP, STA, AP))
    add("qos-null", R + data(12, 0x01, AP, STA, AP, qos=0x0007))
    add("data-protected", R + data(8, 0x41, AP, STA, STA3, qos=0, body=bytes(range(24))))
    # NAN (Wi-Fi Aware) frames
    add("nan-sdf-all-attrs", R + nan_action_frame(nan_sdf(ALL_ATTRS)))
    add("nan-sdf-subscribe", R + nan_action_frame(nan_sdf(A_SDA_SUBSCRIBE + A_SDEA)))
    add("nan-naf-datapath-req", R + nan_action_frame(nan_naf(5, A_DEVCAP + A_AVAIL + A_CSIA + A_SCIA)))
    add("nan-naf-pairing-no-dcea", R + nan_action_frame(nan_naf(13, A_NIRA + A_NPBA)))
    add("nan-sdf-pairing-dcea-bit-clear", R + nan_action_frame(nan_sdf(A_SDA + A_DCEA_NOPAIR + A_NPBA_COMEBACK)))
    add("nan-sdf-pairing-with-dcea", R + nan_action_frame(nan_sdf(A_SDA + A_DCEA + A_NIRA + A_NPBA)))
    # Radiotap variants
    tsft = (1 << 0) | (1 << 1) | (1 << 2) | (1 << 3) | (1 << 5) | (1 << 6)
    add("rt-tsft-noise", radiotap([tsft], [(8, struct.pack("<Q", 123456789)), (1, b"\x00"), (1, b"\x0c"),
                                           (2, struct.pack("<HH", 5180, 0x0140)), (1, b"\xc4"), (1, b"\xa0")])
        + mgmt(8, beacon_body(ssid(b"five-ghz") + DS)))
    # Flags (1) then Channel needs 1 pad byte; Lock quality after dBm signal needs 1; XChannel needs 4-alignment
    mis = (1 << 1) | (1 << 3) | (1 << 5) | (1 << 7) | (1 << 18)
    add("rt-misaligned-fields", radiotap([mis], [(1, b"\x00"), (2, struct.pack("<HH", 2412, 0x00a0)), (1, b"\xd0"),
                                                 (2, struct.pack("<H", 77)),
                                                 (4, struct.pack("<IHBB", 0x00000480, 2412, 1, 20))])
        + mgmt(4, ssid(b""), da=BCAST, sa=STA, bssid=BCAST))
    # Extended presence: word0 -> radiotap namespace again with per-antenna signal
    w0 = (1 << 1) | (1 << 3) | (1 << 5) | (1 << 29) | (1 << 31)
    w1 = (1 << 5) | (1 << 11) | (1 << 29) | (1 << 31)
    w2 = (1 << 5) | (1 << 11)
    add("rt-ext-antennas", radiotap([w0, w1, w2], [(1, b"\x10"), (2, struct.pack("<HH", 2437, 0x00a0)), (1, b"\xd8"),
                                                  (1, b"\xd6"), (1, b"\x00"), (1, b"\xda"), (1, b"\x01")])
        + with_fcs(mgmt(8, beacon_body(ssid(b"netfuzz-ap") + DS))))
    # Vendor namespace: word0 bit 30 (+ext), word1 in vendor ns, skip_length 5
    w0 = (1 << 1) | (1 << 30) | (1 << 31)
    w1 = (1 << 0) | (1 << 1)
    add("rt-vendor-ns", radiotap([w0, w1], [(1, b"\x00"), (2, b"\x00\x11\x22" + bytes([7]) + struct.pack("<H", 5)),
                                            (1, b"VVVVV")]) + mgmt(12, struct.pack("<H", 7), da=STA))
    add("rt-fcs-good", rt_std(flags=0x10) + with_fcs(mgmt(8, beacon_body(ssid(b"fcs-ok") + DS))))
    add("rt-datapad-qos", rt_std(flags=0x20) + data(8, 0x01, AP, STA, STA3, qos=0x0003) + b"\x00\x00" +
        SNAP_IPV4 + ipv4_udp())
    add("rt-rate-5.5", rt_std(rate=11) + fc(1, 13) + struct.pack("<H", 0) + STA)
    # Bit 28: TLVs follow (TSFT as type 0, dBm signal as type 5, an unknown type 40), each padded to 4
    add("rt-tlv-bit28", radiotap([(1 << 1) | (1 << 28)], [(1, b"\x00"),
                                                         (4, struct.pack("<HHQ", 0, 8, 0x1234)),
                                                         (4, struct.pack("<HHb", 5, 1, -51)),
                                                         (4, struct.pack("<HH", 40, 2) + b"zz")]) +
        fc(1, 13) + struct.pack("<H", 0) + STA)
    add("rt-tlv-past-len", radiotap([(1 << 28)], [(4, struct.pack("<HH", 0, 80) + bytes(8))]) +
        fc(1, 13) + struct.pack("<H", 0) + STA, False)
    # Hostile / truncated variants (not in the differential capture)
    add("bad-fcs", rt_std(flags=0x10) + mgmt(8, beacon_body(ssid(b"fcs-bad"))) + b"\xde\xad\xbe\xef")
    add("rt-unknown-bit", radiotap([(1 << 1) | (1 << 31), 1], [(1, b"\x00"), (1, b"\x00")]) +
        fc(1, 13) + struct.pack("<H", 0) + STA, False)
    add("rt-len-past-capture", struct.pack("<BBHI", 0, 0, 200, 0x2) + b"\x00", False)
    add("rt-len-too-short", struct.pack("<BBHI", 0, 0, 4, 0) + fc(1, 13), False)
    add("rt-version-1", struct.pack("<BBHI", 1, 0, 8, 0) + fc(1, 13) + bytes(8), False)
    add("rt-present-chain-past-bound", struct.pack("<BBH", 0, 0, 4 + 4 * 20) + struct.pack("<I", 1 << 31) * 20, False)
    add("rt-present-past-len", struct.pack("<BBH", 0, 0, 12) + struct.pack("<I", 1 << 31) * 3, False)
    add("rt-field-past-len", struct.pack("<BBHI", 0, 0, 10, 1) + b"\x00\x00" + bytes(10), False)
    add("rt-both-ns-bits", radiotap([(1 << 29) | (1 << 30) | (1 << 31), 0], []) + fc(1, 13) + bytes(8), False)
    add("rt-vendor-skip-past-len", radiotap([(1 << 30) | (1 << 31), 0],
                                            [(2, b"\x00\x11\x22\x01" + struct.pack("<H", 999))]), False)
    add("trunc-mac-header", R + mgmt(8, b"")[:15], False)
    add("ie-len-past-end", R + mgmt(8, beacon_body(ssid(b"ok") + b"\x00\x40abc")), False)
    add("ie-ds-bad-len", R + mgmt(8, beacon_body(ie(3, b"\x06\x07"))), False)
    add("ie-ssid-too-long", R + mgmt(8, beacon_body(ssid(b"S" * 40))), False)
    add("rsn-count-past-end", R + mgmt(8, beacon_body(ie(48, struct.pack("<H", 1) + b"\x00\x0f\xac\x04" +
                                                         struct.pack("<H", 300) + b"\x00\x0f\xac\x04"))), False)
    add("wac-sub-past-end", R + mgmt(8, beacon_body(wac_ie(trunc=True))), False)
    add("wac-bad-device-id", R + mgmt(8, beacon_body(ie(221, b"\x00\xa0\x40\x00" + bytes([7, 3, 1, 2, 3])))), False)
    add("nan-attr-len-past-end", R + nan_action_frame(nan_sdf(A_MASTER + b"\x03\xff\x00" + SERVICE_ID)), False)
    add("nan-attr-header-cut", R + nan_action_frame(nan_sdf(A_MASTER + b"\x03\x05")), False)
    add("nan-sda-srf-past", R + nan_action_frame(nan_sdf(attr(0x03, SERVICE_ID + bytes([1, 0, 0x08, 9, 0]) + STA))),
        False)
    add("nan-cluster-bad-len", R + nan_action_frame(nan_sdf(attr(0x01, bytes(5)))), False)
    add("nan-naf-no-subtype", R + nan_action_frame(b"\x04\x09\x50\x6f\x9a\x18"), False)
    return f


def real_frames(n=3):
    """The first n packets of the real capture, without pcap headers."""
    out = []
    with open(REAL, "rb") as fh:
        b = fh.read()
    off = 24
    while off + 16 <= len(b) and len(out) < n:
        incl = struct.unpack("<I", b[off + 8:off + 12])[0]
        out.append(b[off + 16:off + 16 + incl])
        off += 16 + incl
    return out


def write_pcap(path, pkts, linktype=127):
    with open(path, "wb") as fh:
        fh.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, linktype))
        for i, p in enumerate(pkts):
            fh.write(struct.pack("<IIII", 1700000000 + i, 0, len(p), len(p)) + p)


USAGE_EXTRA = " | --pcap FILE | --pcap-hostile FILE"


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--pcap":
        write_pcap(sys.argv[2], [b for _, b, good in frames() if good])
        return
    if len(sys.argv) == 3 and sys.argv[1] == "--pcap-hostile":
        write_pcap(sys.argv[2], [b for _, b, good in frames() if not good])
        return
    if len(sys.argv) > 2 or (len(sys.argv) == 2 and sys.argv[1].startswith("-")):
        # An option-looking argument is never an output directory: a typo
        # such as --help must not create a directory of that name.
        sys.exit("usage: %s [OUTDIR]%s" % (sys.argv[0], USAGE_EXTRA))
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "frame_radiotap")
    os.makedirs(out, exist_ok=True)
    for name, b, _ in frames():
        with open(os.path.join(out, name), "wb") as fh:
            fh.write(b)
    for i, b in enumerate(real_frames()):
        with open(os.path.join(out, "real-odid-beacon-%02d" % (i + 1)), "wb") as fh:
            fh.write(b)


if __name__ == "__main__":
    main()
