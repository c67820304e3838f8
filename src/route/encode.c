/* Encoder: a table model written as a Darwin / FreeBSD routing-socket dump
 * or an rtnetlink dump stream.  The inverse of bsd.c and rtnetlink.c, used
 * by the round-trip tests, the seed generator and the benchmark.  Layouts
 * and citations are in darwin.c, freebsd.c and rtnetlink.c. */
#include "bsd_defs.h"
#include "rt_internal.h"

#include <string.h>

struct w {
	uint8_t *buf;
	size_t cap, n;
};

static void put(struct w *w, const void *p, size_t len)
{
	if (w->n <= w->cap && len <= w->cap - w->n && p)
		memcpy(w->buf + w->n, p, len);
	else if (w->n <= w->cap && len <= w->cap - w->n)
		memset(w->buf + w->n, 0, len);
	w->n += len;
}

static void zeros(struct w *w, size_t len) { put(w, NULL, len); }

/* Little-endian (BSD ABIs) or host-order (netlink) integers at w->n, or at a
 * saved position `at` (patching a length). */
static void put_le_at(struct w *w, size_t at, uint64_t v, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (at + i < w->cap)
			w->buf[at + i] = (uint8_t)(v >> (8 * i));
}

static void le(struct w *w, uint64_t v, size_t len)
{
	put_le_at(w, w->n, v, len);
	w->n += len;
}

#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
static void put_host_at(struct w *w, size_t at, uint64_t v, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (at + i < w->cap)
			w->buf[at + i] = (uint8_t)(v >> (8 * (len - 1 - i)));
}
#else
#define put_host_at put_le_at
#endif

static void host(struct w *w, uint64_t v, size_t len)
{
	put_host_at(w, w->n, v, len);
	w->n += len;
}

static void align(struct w *w, size_t start, size_t unit)
{
	size_t rel = w->n - start;
	zeros(w, (unit - rel % unit) % unit);
}

/* ------------------------------------------------------------------- BSD */

/* One sockaddr, padded per the ABI (Darwin ROUNDUP / FreeBSD SA_SIZE). */
static void sa_end(struct w *w, const struct nf_bsd_abi *abi, size_t start, uint8_t sa_len)
{
	size_t space = sa_len ? 1 + (((size_t)sa_len - 1) | (abi->sa_align - 1)) : abi->sa_align;
	zeros(w, space - (w->n - start));
}

static void sa_ip(struct w *w, const struct nf_bsd_abi *abi, const struct nf_addr *a, uint8_t kind)
{
	size_t start = w->n;
	uint8_t zero[16] = {0};
	const uint8_t *bytes = a->kind == kind ? a->a : zero;

	if (kind == NF_ADDR_IPV4) { /* struct sockaddr_in: 16 bytes */
		le(w, 16, 1);
		le(w, BSD_AF_INET, 1);
		zeros(w, 2);
		put(w, bytes, 4);
		zeros(w, 8);
		sa_end(w, abi, start, 16);
	} else { /* struct sockaddr_in6: 28 bytes */
		le(w, 28, 1);
		le(w, abi->af_inet6, 1);
		zeros(w, 6);
		put(w, bytes, 16);
		zeros(w, 4);
		sa_end(w, abi, start, 28);
	}
}

/* A netmask trimmed like the radix code does: sa_len covers the address up
 * to its last non-zero byte; the default route's mask has sa_len 0. */
static void sa_mask(struct w *w, const struct nf_bsd_abi *abi, uint8_t kind, uint8_t prefix)
{
	size_t start = w->n, off = kind == NF_ADDR_IPV4 ? 4 : 8;
	uint8_t m[16] = {0}, len;
	size_t n = 0;

	for (unsigned i = 0; i < prefix / 8u; i++)
		m[i] = 0xff;
	if (prefix % 8)
		m[prefix / 8] = (uint8_t)(0xff << (8 - prefix % 8));
	n = (prefix + 7u) / 8u;
	if (!n) {
		sa_end(w, abi, start, 0);
		return;
	}
	len = (uint8_t)(off + n);
	le(w, len, 1);
	le(w, kind == NF_ADDR_IPV4 ? BSD_AF_INET : abi->af_inet6, 1);
	zeros(w, off - 2);
	put(w, m, n);
	sa_end(w, abi, start, len);
}

/* A model decoded from this ABI's own dumps is written back as it was read
 * (same_os), so decode(encode(model)) == model (src/oracle/route.c, the
 * route-roundtrip oracle); a model from another OS gets what a BSD kernel
 * would report for such a route. */
static bool same_os(const struct nf_rtable *t, const struct nf_bsd_abi *abi)
{
	return t->os == abi->os;
}

/* sdl_type: as read (net/if_types.h IFT_*, 0 included) for a model of this
 * ABI; Linux's lltype is an ARPHRD_* number, not an IFT_*, so a model from
 * another OS gets IFT_ETHER. */
static uint8_t sdl_type(const struct nf_rtable *t, const struct nf_bsd_abi *abi, const struct nf_addr *ll)
{
	return same_os(t, abi) && ll && ll->kind == NF_ADDR_LINK ? (uint8_t)ll->lltype : IFT_ETHER;
}

/* struct sockaddr_dl (net/if_dl.h), at least 20 bytes like the kernel's. */
static void sa_dl(struct w *w, const struct nf_bsd_abi *abi, uint32_t index, const char *name,
		  const struct nf_addr *ll, uint8_t type)
{
	size_t start = w->n, nlen = name ? strnlen(name, NF_RT_IFNAMSIZ - 1) : 0;
	size_t alen = ll && ll->kind == NF_ADDR_LINK ? ll->len : 0;
	size_t len = 8 + nlen + alen;

	if (len < 20)
		len = 20;
	le(w, len, 1);
	le(w, BSD_AF_LINK, 1);
	le(w, index, 2);
	le(w, type, 1);
	le(w, nlen, 1);
	le(w, alen, 1);
	le(w, 0, 1);
	put(w, name, nlen);
	if (alen)
		put(w, ll->a, alen);
	zeros(w, len - 8 - nlen - alen);
	sa_end(w, abi, start, (uint8_t)len);
}

/* Header common to rt_msghdr / rt_msghdr2; returns its start. */
static size_t rtm_begin(struct w *w, const struct nf_bsd_abi *abi, uint8_t type, uint32_t index,
			uint32_t flags, uint32_t addrs, uint32_t expire)
{
	size_t start = w->n;

	le(w, 0, 2); /* rtm_msglen, patched by msg_end */
	le(w, RTM_VERSION, 1);
	le(w, type, 1);
	le(w, index, 2);
	zeros(w, 2);
	le(w, flags, 4);
	le(w, addrs, 4);
	zeros(w, abi->rmx_expire_off - 16);
	le(w, expire, abi->rmx_size);
	zeros(w, abi->rtm_hdr - abi->rmx_expire_off - abi->rmx_size);
	return start;
}

static void msg_end(struct w *w, size_t start)
{
	size_t len = w->n - start;
	put_le_at(w, start, len > 0xffff ? 0 : len, 2);
}

static uint32_t bsd_route_flags(const struct nf_rtable *t, const struct nf_bsd_abi *abi,
				const struct nf_route *r, const struct nf_addr *gw)
{
	uint32_t f = RTF_UP | RTF_STATIC;

	/* rtm_flags as read.  Only RTF_LLINFO next to an AF_LINK gateway
	 * makes bsd.c read the message as an ARP/NDP entry (XNU arp(8) and
	 * FreeBSD arp(8) select llinfo entries that way); a route whose
	 * gateway is absent or an IP address keeps RTF_LLINFO (XNU
	 * bsd/net/route.h: "generated by link layer"; FreeBSD sys/net/route.h
	 * keeps the bit for compatibility).  A decoded route never has both,
	 * so clearing it beside a link gateway changes no decoded model. */
	if (same_os(t, abi))
		return gw->kind == NF_ADDR_LINK ? r->flags & ~RTF_LLINFO : r->flags;
	if (gw->kind == NF_ADDR_IPV4 || gw->kind == NF_ADDR_IPV6)
		f |= RTF_GATEWAY;
	if (r->prefix == (r->family == NF_ADDR_IPV4 ? 32 : 128))
		f |= RTF_HOST;
	switch (r->type) {
	case NF_RTN_BLACKHOLE: f |= RTF_BLACKHOLE; break;
	case NF_RTN_UNREACHABLE:
	case NF_RTN_PROHIBIT: f |= RTF_REJECT; break;
	case NF_RTN_LOCAL: f |= RTF_LOCAL; break;
	case NF_RTN_BROADCAST: f |= RTF_BROADCAST; break;
	case NF_RTN_MULTICAST: f |= RTF_MULTICAST; break;
	default: break;
	}
	return f;
}

static const struct nf_iface *find_iface(const struct nf_rtable *t, uint32_t index)
{
	for (size_t i = 0; i < t->nifaces; i++)
		if (!t->ifaces[i].is_addr && t->ifaces[i].index == index)
			return &t->ifaces[i];
	return NULL;
}

static void bsd_route(struct w *w, const struct nf_rtable *t, const struct nf_bsd_abi *abi, uint8_t type,
		      const struct nf_route *r, const struct nf_addr *gw, uint32_t ifindex, const char *ifname)
{
	bool host = r->prefix == (r->family == NF_ADDR_IPV4 ? 32 : 128);
	/* The kernel sets an RTA_* bit only for a sockaddr the route has
	 * (XNU bsd/net/rtsock.c rt_msg2 and FreeBSD sys/net/rtsock.c
	 * rtsock_msg_buffer: "if (rti_info[i] == NULL) continue; rti_addrs
	 * |= 1 << i"), so a decoded route without a gateway is written
	 * without RTA_GATEWAY.  A model from another OS has no such record:
	 * its gateway-less route is an interface route, whose gateway a BSD
	 * kernel reports as the interface's sockaddr_dl ("link#N"). */
	bool nogw = gw->kind == NF_ADDR_NONE && same_os(t, abi);
	uint32_t addrs = RTA_DST | (nogw ? 0 : RTA_GATEWAY) | (host ? 0 : RTA_NETMASK) | (ifname[0] ? RTA_IFP : 0) |
			 (r->prefsrc.kind ? RTA_IFA : 0);
	size_t start = rtm_begin(w, abi, type, ifindex, bsd_route_flags(t, abi, r, gw), addrs, r->expire);
	const struct nf_iface *f = find_iface(t, ifindex);

	sa_ip(w, abi, &r->dst, r->family);
	if (gw->kind == NF_ADDR_IPV4 || gw->kind == NF_ADDR_IPV6)
		sa_ip(w, abi, gw, gw->kind);
	else if (gw->kind == NF_ADDR_LINK && same_os(t, abi)) /* sdl_index as read, 0 included */
		sa_dl(w, abi, gw->index, NULL, gw, sdl_type(t, abi, gw));
	else if (!nogw) /* interface route: the gateway is the interface's link address ("link#N") */
		sa_dl(w, abi, gw->kind == NF_ADDR_LINK && gw->index ? gw->index : ifindex, NULL,
		      gw->kind == NF_ADDR_LINK ? gw : NULL, IFT_ETHER);
	if (!host)
		sa_mask(w, abi, r->family, r->prefix);
	if (ifname[0])
		sa_dl(w, abi, ifindex, ifname, f ? &f->lladdr : NULL, sdl_type(t, abi, f ? &f->lladdr : NULL));
	if (r->prefsrc.kind)
		sa_ip(w, abi, &r->prefsrc, r->prefsrc.kind);
	msg_end(w, start);
}

static void bsd_neigh(struct w *w, const struct nf_rtable *t, const struct nf_bsd_abi *abi,
		      const struct nf_neigh *n)
{
	bool perm = n->state & (NF_NUD_PERMANENT | NF_NUD_NOARP);
	uint32_t flags = same_os(t, abi) ? n->rtflags
					 : RTF_UP | RTF_HOST | RTF_LLINFO | RTF_DONE | (perm ? RTF_STATIC : 0) |
						   ((n->flags & 0x80) ? abi->rtf_router : 0);
	/* rmx_expire as read: bsd.c derives the state from it (0 and a link
	 * address: permanent), and an incomplete entry may carry 0 too.  A
	 * model from another OS has no rmx_expire: a non-permanent entry
	 * must not read back as permanent, so it gets at least 1. */
	uint32_t expire = same_os(t, abi) ? n->expire : perm ? 0 : n->expire ? n->expire : 1;
	struct nf_addr ll = n->lladdr;
	size_t start;

	flags |= RTF_LLINFO;
	if (n->state & (NF_NUD_INCOMPLETE | NF_NUD_FAILED) || ll.kind != NF_ADDR_LINK)
		ll.len = 0, ll.kind = NF_ADDR_LINK; /* sdl_alen 0: "(incomplete)" */
	start = rtm_begin(w, abi, RTM_GET, n->ifindex, flags, RTA_DST | RTA_GATEWAY | (n->ifname[0] ? RTA_IFP : 0),
			  expire);
	sa_ip(w, abi, &n->ip, n->ip.kind);
	sa_dl(w, abi, n->ifindex, NULL, &ll, sdl_type(t, abi, &ll));
	if (n->ifname[0])
		sa_dl(w, abi, n->ifindex, n->ifname, NULL, IFT_ETHER);
	msg_end(w, start);
}

static void bsd_iface(struct w *w, const struct nf_rtable *t, const struct nf_bsd_abi *abi,
		      const struct nf_iface *f)
{
	size_t start = w->n;

	le(w, 0, 2);
	le(w, RTM_VERSION, 1);
	if (!f->is_addr) { /* struct if_msghdr */
		le(w, RTM_IFINFO, 1);
		le(w, RTA_IFP, 4);
		le(w, f->flags, 4);
		le(w, f->index, 2);
		zeros(w, abi->ifm_hdr - 14);
		sa_dl(w, abi, f->index, f->name, &f->lladdr, sdl_type(t, abi, &f->lladdr));
	} else { /* struct ifa_msghdr */
		le(w, RTM_NEWADDR, 1);
		le(w, RTA_NETMASK | RTA_IFA, 4);
		le(w, f->flags, 4);
		le(w, f->index, 2);
		zeros(w, abi->ifam_hdr - 14);
		sa_mask(w, abi, f->addr.kind, f->prefix);
		sa_ip(w, abi, &f->addr, f->addr.kind);
	}
	msg_end(w, start);
}

static void encode_bsd(struct w *w, const struct nf_rtable *t, const struct nf_bsd_abi *abi, uint8_t type)
{
	for (size_t i = 0; i < t->nifaces; i++)
		if (t->ifaces[i].is_addr ? (t->ifaces[i].addr.kind == NF_ADDR_IPV4 ||
					    t->ifaces[i].addr.kind == NF_ADDR_IPV6)
					 : true)
			bsd_iface(w, t, abi, &t->ifaces[i]);
	for (size_t i = 0; i < t->nroutes; i++) {
		const struct nf_route *r = &t->routes[i];

		if (r->family != NF_ADDR_IPV4 && r->family != NF_ADDR_IPV6)
			continue;
		if (!r->nnexthops) {
			bsd_route(w, t, abi, type, r, &r->gw, r->ifindex, r->ifname);
			continue;
		}
		/* no multipath in rt_msghdr: one message per nexthop */
		for (unsigned k = 0; k < r->nnexthops; k++)
			bsd_route(w, t, abi, type, r, &r->nh[k].gw, r->nh[k].ifindex, r->nh[k].ifname);
	}
	for (size_t i = 0; i < t->nneighs; i++)
		if (t->neighs[i].ip.kind == NF_ADDR_IPV4 || t->neighs[i].ip.kind == NF_ADDR_IPV6)
			bsd_neigh(w, t, abi, &t->neighs[i]);
}

/* --------------------------------------------------------------- netlink */

#define NLMSG_DONE 3
#define NLM_F_MULTI 0x2
#define RTM_NEWLINK 16
#define RTM_NEWROUTE 24
#define RTM_NEWNEIGH 28
#define LNX_AF_INET 2
#define LNX_AF_INET6 10

static uint8_t lnx_af(uint8_t kind)
{
	return kind == NF_ADDR_IPV4 ? LNX_AF_INET : LNX_AF_INET6;
}

static size_t nl_begin(struct w *w, uint16_t type)
{
	size_t start = w->n;

	host(w, 0, 4);
	host(w, type, 2);
	host(w, NLM_F_MULTI, 2);
	host(w, 1, 4);
	host(w, 0, 4);
	return start;
}

static void nl_end(struct w *w, size_t start)
{
	put_host_at(w, start, w->n - start, 4);
	align(w, start, 4);
}

static void attr(struct w *w, uint16_t type, const void *p, size_t len)
{
	size_t start = w->n;

	host(w, 4 + len, 2);
	host(w, type, 2);
	put(w, p, len);
	align(w, start, 4);
}

static void attr32(struct w *w, uint16_t type, uint32_t v)
{
	size_t start = w->n;

	host(w, 8, 2);
	host(w, type, 2);
	host(w, v, 4);
	(void)start;
}

static void attr_addr(struct w *w, uint16_t type, const struct nf_addr *a)
{
	attr(w, type, a->a, a->kind == NF_ADDR_IPV4 ? 4 : 16);
}

/* A gateway of the route's family is RTA_GATEWAY; of the other family,
 * RTA_VIA (struct rtvia). */
static void nl_gw(struct w *w, const struct nf_addr *gw, uint8_t family)
{
	uint8_t via[2 + 16];

	if (gw->kind != NF_ADDR_IPV4 && gw->kind != NF_ADDR_IPV6)
		return;
	if (gw->kind == family) {
		attr_addr(w, 5 /* RTA_GATEWAY */, gw);
		return;
	}
	put_host_at(&(struct w){via, sizeof via, 0}, 0, lnx_af(gw->kind), 2);
	memcpy(via + 2, gw->a, gw->kind == NF_ADDR_IPV4 ? 4 : 16);
	attr(w, 18 /* RTA_VIA */, via, 2 + (gw->kind == NF_ADDR_IPV4 ? 4u : 16u));
}

static void nl_route(struct w *w, const struct nf_route *r)
{
	size_t start = nl_begin(w, RTM_NEWROUTE);

	le(w, lnx_af(r->family), 1); /* struct rtmsg */
	le(w, r->prefix, 1);
	le(w, 0, 1);
	le(w, 0, 1);
	le(w, r->table < 256 ? r->table : 252 /* RT_TABLE_COMPAT */, 1);
	le(w, r->protocol, 1);
	le(w, r->scope, 1);
	le(w, r->type, 1);
	host(w, r->flags, 4);
	attr32(w, 15 /* RTA_TABLE */, r->table);
	if (r->dst.kind == r->family && r->prefix)
		attr_addr(w, 1 /* RTA_DST */, &r->dst);
	if (r->metric)
		attr32(w, 6 /* RTA_PRIORITY */, r->metric);
	if (r->prefsrc.kind == r->family)
		attr_addr(w, 7 /* RTA_PREFSRC */, &r->prefsrc);
	if (!r->nnexthops) {
		nl_gw(w, &r->gw, r->family);
		if (r->ifindex)
			attr32(w, 4 /* RTA_OIF */, r->ifindex);
	} else {
		size_t mp = w->n;

		host(w, 0, 2);
		host(w, 9 /* RTA_MULTIPATH */, 2);
		for (unsigned k = 0; k < r->nnexthops; k++) {
			const struct nf_nexthop *nh = &r->nh[k];
			size_t hs = w->n;

			host(w, 0, 2); /* struct rtnexthop */
			le(w, nh->flags, 1);
			le(w, nh->weight ? nh->weight - 1 : 0, 1);
			host(w, nh->ifindex, 4);
			nl_gw(w, &nh->gw, r->family);
			put_host_at(w, hs, w->n - hs, 2);
		}
		put_host_at(w, mp, w->n - mp, 2);
	}
	nl_end(w, start);
}

static void nl_neigh(struct w *w, const struct nf_neigh *n)
{
	size_t start = nl_begin(w, RTM_NEWNEIGH);

	le(w, lnx_af(n->ip.kind), 1); /* struct ndmsg */
	zeros(w, 3);
	host(w, n->ifindex, 4);
	host(w, n->state, 2);
	le(w, n->flags, 1);
	le(w, 1 /* RTN_UNICAST */, 1);
	attr_addr(w, 1 /* NDA_DST */, &n->ip);
	/* NDA_LLADDR whenever the model has one, empty included: the kernel
	 * writes dev->addr_len bytes, 0 for a device without link addresses
	 * (net/core/neighbour.c neigh_fill_info), and rtnetlink.c reads an
	 * empty one as a link address of length 0, not as none. */
	if (n->lladdr.kind == NF_ADDR_LINK)
		attr(w, 2 /* NDA_LLADDR */, n->lladdr.a, n->lladdr.len);
	nl_end(w, start);
}

static void nl_link(struct w *w, const struct nf_iface *f)
{
	size_t start = nl_begin(w, RTM_NEWLINK);

	zeros(w, 4); /* struct ifinfomsg: family, pad, type */
	host(w, f->index, 4);
	host(w, f->flags, 4);
	zeros(w, 4);
	attr(w, 3 /* IFLA_IFNAME */, f->name, strnlen(f->name, NF_RT_IFNAMSIZ - 1) + 1);
	if (f->lladdr.kind == NF_ADDR_LINK && f->lladdr.len)
		attr(w, 1 /* IFLA_ADDRESS */, f->lladdr.a, f->lladdr.len);
	nl_end(w, start);
}

static void encode_netlink(struct w *w, const struct nf_rtable *t)
{
	size_t done;

	for (size_t i = 0; i < t->nifaces; i++)
		if (!t->ifaces[i].is_addr)
			nl_link(w, &t->ifaces[i]);
	for (size_t i = 0; i < t->nroutes; i++)
		if (t->routes[i].family == NF_ADDR_IPV4 || t->routes[i].family == NF_ADDR_IPV6)
			nl_route(w, &t->routes[i]);
	for (size_t i = 0; i < t->nneighs; i++)
		if (t->neighs[i].ip.kind == NF_ADDR_IPV4 || t->neighs[i].ip.kind == NF_ADDR_IPV6)
			nl_neigh(w, &t->neighs[i]);
	done = nl_begin(w, NLMSG_DONE);
	host(w, 0, 4);
	nl_end(w, done);
}

size_t nf_route_encode(const struct nf_rtable *t, enum nf_rt_format fmt, uint8_t *buf, size_t cap)
{
	struct w w = {buf, buf ? cap : 0, 0};

	switch (fmt) {
	case NF_RTFMT_DARWIN: encode_bsd(&w, t, &nf_bsd_darwin, RTM_GET); break;
	case NF_RTFMT_DARWIN2: encode_bsd(&w, t, &nf_bsd_darwin, RTM_GET2); break;
	case NF_RTFMT_FREEBSD: encode_bsd(&w, t, &nf_bsd_freebsd, RTM_GET); break;
	case NF_RTFMT_NETLINK: encode_netlink(&w, t); break;
	default: return 0;
	}
	return w.n;
}
