/* Names and text for the route model: flag names per OS, NUD states,
 * route types, error codes, formats, and address text. */
#include "netfuzz/route.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

struct bitname {
	uint32_t bit;
	const char *name;
	char letter; /* netstat -rn flag letter, 0 if netstat shows none */
};

/* XNU bsd/net/route.h RTF_* (letters: Darwin netstat route.c). */
static const struct bitname darwin_rtf[] = {
	{0x1, "UP", 'U'}, {0x2, "GATEWAY", 'G'}, {0x4, "HOST", 'H'}, {0x8, "REJECT", 'R'},
	{0x10, "DYNAMIC", 'D'}, {0x20, "MODIFIED", 'M'}, {0x40, "DONE", 'd'},
	{0x80, "DELCLONE", 0}, {0x100, "CLONING", 'C'}, {0x200, "XRESOLVE", 'X'},
	{0x400, "LLINFO", 'L'}, {0x800, "STATIC", 'S'}, {0x1000, "BLACKHOLE", 'B'},
	{0x2000, "NOIFREF", 0}, {0x4000, "PROTO2", '2'}, {0x8000, "PROTO1", '1'},
	{0x10000, "PRCLONING", 'c'}, {0x20000, "WASCLONED", 'W'}, {0x40000, "PROTO3", '3'},
	{0x100000, "PINNED", 0}, {0x200000, "LOCAL", 0}, {0x400000, "BROADCAST", 'b'},
	{0x800000, "MULTICAST", 'm'}, {0x1000000, "IFSCOPE", 'I'}, {0x2000000, "CONDEMNED", 0},
	{0x4000000, "IFREF", 'i'}, {0x8000000, "PROXY", 'Y'}, {0x10000000, "ROUTER", 'r'},
	{0x20000000, "DEAD", 0},
};

/* FreeBSD sys/net/route.h RTF_* (letters: FreeBSD netstat route.c). */
static const struct bitname freebsd_rtf[] = {
	{0x1, "UP", 'U'}, {0x2, "GATEWAY", 'G'}, {0x4, "HOST", 'H'}, {0x8, "REJECT", 'R'},
	{0x10, "DYNAMIC", 'D'}, {0x20, "MODIFIED", 'M'}, {0x40, "DONE", 'd'},
	{0x200, "XRESOLVE", 'X'}, {0x400, "LLINFO", 'L'}, {0x800, "STATIC", 'S'},
	{0x1000, "BLACKHOLE", 'B'}, {0x4000, "PROTO2", '2'}, {0x8000, "PROTO1", '1'},
	{0x40000, "PROTO3", '3'}, {0x80000, "FIXEDMTU", 0}, {0x100000, "PINNED", 0},
	{0x200000, "LOCAL", 0}, {0x400000, "BROADCAST", 'b'}, {0x800000, "MULTICAST", 'm'},
	{0x10000000, "STICKY", 0}, {0x80000000u, "GWFLAG_COMPAT", 0},
};

/* linux/rtnetlink.h RTNH_F_* and RTM_F_* as iproute2 names them. */
static const struct bitname linux_rtf[] = {
	{0x1, "dead", 0}, {0x2, "pervasive", 0}, {0x4, "onlink", 0}, {0x8, "offload", 0},
	{0x10, "linkdown", 0}, {0x20, "unresolved", 0}, {0x40, "trap", 0},
	{0x100, "notify", 0}, {0x4000, "rt_offload", 0}, {0x8000, "rt_trap", 0},
	{0x20000000, "rt_offload_failed", 0},
};

/* linux/neighbour.h NUD_* */
static const struct bitname nud[] = {
	{0x01, "INCOMPLETE", 0}, {0x02, "REACHABLE", 0}, {0x04, "STALE", 0}, {0x08, "DELAY", 0},
	{0x10, "PROBE", 0}, {0x20, "FAILED", 0}, {0x40, "NOARP", 0}, {0x80, "PERMANENT", 0},
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const struct bitname *table_for(enum nf_rt_os os, size_t *n)
{
	switch (os) {
	case NF_RTOS_DARWIN: *n = N(darwin_rtf); return darwin_rtf;
	case NF_RTOS_FREEBSD: *n = N(freebsd_rtf); return freebsd_rtf;
	default: *n = N(linux_rtf); return linux_rtf;
	}
}

static void each_bit(const struct bitname *tab, size_t n, uint32_t v,
		     void (*fn)(const char *, void *), void *arg)
{
	char unk[16];

	for (int b = 0; b < 32; b++) {
		uint32_t bit = (uint32_t)1 << b;
		size_t i;

		if (!(v & bit))
			continue;
		for (i = 0; i < n && tab[i].bit != bit; i++)
			;
		if (i < n) {
			fn(tab[i].name, arg);
		} else {
			snprintf(unk, sizeof unk, "0x%x", bit);
			fn(unk, arg);
		}
	}
}

void nf_route_flag_names(enum nf_rt_os os, uint32_t flags, void (*fn)(const char *, void *), void *arg)
{
	size_t n;
	const struct bitname *tab = table_for(os, &n);

	each_bit(tab, n, flags, fn, arg);
}

void nf_route_flag_letters(enum nf_rt_os os, uint32_t flags, char *buf, size_t len)
{
	size_t n, k = 0;
	const struct bitname *tab = table_for(os, &n);

	if (!len)
		return;
	for (size_t i = 0; i < n && k + 1 < len; i++)
		if ((flags & tab[i].bit) && tab[i].letter)
			buf[k++] = tab[i].letter;
	buf[k] = 0;
}

void nf_neigh_state_names(uint16_t state, void (*fn)(const char *, void *), void *arg)
{
	if (!state) {
		fn("NONE", arg);
		return;
	}
	each_bit(nud, N(nud), state, fn, arg);
}

const char *nf_rt_type_name(uint8_t type)
{
	static const char *const names[] = {
		"unspec", "unicast", "local", "broadcast", "anycast", "multicast",
		"blackhole", "unreachable", "prohibit", "throw", "nat", "xresolve",
	};
	return type < N(names) ? names[type] : "unknown";
}

const char *nf_rt_errcode_name(enum nf_rt_errcode code)
{
	switch (code) {
	case NF_RTE_OK: return "ok";
	case NF_RTE_TRUNCATED: return "truncated";
	case NF_RTE_MSGLEN_ZERO: return "msglen-zero";
	case NF_RTE_MSGLEN_SHORT: return "msglen-short";
	case NF_RTE_VERSION: return "bad-version";
	case NF_RTE_SOCKADDR: return "bad-sockaddr";
	case NF_RTE_SOCKADDR_DL: return "bad-sockaddr-dl";
	case NF_RTE_ATTR_LEN: return "bad-attr-len";
	case NF_RTE_NEXTHOP_LEN: return "bad-nexthop-len";
	case NF_RTE_ATTR_VALUE: return "bad-attr-value";
	case NF_RTE_NLMSG_ERROR: return "nlmsg-error";
	case NF_RTE_TOO_MANY: return "too-many-records";
	case NF_RTE_SYNTAX: return "syntax";
	case NF_RTE_SYSTEM: return "system";
	}
	return "unknown";
}

static const char *const fmt_names[] = {
	[NF_RTFMT_UNKNOWN] = "unknown", [NF_RTFMT_DARWIN] = "darwin", [NF_RTFMT_DARWIN2] = "darwin2",
	[NF_RTFMT_FREEBSD] = "freebsd", [NF_RTFMT_NETLINK] = "netlink",
	[NF_RTFMT_PROC_ROUTE] = "proc-route", [NF_RTFMT_PROC_ARP] = "proc-arp",
};

enum nf_rt_format nf_rt_format_parse(const char *name)
{
	for (size_t i = 1; i < N(fmt_names); i++)
		if (!strcmp(name, fmt_names[i]))
			return (enum nf_rt_format)i;
	return NF_RTFMT_UNKNOWN;
}

bool nf_addr_parse(const char *s, struct nf_addr *a)
{
	memset(a, 0, sizeof *a);
	if (inet_pton(AF_INET, s, a->a) == 1) {
		a->kind = NF_ADDR_IPV4;
		a->len = 4;
		return true;
	}
	if (inet_pton(AF_INET6, s, a->a) == 1) {
		a->kind = NF_ADDR_IPV6;
		a->len = 16;
		return true;
	}
	return false;
}

void nf_addr_format(const struct nf_addr *a, char *buf, size_t len)
{
	size_t k = 0;

	if (!len)
		return;
	buf[0] = 0;
	switch (a->kind) {
	case NF_ADDR_IPV4:
		inet_ntop(AF_INET, a->a, buf, (socklen_t)len);
		break;
	case NF_ADDR_IPV6:
		inet_ntop(AF_INET6, a->a, buf, (socklen_t)len);
		break;
	case NF_ADDR_LINK:
		if (!a->len) {
			snprintf(buf, len, "link#%u", a->index);
			break;
		}
		for (unsigned i = 0; i < a->len && i < NF_RT_LLADDR_MAX && k + 4 <= len; i++)
			k += (size_t)snprintf(buf + k, len - k, i ? ":%02x" : "%02x", a->a[i]);
		break;
	default:
		break;
	}
}

void nf_route_dst_format(const struct nf_route *r, char *buf, size_t len)
{
	struct nf_addr d = r->dst;
	char ab[64];

	if (d.kind == NF_ADDR_NONE) { /* no RTA_DST / default: the zero address */
		memset(&d, 0, sizeof d);
		d.kind = r->family;
	}
	nf_addr_format(&d, ab, sizeof ab);
	snprintf(buf, len, "%s/%u", ab, r->prefix);
}
