#!/usr/bin/env python3
"""Darwin and FreeBSD routing-socket dumps written from the system headers,
independently of netfuzz's encoder (src/route/encode.c), and the answers a
correct decoder must give for them.

usage: bsd_dump.py write darwin|darwin2|freebsd OUT   write a dump of TABLE (routes, then ARP entries)
       bsd_dump.py probes                             print the lookup probes, one per line
       bsd_dump.py check darwin|darwin2|freebsd ROUTES.json LOOKUP.ndjson
                                                      compare `netfuzz routes --json` and
                                                      `netfuzz routes lookup @probes --json` with
                                                      what TABLE says; exit 1 on any difference

Every layout below is taken from the headers, field by field (little-endian,
as on x86-64 and arm64):

XNU (apple/darwin-xnu, bsd/net/route.h):
  struct rt_metrics   14 x u_int32_t (rmx_locks, rmx_mtu, rmx_hopcount,
                      rmx_expire, rmx_recvpipe, rmx_sendpipe, rmx_ssthresh,
                      rmx_rtt, rmx_rttvar, rmx_pksent, rmx_state,
                      rmx_filler[3]) = 56 bytes
  struct rt_msghdr    u_short msglen; u_char version, type; u_short index;
                      (2 bytes padding) int flags, addrs; pid_t pid; int seq,
                      errno, use; u_int32_t inits; struct rt_metrics rmx
                      -> 36 + 56 = 92 bytes, rmx_expire at 36 + 12 = 48
  struct rt_msghdr2   as rt_msghdr with pid/seq/errno replaced by int32_t
                      refcnt, int parentflags, int reserved: also 92 bytes
  RTM_VERSION 5, RTM_GET 0x4, RTM_GET2 0x14 (NET_RT_DUMP2)
  sockaddrs follow in RTA_* bit order, each padded by bsd/net/rtsock.c
  ROUNDUP32(a) = a > 0 ? 1 + ((a - 1) | 3) : 4
XNU bsd/sys/socket.h: AF_INET 2, AF_LINK 18, AF_INET6 30
XNU bsd/net/if_dl.h: struct sockaddr_dl { u_char sdl_len, sdl_family;
  u_short sdl_index; u_char sdl_type, sdl_nlen, sdl_alen, sdl_slen;
  char sdl_data[12]; } (20 bytes; longer when name + address need it)

FreeBSD (sys/net/route.h, LP64):
  struct rt_metrics   14 x u_long (rmx_locks, rmx_mtu, rmx_hopcount,
                      rmx_expire, rmx_recvpipe, rmx_sendpipe, rmx_ssthresh,
                      rmx_rtt, rmx_rttvar, rmx_pksent, rmx_weight, rmx_nhidx,
                      rmx_filler[2]) = 112 bytes
  struct rt_msghdr    u_short msglen; u_char version, type; u_short index;
                      u_short _rtm_spare1; int flags, addrs; pid_t pid; int
                      seq, errno, fmask; u_long inits; struct rt_metrics rmx
                      -> 40 + 112 = 152 bytes, rmx_expire at 40 + 24 = 64
  SA_SIZE(sa) = sa_len 0 ? sizeof(long) : 1 + ((sa_len - 1) | (sizeof(long) - 1))
FreeBSD sys/sys/socket.h: AF_INET 2, AF_LINK 18, AF_INET6 28
FreeBSD sys/net/if_dl.h: struct sockaddr_dl as XNU's with sdl_data[46] (54 bytes)

Both: RTA_DST 0x1, RTA_GATEWAY 0x2, RTA_NETMASK 0x4, RTA_IFP 0x10, RTA_IFA
0x20; RTF_UP 0x1, RTF_GATEWAY 0x2, RTF_HOST 0x4, RTF_STATIC 0x800,
RTF_BLACKHOLE 0x1000, RTF_LLINFO 0x400, RTF_CLONING 0x100 (XNU),
RTF_IFSCOPE 0x1000000 (XNU).  A netmask is written as the kernel's radix
code keeps it: sa_len counts the bytes up to the last non-zero one, family
0, so 255.255.255.0 is a 7-byte sockaddr and /0 a 0-length one.
"""
import ipaddress
import json
import struct
import sys

RTM_VERSION, RTM_GET, RTM_GET2 = 5, 0x4, 0x14
RTA_DST, RTA_GATEWAY, RTA_NETMASK, RTA_IFP, RTA_IFA = 0x1, 0x2, 0x4, 0x10, 0x20
RTF_UP, RTF_GATEWAY, RTF_HOST, RTF_CLONING = 0x1, 0x2, 0x4, 0x100
RTF_LLINFO, RTF_STATIC, RTF_BLACKHOLE, RTF_IFSCOPE = 0x400, 0x800, 0x1000, 0x1000000
IFT_ETHER, IFT_LOOP = 6, 0x18

ABI = {
    #          header  rmx_expire (offset, size)  sa align  AF_INET6  sdl_data
    "darwin":  dict(hdr=92, expire=(48, 4), align=4, inet6=30, sdl=12, type=RTM_GET),
    "darwin2": dict(hdr=92, expire=(48, 4), align=4, inet6=30, sdl=12, type=RTM_GET2),
    "freebsd": dict(hdr=152, expire=(64, 8), align=8, inet6=28, sdl=46, type=RTM_GET),
}

IFACES = {4: ("en0", "a4:83:e7:01:02:03"), 1: ("lo0", None), 7: ("en1", "a4:83:e7:0a:0b:0c")}

# The table: (dst, gateway, ifindex, flags, kind).  gateway "link" is an
# interface route whose gateway is the interface's own sockaddr_dl, as the
# kernel writes connected routes.  Every route carries RTA_IFP, so ifname is
# known from the message itself.
ROUTES = [
    ("0.0.0.0/0", "192.168.1.1", 4, RTF_UP | RTF_GATEWAY | RTF_STATIC, "unicast"),
    ("10.0.0.0/8", "192.168.1.254", 4, RTF_UP | RTF_GATEWAY | RTF_STATIC, "unicast"),
    ("10.1.2.0/24", "192.168.1.253", 4, RTF_UP | RTF_GATEWAY | RTF_STATIC, "unicast"),
    ("192.168.1.0/24", "link", 4, RTF_UP | RTF_CLONING, "unicast"),
    ("198.51.100.7/32", "192.168.1.1", 4, RTF_UP | RTF_GATEWAY | RTF_HOST | RTF_STATIC, "unicast"),
    ("203.0.113.0/24", "127.0.0.1", 1, RTF_UP | RTF_STATIC | RTF_BLACKHOLE, "blackhole"),
    ("192.168.2.0/24", "192.168.2.1", 7, RTF_UP | RTF_GATEWAY | RTF_IFSCOPE, "unicast"),
    ("::/0", "2001:db8::1", 4, RTF_UP | RTF_GATEWAY | RTF_STATIC, "unicast"),
    ("2001:db8:1::/48", "2001:db8::2", 4, RTF_UP | RTF_GATEWAY | RTF_STATIC, "unicast"),
]
# ARP entries (NET_RT_FLAGS with RTF_LLINFO): (ip, lladdr or None, ifindex, rmx_expire)
NEIGHBORS = [
    ("192.168.1.1", "02:42:00:00:00:01", 4, 1200),   # dynamic: REACHABLE
    ("192.168.1.2", "02:42:00:00:00:02", 4, 0),      # no expiry: PERMANENT
    ("192.168.1.9", None, 4, 1200),                  # sdl_alen 0: INCOMPLETE
]
# Lookup probes and the route each must return (RTF_IFSCOPE routes serve
# scoped lookups only, so an unscoped lookup never returns 192.168.2.0/24).
PROBES = [
    ("8.8.8.8", "0.0.0.0/0"),
    ("10.9.9.9", "10.0.0.0/8"),
    ("10.1.2.3", "10.1.2.0/24"),
    ("10.1.3.3", "10.0.0.0/8"),
    ("198.51.100.7", "198.51.100.7/32"),
    ("198.51.100.8", "0.0.0.0/0"),
    ("192.168.1.77", "192.168.1.0/24"),
    ("192.168.2.5", "0.0.0.0/0"),
    ("203.0.113.9", "203.0.113.0/24"),
    ("2001:db8:1:2::5", "2001:db8:1::/48"),
    ("2001:db9::1", "::/0"),
]


def roundup(n, align):
    return align if n == 0 else 1 + ((n - 1) | (align - 1))


def sa_in(addr):
    return struct.pack("<BBH4s8x", 16, 2, 0, ipaddress.IPv4Address(addr).packed)


def sa_in6(addr, abi):
    return struct.pack("<BBHI16sI", 28, abi["inet6"], 0, 0, ipaddress.IPv6Address(addr).packed, 0)


def sa_mask(net, abi):
    """The netmask as the radix tree keeps it: trailing zero bytes dropped."""
    full = sa_in(str(net.netmask)) if net.version == 4 else sa_in6(str(net.netmask), abi)
    body = full.rstrip(b"\0")
    if len(body) <= 2:   # /0: no mask bytes at all
        return b""
    return bytes([len(body), 0]) + body[2:]


def sa_dl(index, abi, name="", lladdr=None):
    mac = bytes.fromhex(lladdr.replace(":", "")) if lladdr else b""
    data = name.encode() + mac
    size = max(8 + abi["sdl"], 8 + len(data))
    iftype = IFT_LOOP if name == "lo0" else IFT_ETHER
    return struct.pack("<BBHBBBB", size, 18, index, iftype, len(name), len(mac), 0) + \
        data.ljust(size - 8, b"\0")


def message(abi, index, flags, sockaddrs, expire=0):
    """rt_msghdr (or rt_msghdr2) + sockaddrs; sockaddrs: {RTA bit: bytes}."""
    addrs = 0
    body = b""
    for bit in (RTA_DST, RTA_GATEWAY, RTA_NETMASK, 0x8, RTA_IFP, RTA_IFA, 0x40, 0x80):
        if bit in sockaddrs:
            sa = sockaddrs[bit]
            addrs |= bit
            body += sa.ljust(roundup(len(sa), abi["align"]), b"\0")
    hdr = bytearray(abi["hdr"])
    struct.pack_into("<HBBH", hdr, 0, abi["hdr"] + len(body), RTM_VERSION, abi["type"], index)
    struct.pack_into("<ii", hdr, 8, flags, addrs)
    off, size = abi["expire"]
    struct.pack_into("<I" if size == 4 else "<Q", hdr, off, expire)
    return bytes(hdr) + body


def dump(os_name):
    abi = ABI[os_name]
    out = b""
    for dst, gw, ifindex, flags, _ in ROUTES:
        if os_name == "freebsd" and flags & RTF_IFSCOPE:
            continue  # FreeBSD has no RTF_IFSCOPE (0x1000000 is RTF_FIXEDMTU there)
        net = ipaddress.ip_network(dst)
        name, mac = IFACES[ifindex]
        sa = {RTA_DST: sa_in(str(net.network_address)) if net.version == 4
              else sa_in6(str(net.network_address), abi)}
        if gw == "link":
            sa[RTA_GATEWAY] = sa_dl(ifindex, abi)
        else:
            sa[RTA_GATEWAY] = sa_in(gw) if ":" not in gw else sa_in6(gw, abi)
        if not flags & RTF_HOST:
            sa[RTA_NETMASK] = sa_mask(net, abi)
        sa[RTA_IFP] = sa_dl(ifindex, abi, name, mac)
        out += message(abi, ifindex, flags, sa)
    for ip, lladdr, ifindex, expire in NEIGHBORS:
        sa = {RTA_DST: sa_in(ip), RTA_GATEWAY: sa_dl(ifindex, abi, "", lladdr)}
        out += message(abi, ifindex, RTF_UP | RTF_HOST | RTF_LLINFO, sa, expire)
    return out


def expected(os_name):
    routes = []
    for dst, gw, ifindex, flags, kind in ROUTES:
        if os_name == "freebsd" and flags & RTF_IFSCOPE:
            continue
        routes.append({"dst": dst, "gateway": "link#%d" % ifindex if gw == "link" else gw,
                       "ifindex": ifindex, "ifname": IFACES[ifindex][0], "type": kind})
    # An ARP entry's gateway is a sockaddr_dl with sdl_index and the
    # hardware address but no name (XNU bsd/netinet/in_arp.c fills only
    # index and type), and it carries no RTA_IFP: a dump alone does not
    # name the interface, so ifname is null.
    neighbors = [{"ip": ip, "lladdr": mac, "ifindex": ix, "ifname": None,
                  "state": ["INCOMPLETE"] if mac is None else ["PERMANENT"] if exp == 0 else ["REACHABLE"]}
                 for ip, mac, ix, exp in NEIGHBORS]
    return routes, neighbors


def check(os_name, routes_json, lookup_ndjson):
    want_r, want_n = expected(os_name)
    got = json.load(open(routes_json))
    bad = []
    keys_r, keys_n = ("dst", "gateway", "ifindex", "ifname", "type"), ("ip", "lladdr", "ifindex", "ifname", "state")
    got_r = [{k: r.get(k) for k in keys_r} for r in got["routes"]]
    got_n = [{k: n.get(k) for k in keys_n} for n in got["neighbors"]]
    if got_r != want_r:
        bad += ["route %d: want %s, got %s" % (i, w, g) for i, (w, g) in enumerate(zip(want_r, got_r)) if w != g]
        if len(got_r) != len(want_r):
            bad.append("%d routes decoded, %d written" % (len(got_r), len(want_r)))
    if got_n != want_n:
        bad.append("neighbours: want %s, got %s" % (want_n, got_n))
    answers = [json.loads(line) for line in open(lookup_ndjson) if line.strip()]
    if len(answers) != len(PROBES):
        bad.append("%d lookup answers for %d probes" % (len(answers), len(PROBES)))
    for (addr, want), a in zip(PROBES, answers):
        got_dst = (a.get("route") or {}).get("dst")
        if a.get("addr") != addr or got_dst != want:
            bad.append("lookup %s: want route %s, got %s (%s)" % (addr, want, got_dst, a.get("result")))
    for b in bad:
        print("# " + b)
    print("%s: %d routes, %d neighbours, %d lookups checked; %d difference(s)"
          % (os_name, len(want_r), len(want_n), len(PROBES), len(bad)))
    return 1 if bad or not want_r or not PROBES else 0


def main(argv):
    if len(argv) == 4 and argv[1] == "write" and argv[2] in ABI:
        open(argv[3], "wb").write(dump(argv[2]))
        return 0
    if len(argv) == 2 and argv[1] == "probes":
        print("\n".join(p for p, _ in PROBES))
        return 0
    if len(argv) == 5 and argv[1] == "check" and argv[2] in ABI:
        return check(argv[2], argv[3], argv[4])
    sys.stderr.write(__doc__.split("\n\n")[1] + "\n")
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
