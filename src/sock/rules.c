/* The behaviour model's rules: each prediction names one, and a divergence
 * prints it with its citation.  docs/sockets.md lists them with the same
 * ids.  "Allowed differences" (ALLOW-*) widen a prediction to a set;
 * "outside the model" (OUT-*) skip a call, which is then not run. */
#include "netfuzz/sock.h"

#include <string.h>

static const struct nf_sock_rule rules[] = {
	{"SOCKET", "socket(AF_INET|AF_INET6, SOCK_DGRAM) succeeds; a new socket is unbound and unconnected",
	 "POSIX socket(); udp(7)"},
	{"V6ONLY-DEFAULT", "a new AF_INET6 socket is dual-stack (IPV6_V6ONLY 0) on linux and macos, v6-only on freebsd",
	 "RFC 3493 5.3; Linux ipv6(7) and ip-sysctl.rst bindv6only=0; FreeBSD ip6(4) net.inet6.ip6.v6only=1"},
	{"V6ONLY-BOUND", "IPV6_V6ONLY cannot change once the socket has a local port: EINVAL",
	 "Linux ipv6(7) IPV6_V6ONLY; net/ipv6/ipv6_sockglue.c (inet_num check)"},
	{"OPT-LEVEL", "an IPPROTO_IPV6 option on an AF_INET socket: ENOPROTOOPT",
	 "POSIX setsockopt() ENOPROTOOPT; Linux ip_setsockopt()"},
	{"OPT-SET", "SO_REUSEADDR, SO_REUSEPORT, IP[V6]_MULTICAST_LOOP, SO_RCVBUF, IP[V6]_RECVERR succeed and take effect",
	 "socket(7); ip(7); ipv6(7)"},
	{"RCVBUF", "SO_RCVBUF v sets the buffer to max(2*min(v, rmem_max), floor)", "socket(7) SO_RCVBUF"},
	{"JOIN", "joining the group on the namespace's interface succeeds; joining it twice on one socket: EADDRINUSE",
	 "RFC 3493 5.2 IPV6_JOIN_GROUP; ip(7) IP_ADD_MEMBERSHIP; Linux ip_mc_join_group()/ipv6_sock_mc_join()"},
	{"BIND-BOUND", "bind on a socket that already has a local port (bound, or bound by a send or connect): EINVAL",
	 "POSIX bind() EINVAL; Linux inet_bind()"},
	{"BIND-NOTLOCAL", "bind to an address no interface has: EADDRNOTAVAIL", "POSIX bind() EADDRNOTAVAIL"},
	{"BIND-MAPPED-V6ONLY", "bind to a v4-mapped address on a v6-only socket: EINVAL",
	 "RFC 3493 5.3; Linux __inet6_bind()"},
	{"BIND-V6-ONLY", "binding an AF_INET6 socket to a specific IPv6 (not mapped) address makes it v6-only",
	 "RFC 3493 3.7; Linux __inet6_bind() (sk_ipv6only = 1)"},
	{"BIND-INUSE",
	 "bind to a port another socket holds fails EADDRINUSE when their addresses overlap (wildcards and the "
	 "dual-stack [::] cover IPv4) unless both set SO_REUSEADDR or both SO_REUSEPORT",
	 "POSIX bind() EADDRINUSE; RFC 3493 3.7; socket(7) SO_REUSEADDR/SO_REUSEPORT; Linux inet_rcv_saddr_equal()"},
	{"BIND", "bind to a local or unspecified address and a free port succeeds", "POSIX bind(); udp(7)"},
	{"AUTOBIND", "connect or any send on an unbound socket first binds it to an ephemeral port, even when the call "
		     "then fails",
	 "udp(7) (automatically bound); Linux inet_send_prepare(), inet_dgram_connect()"},
	{"CONNECT", "connect sets the peer; an unspecified local address becomes the route's source address",
	 "POSIX connect() (datagram sockets); udp(7); Linux __ip4_datagram_connect(), ip6_datagram_dst_update()"},
	{"ANY-IS-SELF", "connect/send to 0.0.0.0 or :: means this host (127.0.0.1 / ::1)",
	 "RFC 1122 3.2.1.3(a); Linux ip_route_output (daddr 0), __ip6_datagram_connect()"},
	{"MAPPED-V6ONLY", "a v4-mapped destination on a v6-only socket: ENETUNREACH",
	 "RFC 3493 5.3; RFC 4038 4.2; Linux udpv6_sendmsg(), __ip6_datagram_connect()"},
	{"MAPPED-LOCAL", "an AF_INET6 socket whose local address is v4-mapped cannot reach an IPv6 destination: "
			 "EAFNOSUPPORT",
	 "RFC 3493 3.7; RFC 4038 4.2; Linux __ip6_datagram_connect(), udpv6_sendmsg()"},
	{"SEND-NODEST", "send without a destination on an unconnected socket: EDESTADDRREQ (macos: ENOTCONN)",
	 "POSIX send() EDESTADDRREQ; udp(7); XNU udp_output"},
	{"SEND-PORT0", "sendto port 0: EINVAL", "Linux udp_sendmsg()/udpv6_sendmsg() (dport == 0)"},
	{"SEND-SIZE", "a payload over 65507 (IPv4) or 65527 (IPv6) bytes: EMSGSIZE",
	 "RFC 768; RFC 791 total length; RFC 8200 3 payload length; POSIX sendto() EMSGSIZE"},
	{"ASYNC-ERR", "a pending asynchronous error (ECONNREFUSED) is returned, and cleared, by the next send or receive",
	 "POSIX 2.10.10 (pending error); socket(7) SO_ERROR; udp(7)"},
	{"SEND-SHUT", "send after shutdown(SHUT_WR): EPIPE", "POSIX send() EPIPE; Linux sock_alloc_send_pskb()"},
	{"SEND", "a send returns the whole length: UDP never sends part of a datagram", "POSIX send(); RFC 768"},
	{"SENDTO-CONNECTED", "sendto with an address on a connected socket sends there (linux)",
	 "POSIX sendto() (EISCONN allowed); Linux udp_sendmsg()"},
	{"MULTICAST-SRC", "a send to a group from an unbound or interface-bound socket leaves on the group's interface "
			  "with that interface's address",
	 "RFC 1112 6.1; ip(7) IP_MULTICAST_IF; RFC 6724 source selection"},
	{"DELIVER", "a unicast datagram goes to the socket bound to its port whose address matches best (a specific "
		    "address before the wildcard; a connected socket only from its peer)",
	 "RFC 768; RFC 1122 4.1.3.4; Linux __udp4_lib_lookup()/__udp6_lib_lookup() (compute_score)"},
	{"DUAL-STACK", "an IPv4 datagram reaches a dual-stack AF_INET6 socket, its source shown as ::ffff:a.b.c.d",
	 "RFC 3493 3.7; RFC 4038 4.2; ipv6(7)"},
	{"RECV-SRC", "the source address and port are the sender's (its bound or route-chosen address)",
	 "RFC 768; POSIX recvfrom(); RFC 6724"},
	{"MCAST-DELIVER", "a datagram to a group the host joined, with loop on, reaches every socket bound to the "
			  "port with a wildcard (or the group's) address, joined or not (IP[V6]_MULTICAST_ALL on)",
	 "RFC 1112 6.1; ip(7) IP_MULTICAST_LOOP, IP_MULTICAST_ALL; ipv6(7) IPV6_MULTICAST_LOOP, IPV6_MULTICAST_ALL"},
	{"MCAST-ALL-V6", "an AF_INET6 socket receives IPv4 multicast only for groups it joined itself: its "
			 "IPv4 IP_MULTICAST_ALL starts off (the IPv6 one on)",
	 "ip(7) IP_MULTICAST_ALL; Linux inet6_create() (sets only the IPv6 mc_all)"},
	{"MCAST-NOLOOP", "with IP[V6]_MULTICAST_LOOP off (of the sending socket's family) no local copy is delivered",
	 "RFC 1112 6.1; ip(7), ipv6(7) (sk_mc_loop uses the socket's family)"},
	{"MCAST-NOMEMBER", "a datagram to a group no socket on the host joined is not delivered", "RFC 1112 6.2"},
	{"ICMP-REFUSED",
	 "a datagram to a port nobody holds draws an ICMP port unreachable; the sending socket gets ECONNREFUSED "
	 "if it is connected or has IP[V6]_RECVERR on",
	 "RFC 1122 4.1.3.3; RFC 792; RFC 4443 3.1; udp(7); ip(7) IP_RECVERR; ipv6(7) IPV6_RECVERR"},
	{"RECV-EMPTY", "receive on an empty queue: EAGAIN (the socket is non-blocking)", "POSIX recv() EAGAIN"},
	{"RECV", "a receive returns one whole datagram, cut to the buffer (the rest discarded, MSG_TRUNC in "
		 "msg_flags); MSG_TRUNC returns the real length; MSG_PEEK leaves it queued",
	 "POSIX recvmsg() MSG_TRUNC, MSG_PEEK; Linux recv(2) MSG_TRUNC; udp(7)"},
	{"RECV-ORDER", "datagrams from one sender to one socket arrive in order on loopback", "Linux loopback (netif_rx)"},
	{"SHUT-NOTCONN", "shutdown on an unconnected socket: ENOTCONN (Linux still records the shutdown)",
	 "POSIX shutdown() ENOTCONN; Linux inet_shutdown()"},
	{"SHUTDOWN", "shutdown on a connected socket succeeds", "POSIX shutdown()"},
	{"CLOSE", "close frees the port and discards queued datagrams", "POSIX close(); udp(7)"},
	{"ALLOW-RCVBUF", "a datagram may be dropped when the receiving socket's buffer could be full (its charge "
			 "per datagram is not fixed)",
	 "socket(7) SO_RCVBUF; udp(7); Linux __udp_enqueue_schedule_skb()"},
	{"ALLOW-ONE-OF", "when several sockets share the address and port (SO_REUSEADDR/SO_REUSEPORT), any one of "
			 "them may receive a unicast datagram",
	 "socket(7) SO_REUSEPORT; Linux compute_score() (incoming CPU), reuseport_select_sock()"},
	{"ALLOW-REUSEPORT-ORDER",
	 "linux: when the newest socket whose address overlaps is a SO_REUSEPORT match but an older one clashes, bind "
	 "may succeed or fail EADDRINUSE (the port chain is walked from its head: newest first, except that an AF_INET6 "
	 "socket bound with SO_REUSEPORT joins at the tail; some SO_REUSEPORT matches end the walk)",
	 "Linux net/ipv4/udp.c udp_lib_lport_inuse() (returns 0 at a SO_REUSEPORT match), udp_lib_get_port() "
	 "(sk_add_node_rcu(), include/net/sock.h: at the chain's head, at its tail for AF_INET6 with SO_REUSEPORT); "
	 "measured, docs/sockets.md"},
	{"ALLOW-ICMP-LIMIT", "outside our namespace ICMP errors may be rate limited, so ECONNREFUSED may not come",
	 "RFC 1812 4.3.2.8; RFC 4443 2.4(f); ip-sysctl.rst icmp_ratelimit"},
	{"OUT-BIND-GROUP", "bind to a multicast group address: outside the model (not run)", "docs/sockets.md"},
	{"OUT-MCAST-LOOPBACK-SRC", "a send to a group from a loopback-bound socket: outside the model (not run)",
	 "docs/sockets.md"},
	{"OUT-LOOPBACK-ONLY", "without our namespace, calls that reach a non-loopback address are not run",
	 "docs/sockets.md (network rule)"},
	{"OUT-QUEUE", "more than the model's queue length of datagrams queued on one socket: not run",
	 "docs/sockets.md"},
};

const struct nf_sock_rule *nf_sock_rule(const char *id)
{
	for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++)
		if (!strcmp(rules[i].id, id))
			return &rules[i];
	return NULL;
}

const struct nf_sock_rule *nf_sock_rule_at(size_t i)
{
	return i < sizeof rules / sizeof rules[0] ? &rules[i] : NULL;
}
