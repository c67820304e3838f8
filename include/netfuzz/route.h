/* Route and ARP/neighbour tables: one model for Darwin and FreeBSD
 * routing-socket dumps, Linux rtnetlink streams and /proc/net text tables,
 * plus a longest-prefix-match lookup, an encoder and a live rtnetlink dump.
 *
 *   bytes --(nf_route_decode_*)--> struct nf_rtable --> nf_route_lookup()
 *                                        |          --> nf_route_encode()
 *   kernel --(nf_route_live_dump)--------+
 *
 * Decoders are pure: a cursor in, entries appended to the table, an error
 * value out.  A malformed dump is decoded up to the bad record; the error
 * names that record (index and offset), what is wrong, and whether the
 * decoder could skip it and go on (resynchronise).  Decoders never loop on a
 * zero length and never read past the cursor. */
#ifndef NETFUZZ_ROUTE_H
#define NETFUZZ_ROUTE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "netfuzz/cursor.h"

/* ------------------------------------------------------------------ model */

#define NF_RT_IFNAMSIZ 16      /* IFNAMSIZ on Linux, Darwin and FreeBSD */
#define NF_RT_LLADDR_MAX 32    /* MAX_ADDR_LEN, linux/netdevice.h */
#define NF_RT_MAX_NEXTHOPS 16  /* kept per route; more are counted, not stored */

/* Address kinds (our own numbering: AF_* values differ between OSes). */
enum nf_addr_kind { NF_ADDR_NONE = 0, NF_ADDR_IPV4 = 4, NF_ADDR_IPV6 = 6, NF_ADDR_LINK = 18 };

struct nf_addr {
	uint8_t kind;              /* enum nf_addr_kind */
	uint8_t len;               /* bytes used in a[]: 4, 16, or the link address length */
	uint32_t index;            /* NF_ADDR_LINK: sockaddr_dl sdl_index ("link#N") */
	uint8_t a[NF_RT_LLADDR_MAX];
	uint16_t lltype;           /* NF_ADDR_LINK: sdl_type (BSD IFT_*, 6 = Ethernet) or
				      ifi_type (Linux ARPHRD_*, 1 = Ethernet); 0 unknown */
};

/* Where the table came from: flag bits and names differ per OS. */
enum nf_rt_os { NF_RTOS_LINUX = 0, NF_RTOS_DARWIN, NF_RTOS_FREEBSD };

/* Route types: the Linux RTN_* values (linux/rtnetlink.h); BSD flags map
 * onto them (RTF_BLACKHOLE -> BLACKHOLE, RTF_REJECT -> UNREACHABLE,
 * RTF_LOCAL -> LOCAL, RTF_BROADCAST -> BROADCAST, RTF_MULTICAST -> MULTICAST). */
enum nf_rt_type {
	NF_RTN_UNSPEC = 0, NF_RTN_UNICAST, NF_RTN_LOCAL, NF_RTN_BROADCAST, NF_RTN_ANYCAST,
	NF_RTN_MULTICAST, NF_RTN_BLACKHOLE, NF_RTN_UNREACHABLE, NF_RTN_PROHIBIT, NF_RTN_THROW,
	NF_RTN_NAT, NF_RTN_XRESOLVE,
};

/* Linux routing table ids (linux/rtnetlink.h enum rt_class_t).  BSD routes
 * are put in NF_RT_TABLE_MAIN. */
#define NF_RT_TABLE_DEFAULT 253
#define NF_RT_TABLE_MAIN 254
#define NF_RT_TABLE_LOCAL 255

struct nf_nexthop {
	struct nf_addr gw;         /* NONE for a device-only nexthop */
	uint32_t ifindex;
	char ifname[NF_RT_IFNAMSIZ];
	uint16_t weight;           /* rtnh_hops + 1 */
	uint8_t flags;             /* rtnh_flags: RTNH_F_* */
};

struct nf_route {
	struct nf_addr dst;        /* NONE/zero with prefix 0: default route */
	uint8_t prefix;            /* prefix length; 32/128 for a host route */
	uint8_t family;            /* NF_ADDR_IPV4 or NF_ADDR_IPV6 */
	uint8_t type;              /* enum nf_rt_type */
	uint8_t protocol, scope;   /* Linux rtm_protocol / rtm_scope; 0 for BSD */
	struct nf_addr gw;         /* NONE, IP, or (BSD) a link address */
	struct nf_addr prefsrc;    /* RTA_PREFSRC, or the BSD RTA_IFA */
	uint32_t ifindex;
	char ifname[NF_RT_IFNAMSIZ];  /* empty when unknown */
	uint32_t flags;            /* raw OS flags: RTF_* (BSD) or RTM_F/RTNH_F_* (Linux) */
	uint32_t metric;           /* RTA_PRIORITY; 0 for BSD */
	uint32_t table;            /* RTA_TABLE / rtm_table; NF_RT_TABLE_MAIN for BSD */
	uint32_t expire;           /* BSD rmx_expire (seconds), 0 = none */
	uint16_t nnexthops;        /* stored in nh[] (RTA_MULTIPATH) */
	uint16_t nh_dropped;       /* nexthops beyond NF_RT_MAX_NEXTHOPS */
	struct nf_nexthop nh[NF_RT_MAX_NEXTHOPS];
};

/* Neighbour states: the Linux NUD_* bits (linux/neighbour.h).  BSD entries
 * map to PERMANENT (no expiry), INCOMPLETE (sdl_alen 0) or REACHABLE. */
#define NF_NUD_INCOMPLETE 0x01
#define NF_NUD_REACHABLE 0x02
#define NF_NUD_STALE 0x04
#define NF_NUD_DELAY 0x08
#define NF_NUD_PROBE 0x10
#define NF_NUD_FAILED 0x20
#define NF_NUD_NOARP 0x40
#define NF_NUD_PERMANENT 0x80

struct nf_neigh {
	struct nf_addr ip;
	struct nf_addr lladdr;     /* kind LINK; len 0 = "(incomplete)" */
	uint32_t ifindex;
	char ifname[NF_RT_IFNAMSIZ];
	uint16_t state;            /* NF_NUD_* bits */
	uint8_t flags;             /* Linux NTF_* (NTF_ROUTER 0x80, NTF_PROXY 0x08) */
	uint32_t rtflags;          /* BSD: RTF_* of the RTF_LLINFO entry */
	uint32_t expire;           /* BSD rmx_expire, 0 = permanent */
};

/* An interface (Darwin/FreeBSD RTM_IFINFO, Linux RTM_NEWLINK) or one of its
 * addresses (RTM_NEWADDR); used to name interfaces by index. */
struct nf_iface {
	uint32_t index;
	char name[NF_RT_IFNAMSIZ];
	struct nf_addr lladdr;
	uint32_t flags;            /* IFF_* of the source OS */
	bool is_addr;              /* an address record: addr/prefix valid */
	struct nf_addr addr;
	uint8_t prefix;
};

/* The table.  Storage is either fixed (caller arrays, e.g. static in a fuzz
 * target: nothing allocated) or dynamic (grown by doubling; free with
 * nf_rtable_free).  When fixed storage is full further entries are counted
 * in `dropped`, never written. */
struct nf_rtable {
	enum nf_rt_os os;
	struct nf_route *routes;
	size_t nroutes, route_cap;
	struct nf_neigh *neighs;
	size_t nneighs, neigh_cap;
	struct nf_iface *ifaces;
	size_t nifaces, iface_cap;
	bool dynamic;
	bool alloc_failed;         /* dynamic growth failed: entries dropped */
	size_t dropped;
	size_t nrecords;           /* records (messages, lines) walked */
	bool custom_rules;         /* Linux: policy rules beyond local/main/default exist */
};

void nf_rtable_init_fixed(struct nf_rtable *t, struct nf_route *routes, size_t rcap,
			  struct nf_neigh *neighs, size_t ncap, struct nf_iface *ifaces, size_t icap);
void nf_rtable_init_dynamic(struct nf_rtable *t);
void nf_rtable_free(struct nf_rtable *t);
/* Append a zeroed entry; NULL (and `dropped` counted) when there is no room. */
struct nf_route *nf_rtable_add_route(struct nf_rtable *t);
struct nf_neigh *nf_rtable_add_neigh(struct nf_rtable *t);
struct nf_iface *nf_rtable_add_iface(struct nf_rtable *t);
/* Fill empty ifname fields of routes, nexthops and neighbours from the
 * interface records (by index). */
void nf_rtable_resolve_ifnames(struct nf_rtable *t);
/* Name of interface `index` from the interface records, or NULL. */
const char *nf_rtable_ifname(const struct nf_rtable *t, uint32_t index);

/* ----------------------------------------------------------------- errors */

enum nf_rt_errcode {
	NF_RTE_OK = 0,
	NF_RTE_TRUNCATED,      /* record header or body runs past the end of the dump */
	NF_RTE_MSGLEN_ZERO,    /* length 0: a naive walker loops forever */
	NF_RTE_MSGLEN_SHORT,   /* length below the fixed header of its type */
	NF_RTE_VERSION,        /* rtm_version is not RTM_VERSION (5) */
	NF_RTE_SOCKADDR,       /* a sockaddr runs past its record or is malformed */
	NF_RTE_SOCKADDR_DL,    /* sockaddr_dl name/address runs past sdl_len or the record */
	NF_RTE_ATTR_LEN,       /* rta_len < 4 or past its message */
	NF_RTE_NEXTHOP_LEN,    /* rtnh_len < 8 or past RTA_MULTIPATH */
	NF_RTE_ATTR_VALUE,     /* attribute payload of the wrong size */
	NF_RTE_NLMSG_ERROR,    /* the stream carries NLMSG_ERROR (kernel errno in sys_errno) */
	NF_RTE_TOO_MANY,       /* more than NF_MAX_ROUTE_MSGS records */
	NF_RTE_SYNTAX,         /* a text-table line is malformed */
	NF_RTE_SYSTEM,         /* live dump: a socket call failed (errno in sys_errno) */
};

struct nf_rt_error {
	enum nf_rt_errcode code;   /* first problem; NF_RTE_OK if none */
	size_t record;             /* 0-based index of the bad record (message or line) */
	size_t offset;             /* byte offset of that record in the dump */
	size_t at;                 /* byte offset of the problem itself */
	const char *what;          /* static text: what is wrong / what was expected */
	bool resynced;             /* decoding went on at the next record */
	size_t nerrors;            /* bad records in total */
	int sys_errno;             /* NLMSG_ERROR / NF_RTE_SYSTEM: positive errno */
};

const char *nf_rt_errcode_name(enum nf_rt_errcode code);

/* --------------------------------------------------------------- decoders */

enum nf_rt_format {
	NF_RTFMT_UNKNOWN = 0,
	NF_RTFMT_DARWIN,       /* sysctl NET_RT_DUMP / NET_RT_FLAGS / NET_RT_IFLIST, rt_msghdr */
	NF_RTFMT_DARWIN2,      /* sysctl NET_RT_DUMP2: rt_msghdr2 (RTM_GET2) */
	NF_RTFMT_FREEBSD,      /* FreeBSD LP64 NET_RT_DUMP / NET_RT_FLAGS / NET_RT_IFLIST */
	NF_RTFMT_NETLINK,      /* rtnetlink RTM_NEWROUTE / RTM_NEWNEIGH / RTM_NEWLINK stream */
	NF_RTFMT_PROC_ROUTE,   /* /proc/net/route */
	NF_RTFMT_PROC_ARP,     /* /proc/net/arp */
};

/* From "darwin", "darwin2", "freebsd", "netlink", "proc-route", "proc-arp";
 * NF_RTFMT_UNKNOWN for anything else. */
enum nf_rt_format nf_rt_format_parse(const char *name);
/* Guess the format from the first bytes; NF_RTFMT_UNKNOWN if none fits. */
enum nf_rt_format nf_route_detect(const struct nf_cur *c);

/* Each decoder appends to t (setting t->os) and returns err->code.  `err` is
 * always filled (code NF_RTE_OK when the dump is clean).  The cursor is
 * consumed. */
enum nf_rt_errcode nf_route_decode_darwin(struct nf_cur *c, struct nf_rtable *t, struct nf_rt_error *err);
enum nf_rt_errcode nf_route_decode_freebsd(struct nf_cur *c, struct nf_rtable *t, struct nf_rt_error *err);
enum nf_rt_errcode nf_route_decode_netlink(struct nf_cur *c, struct nf_rtable *t, struct nf_rt_error *err);
enum nf_rt_errcode nf_route_decode_proc_route(struct nf_cur *c, struct nf_rtable *t, struct nf_rt_error *err);
enum nf_rt_errcode nf_route_decode_proc_arp(struct nf_cur *c, struct nf_rtable *t, struct nf_rt_error *err);
/* Dispatch on fmt (DARWIN2 uses the Darwin decoder, which reads both
 * rt_msghdr and rt_msghdr2 by rtm_type). */
enum nf_rt_errcode nf_route_decode(enum nf_rt_format fmt, struct nf_cur *c, struct nf_rtable *t,
				   struct nf_rt_error *err);

/* ----------------------------------------------------------------- lookup */

/* What the kernel would choose for `dst`:
 *  - Linux IPv4: longest prefix over the local and main tables (merged by
 *    the kernel while only the default rules exist), then table default;
 *    with custom_rules: local, main, default in that order.  IPv6: local,
 *    then main.  Other tables are reached only through rules, so never.
 *    Among equal prefixes the lowest metric wins; dead nexthops are skipped.
 *  - BSD: longest prefix over all routes, skipping RTF_IFSCOPE (Darwin
 *    scoped routes are not used by an unscoped lookup).
 * A throw route sends the lookup on to the next table.
 * Returns 0 and *out (a unicast/local/broadcast/multicast route), or the
 * errno the kernel answers: ENETUNREACH (no route, *out NULL), EHOSTUNREACH
 * (unreachable), EACCES (prohibit), EINVAL (blackhole) with *out the reject
 * route. */
int nf_route_lookup(const struct nf_rtable *t, const struct nf_addr *dst, const struct nf_route **out);
/* A multipath route's nexthop is chosen by the kernel with a flow hash we do
 * not model: callers comparing with the kernel should accept any of r->nh[]. */

/* The kernel's answer for an outgoing packet to dst (Linux: ip_route_output,
 * what `ip route get` prints): the FIB route of nf_route_lookup, plus the
 * address-class rules of net/ipv4/route.c __mkroute_output for IPv4:
 * 255.255.255.255 is broadcast and 224.0.0.0/4 multicast whatever route
 * matched (neither uses the route's gateway; multicast keeps it when the
 * matched prefix is /4 or longer), and 0.0.0.0 itself is local (the rest
 * of 0.0.0.0/8 is routed as unicast by current kernels, checked on 6.x).
 * Other OSes: the FIB route as is. */
struct nf_lookup {
	const struct nf_route *route; /* the FIB route (NULL: none) */
	uint8_t type;                 /* enum nf_rt_type of the answer */
	bool use_gateway;             /* the answer goes via the route's gateway(s) */
	int error;                    /* 0 or the errno, as nf_route_lookup */
};
int nf_route_lookup_output(const struct nf_rtable *t, const struct nf_addr *dst, struct nf_lookup *res);

/* Does route r contain dst? */
bool nf_route_matches(const struct nf_route *r, const struct nf_addr *dst);

/* --------------------------------------------------------------- encoder */

/* Write t as a dump in fmt (DARWIN, DARWIN2, FREEBSD or NETLINK): routes,
 * then neighbours as RTF_LLINFO entries (BSD) or RTM_NEWNEIGH (netlink),
 * then NLMSG_DONE (netlink).  A multipath route becomes one message per
 * nexthop in the BSD formats.  Writes at most cap bytes and returns the full
 * length needed (like snprintf); 0 for an unsupported format. */
size_t nf_route_encode(const struct nf_rtable *t, enum nf_rt_format fmt, uint8_t *buf, size_t cap);

/* ------------------------------------------------------------- live dump */

/* Dump this host's interfaces, routes (every table, AF_INET and AF_INET6)
 * and neighbours over rtnetlink (libmnl), decoding every reply with
 * nf_route_decode_netlink.  Returns err->code. */
enum nf_rt_errcode nf_route_live_dump(struct nf_rtable *t, struct nf_rt_error *err);
/* Ask the kernel (RTM_GETROUTE with NLM_F_REQUEST, like `ip route get`)
 * which route it uses for dst.  With NF_LIVE_GET_FIBMATCH (RTM_F_FIB_MATCH,
 * `ip route get fibmatch`) the answer is the matching FIB entry itself
 * (prefix, metric, all nexthops) rather than the resolved /32 result.
 * Returns 0 with the answer appended to t as one route, or the kernel's
 * positive errno (ENETUNREACH, EHOSTUNREACH, EACCES, EINVAL, ...), or -1
 * with err filled when the socket or the reply is bad. */
#define NF_LIVE_GET_FIBMATCH 0x1
int nf_route_live_get(const struct nf_addr *dst, unsigned flags, struct nf_rtable *t, struct nf_rt_error *err);

/* ------------------------------------------------------------ names, text */

/* Flag names for the table's OS, e.g. "UP", "GATEWAY", "IFSCOPE" (BSD
 * RTF_*) or "onlink", "linkdown" (Linux RTNH_F_*).  Calls fn once per set
 * bit, unknown bits as "0x..." text. */
void nf_route_flag_names(enum nf_rt_os os, uint32_t flags, void (*fn)(const char *name, void *arg), void *arg);
/* netstat -rn letters ("UGSc"). buf >= 40 bytes. */
void nf_route_flag_letters(enum nf_rt_os os, uint32_t flags, char *buf, size_t len);
/* "INCOMPLETE", "REACHABLE", ... one call per NUD bit ("NONE" when 0). */
void nf_neigh_state_names(uint16_t state, void (*fn)(const char *name, void *arg), void *arg);
const char *nf_rt_type_name(uint8_t type);

/* Parse "10.0.0.1", "2001:db8::1"; false if neither. */
bool nf_addr_parse(const char *s, struct nf_addr *a);
/* Text of an address: dotted quad, RFC 5952, "aa:bb:.." for link, "link#N"
 * for a link address without bytes.  buf >= 64 bytes. */
void nf_addr_format(const struct nf_addr *a, char *buf, size_t len);
/* "10.0.0.0/8", "default" is NOT used: always CIDR ("0.0.0.0/0"). */
void nf_route_dst_format(const struct nf_route *r, char *buf, size_t len);

#endif
