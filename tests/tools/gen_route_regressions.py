#!/usr/bin/env python3
"""Write the route decoders' pitfall inputs to regressions/crashes/<target>/.

One input per pitfall from issue 5's "Why" list, each shaped as the bug it
would be in a naive walker (the crash_type/crash_state describe that bug
class; netfuzz rejects every one, see tests/unit/test_route_regressions.c).
Layouts: XNU bsd/net/route.h + net/if_dl.h (Darwin), FreeBSD
sys/net/route.h, linux/netlink.h + linux/rtnetlink.h.  Deterministic.

usage: tests/tools/gen_route_regressions.py [REPO_ROOT]
"""
import hashlib
import json
import os
import struct
import sys

FOUND = "2026-11-29"


def rtm(freebsd, rtype, index, flags, addrs, sockaddrs, msglen=None):
    """rt_msghdr (Darwin 92 bytes / FreeBSD LP64 152) + sockaddr bytes."""
    size = 152 if freebsd else 92
    h = bytearray(size)
    h[2] = 5  # RTM_VERSION
    h[3] = rtype
    struct.pack_into("<H", h, 4, index)
    struct.pack_into("<ii", h, 8, flags, addrs)
    body = bytes(h) + sockaddrs
    struct.pack_into("<H", h, 0, len(body) if msglen is None else msglen)
    return bytes(h) + sockaddrs


def sin(a, b, c, d):
    return bytes([16, 2, 0, 0, a, b, c, d]) + bytes(8)


def nlmsg(mtype, payload, flags=2):
    return struct.pack("<IHHII", 16 + len(payload), mtype, flags, 1, 0) + payload


def rta(atype, data, length=None):
    ln = 4 + len(data) if length is None else length
    raw = struct.pack("<HH", ln, atype) + data
    return raw + bytes((-len(raw)) % 4)


def rtmsg(family=2, dst_len=0, table=254, proto=4, scope=0, rtype=1):
    return struct.pack("<BBBBBBBBI", family, dst_len, 0, 0, table, proto, scope, rtype, 0)


CASES = []


def case(target, crash_type, frames, security, note, data, expect):
    CASES.append((target, crash_type, "\n".join(frames), security, note, data, expect))


# 1. msglen 0 (Darwin): a good route, then a message whose rtm_msglen is 0.
good = rtm(False, 4, 4, 0x5, 0x1, sin(10, 0, 0, 1))
case("rtmsg_darwin", "Timeout", ["nf_bsd_decode", "nf_route_decode_darwin", "nf_route_decode"], False,
     "rtm_msglen 0 after a good message: a walker that advances by msglen (Apple's arp(8)) loops forever; "
     "netfuzz stops with msglen-zero at the record's offset, no resync",
     good + bytes([0, 0, 5, 4]) + bytes(88), "msglen-zero")

# 2. sa_len 0 (Darwin): the netmask has sa_len 0, which takes 4 bytes (ROUNDUP),
# and the message ends one byte into that slot although rtm_addrs also
# announces RTA_IFP.  Copying a whole sockaddr_in for the mask, or walking on
# to the IFP sockaddr_dl, reads past the buffer.
sas = sin(0, 0, 0, 0) + sin(192, 168, 1, 1) + bytes([0])
case("rtmsg_darwin", "Heap-buffer-overflow\nREAD 16", ["sa_bytes", "parse_rtm", "nf_bsd_decode"], True,
     "netmask with sa_len 0 at the end of the dump, RTA_IFP announced after it: a naive 16-byte mask copy or "
     "IFP walk over-reads; netfuzz copies only sa_len bytes into zeroed storage and reports bad-sockaddr",
     rtm(False, 4, 4, 0x803, 0x17, sas), "bad-sockaddr")

# 3. sa_len 0 (FreeBSD): SA_SIZE gives sizeof(long) = 8 bytes; the message
# holds only 4 (Darwin's unit) before RTA_IFP is due.
sas = sin(0, 0, 0, 0) + sin(10, 0, 0, 1) + bytes(4)
case("rtmsg_freebsd", "Heap-buffer-overflow\nREAD 1", ["walk_sockaddrs", "parse_rtm", "nf_bsd_decode"], True,
     "FreeBSD netmask with sa_len 0 (takes sizeof(long) = 8) with only 4 bytes left and RTA_IFP announced: "
     "reading the next sa_len over-reads; netfuzz reports bad-sockaddr",
     rtm(True, 4, 2, 0x803, 0x17, sas), "bad-sockaddr")

# 4. sockaddr_dl past the buffer (Darwin ARP entry): sdl_len 20 but sdl_nlen 3 +
# sdl_alen 30, at the very end of the dump; LLADDR() + alen reads 13 bytes out.
sdl = bytes([20, 18, 4, 0, 6, 3, 30, 0]) + b"en0" + bytes([0xa4, 0x83, 0xe7, 1, 2, 3, 4, 5, 6])
case("rtmsg_darwin", "Heap-buffer-overflow\nREAD 30", ["sa_dl", "parse_rtm", "nf_bsd_decode"], True,
     "RTF_LLINFO entry whose gateway sockaddr_dl has sdl_nlen + sdl_alen (33) beyond sdl_len (20) at the end "
     "of the dump: LLADDR(sdl) copied for sdl_alen bytes over-reads; netfuzz reports bad-sockaddr-dl and skips "
     "the record",
     rtm(False, 4, 4, 0x405, 0x3, sin(192, 168, 1, 1) + sdl), "bad-sockaddr-dl")

# 5. rta_len below 4 (rtnetlink): RTA_GATEWAY with rta_len 2.  RTA_PAYLOAD() is
# rta_len - 4 = -2, a huge size_t for memcpy.
body = rtmsg(dst_len=8) + rta(15, struct.pack("<I", 254)) + rta(1, bytes([10, 0, 0, 0])) + \
    struct.pack("<HH", 2, 5) + bytes([192, 168, 1, 1])
case("rtnetlink", "Heap-buffer-overflow\nREAD {*}", ["next_attr", "parse_route", "parse_message"], True,
     "RTA_GATEWAY with rta_len 2: RTA_PAYLOAD underflows to SIZE_MAX - 1 and the copy over-reads (rta_len 0 "
     "would loop instead); netfuzz reports bad-attr-len and resyncs at the next nlmsghdr",
     nlmsg(24, body) + nlmsg(3, struct.pack("<i", 0)), "bad-attr-len")

# 6. rtnh_len below 8 (rtnetlink): RTA_MULTIPATH whose second rtnexthop has
# rtnh_len 0; RTNH_NEXT() never advances.
nh1 = struct.pack("<HBBi", 16, 0, 0, 2) + rta(5, bytes([10, 0, 0, 1]))
nh2 = struct.pack("<HBBi", 0, 0, 0, 3) + rta(5, bytes([10, 0, 1, 1]))
body = rtmsg() + rta(15, struct.pack("<I", 254)) + rta(9, nh1 + nh2)
case("rtnetlink", "Timeout", ["parse_multipath", "parse_route", "parse_message"], False,
     "RTA_MULTIPATH with rtnh_len 0 in its second rtnexthop: RTNH_NEXT never advances and the walk loops; "
     "netfuzz reports bad-nexthop-len and resyncs at the next nlmsghdr",
     nlmsg(24, body) + nlmsg(3, struct.pack("<i", 0)), "bad-nexthop-len")

# 7. nlmsg_len 0 (rtnetlink): a good neighbour, then a zero-length header.
nd = struct.pack("<BBHiHBB", 2, 0, 0, 2, 0x02, 0, 1) + rta(1, bytes([10, 0, 0, 2])) + \
    rta(2, bytes([2, 0, 0, 0, 0, 2]))
case("rtnetlink", "Timeout", ["nf_route_decode_netlink", "nf_route_decode", "nf_target_route"], False,
     "nlmsg_len 0 after a good RTM_NEWNEIGH: NLMSG_NEXT never advances; netfuzz stops with msglen-zero",
     nlmsg(28, nd) + bytes(16), "msglen-zero")


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..")
    for target, ctype, state, security, note, data, expect in CASES:
        sig = hashlib.sha1((ctype + "\n" + state).encode()).hexdigest()[:16]
        d = os.path.join(root, "regressions", "crashes", target)
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, sig), "wb") as f:
            f.write(data)
        meta = {"target": target, "crash_type": ctype, "crash_state": state, "security_flag": security,
                "signature": sig, "found": FOUND, "status": "fixed", "note": note}
        with open(os.path.join(d, sig + ".json"), "w") as f:
            json.dump(meta, f, indent=2)
            f.write("\n")
        print(f"{target}/{sig} {expect}")


main()
