#!/usr/bin/env python3
"""Seeds for the sock_udp target (include/netfuzz/sock.h), written
deterministically: small, ordinary programs, one idea each.  No seed
reproduces a known quirk (issue 23: the fuzzer must find those itself).

  python3 corpora/gen_sock_udp.py [corpora/sock_udp]
"""
import os
import sys

SOCKET, SETSOCKOPT, BIND, CONNECT, SENDTO, SEND, RECV, SHUTDOWN, CLOSE = range(9)
# address indices, per family (src/sock/addr.c)
LO4, ANY4, IF4, GRP4 = 0, 1, 2, 3
LO6, ANY6, IF6, GRP6, M_LO, M_ANY, M_IF, M_GRP = range(8)
V4, V6 = 0, 1
# setsockopt menu
V6ONLY, REUSEADDR, REUSEPORT, MLOOP, JOIN, RCVBUF, RECVERR = range(7)
# send lengths: index into nf_sock_send_len (0, 1, 5, 64, 1472, ...)
L0, L1, L5, L64, L1472 = range(5)
# recv buffers: index into nf_sock_recv_len (0, 1, 4, 64, 1500, 65536)
B64, B1500, B64K = 3, 4, 5
PORT0 = 0


def port(slot):
    return slot + 1


def op(code, slot, a=0, b=0, c=0, d=0):
    return bytes([code, slot, a, b, c, d])


SEEDS = {
    # one send/receive per family
    "udp4-loopback": [op(SOCKET, 0, V4), op(BIND, 0, LO4, PORT0), op(SOCKET, 1, V4),
                      op(SENDTO, 1, LO4, port(0), L64), op(RECV, 0, c=B1500)],
    "udp6-loopback": [op(SOCKET, 0, V6), op(BIND, 0, LO6, PORT0), op(SOCKET, 1, V6),
                      op(SENDTO, 1, LO6, port(0), L64), op(RECV, 0, c=B1500)],
    # one dual-stack exchange: an IPv4 sender, an AF_INET6 [::] receiver
    "dualstack": [op(SOCKET, 0, V6), op(SETSOCKOPT, 0, V6ONLY, 0), op(BIND, 0, ANY6, PORT0),
                  op(SOCKET, 1, V4), op(SENDTO, 1, LO4, port(0), L64), op(RECV, 0, c=B1500, d=4)],
    # connected sockets both ways, send() and recv()
    "connected4": [op(SOCKET, 0, V4), op(BIND, 0, LO4, PORT0), op(SOCKET, 1, V4),
                   op(CONNECT, 1, LO4, port(0)), op(SEND, 1, c=L5), op(RECV, 0, c=B64),
                   op(CONNECT, 0, LO4, port(1)), op(SEND, 0, c=L5, d=1), op(RECV, 1, c=B64)],
    "interface6": [op(SOCKET, 0, V6), op(BIND, 0, IF6, PORT0), op(SOCKET, 1, V6),
                   op(SENDTO, 1, IF6, port(0), L1472, 1), op(RECV, 0, c=B64K, d=4)],
    "multicast4": [op(SOCKET, 0, V4), op(SETSOCKOPT, 0, JOIN, 0), op(BIND, 0, ANY4, PORT0),
                   op(SOCKET, 1, V4), op(SENDTO, 1, GRP4, port(0), L64), op(RECV, 0, c=B1500)],
    "reuseaddr": [op(SOCKET, 0, V4), op(SETSOCKOPT, 0, REUSEADDR, 1), op(BIND, 0, ANY4, PORT0),
                  op(SOCKET, 1, V4), op(SETSOCKOPT, 1, REUSEADDR, 1), op(CLOSE, 1),
                  op(SOCKET, 2, V4), op(SENDTO, 2, LO4, port(0), L1), op(RECV, 0, c=B64)],
    # SO_REUSEPORT set on two sockets, each on its own port (load-balancing set-up)
    "reuseport": [op(SOCKET, 0, V4), op(SETSOCKOPT, 0, REUSEPORT, 1), op(BIND, 0, ANY4, PORT0),
                  op(SOCKET, 1, V4), op(SETSOCKOPT, 1, REUSEPORT, 1), op(BIND, 1, ANY4, PORT0),
                  op(SOCKET, 2, V4), op(SENDTO, 2, LO4, port(1), L64), op(RECV, 1, c=B1500)],
    # IPv6 multicast with the loop option set explicitly (on, as most senders do)
    "multicast6": [op(SOCKET, 0, V6), op(SETSOCKOPT, 0, JOIN, 0), op(BIND, 0, ANY6, PORT0),
                   op(SOCKET, 1, V6), op(SETSOCKOPT, 1, MLOOP, 1), op(SENDTO, 1, GRP6, port(0), L64),
                   op(RECV, 0, c=B1500)],
    # the port chain's order (rule ALLOW-REUSEPORT-ORDER, docs/sockets.md): s2 binds
    # the port that s1 (newest, SO_REUSEPORT) and s0 (older, SO_REUSEADDR only) hold
    "reuseport-first-match": [op(SOCKET, 0, V4), op(SETSOCKOPT, 0, REUSEADDR, 1), op(BIND, 0, LO4, PORT0),
                              op(SOCKET, 1, V4), op(SETSOCKOPT, 1, REUSEADDR, 1), op(BIND, 1, ANY4, port(0)),
                              op(SETSOCKOPT, 1, REUSEADDR, 0), op(SETSOCKOPT, 1, REUSEPORT, 1),
                              op(SOCKET, 2, V4), op(SETSOCKOPT, 2, REUSEPORT, 1), op(BIND, 2, ANY4, port(0))],
    # ... and with the clashing socket the newest: EADDRINUSE, exactly
    "reuseport-older-clash": [op(SOCKET, 1, V4), op(SETSOCKOPT, 1, REUSEADDR, 1), op(SETSOCKOPT, 1, REUSEPORT, 1),
                              op(BIND, 1, ANY4, PORT0), op(SOCKET, 0, V4), op(SETSOCKOPT, 0, REUSEADDR, 1),
                              op(BIND, 0, LO4, port(1)), op(SETSOCKOPT, 1, REUSEADDR, 0),
                              op(SOCKET, 2, V4), op(SETSOCKOPT, 2, REUSEPORT, 1), op(BIND, 2, ANY4, port(1))],
    # an AF_INET6 socket bound with SO_REUSEPORT joins the port chain at its tail:
    # s0 (::1) is walked before s1 ([::], newer) when s2 binds ::1 (docs/sockets.md)
    "reuseport6-tail": [op(SOCKET, 0, V6), op(BIND, 0, LO6, PORT0), op(SETSOCKOPT, 0, REUSEPORT, 1),
                        op(SOCKET, 1, V6), op(SETSOCKOPT, 1, REUSEPORT, 1), op(BIND, 1, ANY6, port(0)),
                        op(SOCKET, 2, V6), op(SETSOCKOPT, 2, REUSEPORT, 1), op(SETSOCKOPT, 1, REUSEPORT, 0),
                        op(BIND, 2, LO6, port(0))],
    "shutdown-close": [op(SOCKET, 0, V4), op(BIND, 0, LO4, PORT0), op(SOCKET, 1, V4),
                       op(SENDTO, 1, LO4, port(0), L64), op(SHUTDOWN, 1, 1), op(CLOSE, 1),
                       op(RECV, 0, c=B64, d=1), op(RECV, 0, c=B64)],
}


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "sock_udp")
    os.makedirs(out, exist_ok=True)
    for name, ops in sorted(SEEDS.items()):
        with open(os.path.join(out, name), "wb") as f:
            f.write(b"".join(ops))
    print(f"gen_sock_udp: {len(SEEDS)} seeds in {out}")


if __name__ == "__main__":
    main()
