/* Linux rtnetlink dump streams: RTM_NEWROUTE, RTM_NEWNEIGH, RTM_NEWLINK and
 * RTM_NEWADDR messages, NLMSG_DONE / NLMSG_ERROR (linux/netlink.h,
 * linux/rtnetlink.h, linux/neighbour.h, linux/if_link.h, linux/if_addr.h).
 *
 * Netlink is host byte order ("native endianness", linux/netlink.h);
 * addresses inside attributes are network order. */
#include "netfuzz/limits.h"
#include "netfuzz/structure.h"
#include "rt_internal.h"

#include <errno.h>
#include <string.h>

/* linux/netlink.h */
#define NLMSG_HDRLEN 16        /* struct nlmsghdr */
#define NLMSG_ALIGNTO 4
#define NLMSG_NOOP 1
#define NLMSG_ERROR 2
#define NLMSG_DONE 3
#define NLA_F_NESTED 0x8000
#define NLA_F_NET_BYTEORDER 0x4000
#define NLA_TYPE_MASK (~(NLA_F_NESTED | NLA_F_NET_BYTEORDER) & 0xffff)
/* linux/rtnetlink.h */
#define RTM_NEWLINK 16
#define RTM_NEWADDR 20
#define RTM_NEWROUTE 24
#define RTM_NEWNEIGH 28
#define RTA_HDRLEN 4           /* struct rtattr: rta_len, rta_type */
#define RTMSG_LEN 12           /* struct rtmsg */
#define RTNH_LEN 8             /* struct rtnexthop */
#define RTA_DST 1
#define RTA_OIF 4
#define RTA_GATEWAY 5
#define RTA_PRIORITY 6
#define RTA_PREFSRC 7
#define RTA_MULTIPATH 9
#define RTA_TABLE 15
#define RTA_VIA 18
/* linux/neighbour.h */
#define NDMSG_LEN 12           /* struct ndmsg */
#define NDA_DST 1
#define NDA_LLADDR 2
/* linux/if_link.h, linux/if_addr.h */
#define IFINFOMSG_LEN 16       /* struct ifinfomsg */
#define IFLA_ADDRESS 1
#define IFLA_IFNAME 3
#define IFADDRMSG_LEN 8        /* struct ifaddrmsg */
#define IFA_ADDRESS 1
#define IFA_LOCAL 2
/* linux/socket.h */
#define LNX_AF_INET 2
#define LNX_AF_INET6 10

#define NL_LE (__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__) /* for structure records */
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define get16 nf_cur_get_u16be
#define get32 nf_cur_get_u32be
#define peek32 nf_cur_peek_u32be
#else
#define get16 nf_cur_get_u16le
#define get32 nf_cur_get_u32le
#define peek32 nf_cur_peek_u32le
#endif

/* Skip the NLMSG_ALIGN / RTA_ALIGN / RTNH_ALIGN padding after an object of
 * `len` bytes; the last object of a buffer may come without it. */
static void skip_pad(struct nf_cur *c, size_t len)
{
	size_t pad = (NLMSG_ALIGNTO - (len & (NLMSG_ALIGNTO - 1))) & (NLMSG_ALIGNTO - 1);

	if (!nf_cur_skip(c, pad)) {
		struct nf_cur rest; /* the unpadded last object: nothing follows */

		nf_cur_get_rest(c, &rest);
	}
}

static uint8_t family_kind(uint8_t af)
{
	return af == LNX_AF_INET ? NF_ADDR_IPV4 : af == LNX_AF_INET6 ? NF_ADDR_IPV6 : NF_ADDR_NONE;
}

/* Next attribute of an rtattr/nlattr run (linux/rtnetlink.h RTA_OK): 1 with
 * its type (flags masked) and payload, 0 at the end, -1 on a bad length.
 * rta_len below 4 would make the payload length negative and the walk
 * stand still, so it is rejected, never stepped over. */
static int next_attr(struct nf_cur *c, unsigned *count, uint16_t *type, struct nf_cur *payload,
		     struct nf_rt_perr *pe)
{
	uint16_t len;
	struct nf_cur at = *c;

	if (nf_cur_empty(c))
		return 0;
	if (++*count > NF_MAX_RTNL_ATTRS)
		return nf_rt_perr_set(pe, NF_RTE_TOO_MANY, c, "more than NF_MAX_RTNL_ATTRS attributes"), -1;
	if (!get16(c, &len) || !get16(c, type)) {
		*c = at;
		return nf_rt_perr_set(pe, NF_RTE_ATTR_LEN, c,
				      "trailing bytes shorter than struct rtattr (4 bytes)"), -1;
	}
	*type &= NLA_TYPE_MASK;
	if (len < RTA_HDRLEN) {
		*c = at;
		return nf_rt_perr_set(pe, NF_RTE_ATTR_LEN, c,
				      "rta_len below 4 (sizeof struct rtattr): payload length would underflow"), -1;
	}
	if (!nf_cur_get_bytes(c, payload, len - RTA_HDRLEN)) {
		*c = at;
		return nf_rt_perr_set(pe, NF_RTE_ATTR_LEN, c, "rta_len runs past the end of its message"), -1;
	}
	/* Structure (mutator): rta_len counts header and payload; the element
	 * takes its padding along so a copy stays aligned. */
	nf_rec_len(nf_cur_offset(&at), 2, NL_LE, 0, nf_rec_span(nf_cur_offset(&at), len, NF_REC_NONE));
	skip_pad(c, len);
	(void)nf_rec_span_between(&at, c, NF_REC_NONE);
	return 1;
}

/* An address attribute of exactly the family's size. */
static bool get_addr(struct nf_cur *p, uint8_t kind, struct nf_addr *a, struct nf_rt_perr *pe,
		     const char *what)
{
	size_t n = kind == NF_ADDR_IPV4 ? 4 : 16;

	if (nf_cur_len(p) != n)
		return nf_rt_perr_set(pe, NF_RTE_ATTR_VALUE, p, what);
	memset(a, 0, sizeof *a);
	a->kind = kind;
	a->len = (uint8_t)n;
	return nf_cur_copy(p, a->a, n);
}

static bool get_u32_attr(struct nf_cur *p, uint32_t *v, struct nf_rt_perr *pe, const char *what)
{
	if (nf_cur_len(p) != 4)
		return nf_rt_perr_set(pe, NF_RTE_ATTR_VALUE, p, what);
	return get32(p, v);
}

/* RTA_VIA: struct rtvia { __kernel_sa_family_t rtvia_family; __u8 rtvia_addr[]; } */
static bool get_via(struct nf_cur *p, struct nf_addr *gw, struct nf_rt_perr *pe)
{
	uint16_t fam;
	uint8_t kind;

	if (!get16(p, &fam))
		return nf_rt_perr_set(pe, NF_RTE_ATTR_VALUE, p, "RTA_VIA shorter than rtvia_family");
	kind = family_kind(fam > 255 ? 0 : (uint8_t)fam);
	if (!kind)
		return nf_rt_perr_set(pe, NF_RTE_ATTR_VALUE, p, "RTA_VIA family is neither AF_INET nor AF_INET6");
	return get_addr(p, kind, gw, pe, "RTA_VIA address length does not match its family");
}

/* RTA_MULTIPATH: a run of struct rtnexthop, each followed by its own
 * attributes (RTA_GATEWAY, RTA_VIA) within rtnh_len.  rtnh_len below 8 would
 * never advance (RTNH_NEXT), so it is rejected. */
static bool parse_multipath(struct nf_cur *mp, struct nf_route *r, struct nf_rt_perr *pe)
{
	unsigned n = 0;

	while (!nf_cur_empty(mp)) {
		struct nf_cur body, attrs, p;
		uint16_t len, type;
		uint8_t flags, hops;
		uint32_t ifindex;
		unsigned count = 0;
		struct nf_nexthop nh = {0};
		int k;

		if (++n > NF_MAX_RTNL_NEXTHOPS)
			return nf_rt_perr_set(pe, NF_RTE_TOO_MANY, mp, "more than NF_MAX_RTNL_NEXTHOPS nexthops");
		/* struct rtnexthop: rtnh_len, rtnh_flags, rtnh_hops, rtnh_ifindex */
		body = *mp;
		if (!get16(&body, &len) || !nf_cur_get_u8(&body, &flags) || !nf_cur_get_u8(&body, &hops) ||
		    !get32(&body, &ifindex))
			return nf_rt_perr_set(pe, NF_RTE_NEXTHOP_LEN, mp,
					      "RTA_MULTIPATH ends inside a struct rtnexthop (8 bytes)");
		if (len < RTNH_LEN)
			return nf_rt_perr_set(pe, NF_RTE_NEXTHOP_LEN, mp,
					      "rtnh_len below 8 (sizeof struct rtnexthop): the walk would not advance");
		if (!nf_cur_get_bytes(mp, &body, len))
			return nf_rt_perr_set(pe, NF_RTE_NEXTHOP_LEN, mp, "rtnh_len runs past the end of RTA_MULTIPATH");
		nf_rec_len(nf_cur_offset(&body), 2, NL_LE, 0, nf_rec_span(nf_cur_offset(&body), len, NF_REC_NONE));
		skip_pad(mp, len);
		(void)nf_rec_span(nf_cur_offset(&body), nf_cur_offset(mp) - nf_cur_offset(&body), NF_REC_NONE);
		if (!nf_cur_skip(&body, RTNH_LEN)) /* read above; len >= RTNH_LEN */
			return nf_rt_perr_set(pe, NF_RTE_NEXTHOP_LEN, mp, "rtnh_len shorter than its header");
		nh.flags = flags;
		nh.weight = (uint16_t)(hops + 1);
		nh.ifindex = ifindex;
		nf_cur_get_rest(&body, &attrs);
		while ((k = next_attr(&attrs, &count, &type, &p, pe)) > 0) {
			if (type == RTA_GATEWAY) {
				if (!get_addr(&p, r->family, &nh.gw, pe, "nexthop RTA_GATEWAY length does not match the family"))
					return false;
			} else if (type == RTA_VIA) {
				if (!get_via(&p, &nh.gw, pe))
					return false;
			}
		}
		if (k < 0)
			return false;
		if (r->nnexthops < NF_RT_MAX_NEXTHOPS)
			r->nh[r->nnexthops++] = nh;
		else if (r->nh_dropped < UINT16_MAX)
			r->nh_dropped++;
	}
	return true;
}

static bool parse_route(struct nf_cur *m, struct nf_route *r, bool *skip, struct nf_rt_perr *pe)
{
	uint8_t fam, dst_len, src_len, tos, table, proto, scope, type;
	uint32_t flags;
	unsigned count = 0;
	uint16_t at;
	struct nf_cur h, p;
	int k;

	/* struct rtmsg, carved whole so no field can be read past it */
	if (!nf_cur_get_bytes(m, &h, RTMSG_LEN) || !nf_cur_get_u8(&h, &fam) || !nf_cur_get_u8(&h, &dst_len) ||
	    !nf_cur_get_u8(&h, &src_len) || !nf_cur_get_u8(&h, &tos) || !nf_cur_get_u8(&h, &table) ||
	    !nf_cur_get_u8(&h, &proto) || !nf_cur_get_u8(&h, &scope) || !nf_cur_get_u8(&h, &type) ||
	    !get32(&h, &flags))
		return nf_rt_perr_set(pe, NF_RTE_MSGLEN_SHORT, m, "RTM_NEWROUTE shorter than struct rtmsg (12 bytes)");
	r->family = family_kind(fam);
	if (!r->family) { /* AF_MPLS, RTNL_FAMILY_IPMR, ...: not modelled */
		*skip = true;
		return true;
	}
	if (dst_len > (r->family == NF_ADDR_IPV4 ? 32 : 128))
		return nf_rt_perr_set(pe, NF_RTE_ATTR_VALUE, m, "rtm_dst_len longer than the address");
	r->prefix = dst_len;
	r->table = table;
	r->protocol = proto;
	r->scope = scope;
	r->type = type;
	r->flags = flags;
	while ((k = next_attr(m, &count, &at, &p, pe)) > 0) {
		bool ok = true;

		switch (at) {
		case RTA_DST:
			ok = get_addr(&p, r->family, &r->dst, pe, "RTA_DST length does not match rtm_family");
			break;
		case RTA_GATEWAY:
			ok = get_addr(&p, r->family, &r->gw, pe, "RTA_GATEWAY length does not match rtm_family");
			break;
		case RTA_PREFSRC:
			ok = get_addr(&p, r->family, &r->prefsrc, pe, "RTA_PREFSRC length does not match rtm_family");
			break;
		case RTA_OIF:
			ok = get_u32_attr(&p, &r->ifindex, pe, "RTA_OIF is not 4 bytes");
			break;
		case RTA_PRIORITY:
			/* 0 is "no priority": the kernel and our encoder write no
			 * RTA_PRIORITY for it (rtnetlink(7)), so 0 and 1 differ */
			if (nf_cur_len(&p) == 4)
				nf_rec_edge(nf_cur_offset(&p), 4, NL_LE, 0);
			ok = get_u32_attr(&p, &r->metric, pe, "RTA_PRIORITY is not 4 bytes");
			break;
		case RTA_TABLE: /* overrides the 8-bit rtm_table (ids above 255) */
			ok = get_u32_attr(&p, &r->table, pe, "RTA_TABLE is not 4 bytes");
			break;
		case RTA_VIA:
			ok = get_via(&p, &r->gw, pe);
			break;
		case RTA_MULTIPATH:
			ok = parse_multipath(&p, r, pe);
			break;
		default:
			break;
		}
		if (!ok)
			return false;
	}
	return k == 0;
}

static bool parse_neigh(struct nf_cur *m, struct nf_neigh *n, bool *skip, struct nf_rt_perr *pe)
{
	uint8_t fam, kind, flags, type;
	uint16_t state, at;
	uint32_t ifindex;
	unsigned count = 0;
	struct nf_cur h, p;
	int k;

	/* struct ndmsg; ndm_pad1, ndm_pad2 skipped */
	if (!nf_cur_get_bytes(m, &h, NDMSG_LEN) || !nf_cur_get_u8(&h, &fam) || !nf_cur_skip(&h, 3) ||
	    !get32(&h, &ifindex) || !get16(&h, &state) || !nf_cur_get_u8(&h, &flags) || !nf_cur_get_u8(&h, &type))
		return nf_rt_perr_set(pe, NF_RTE_MSGLEN_SHORT, m, "RTM_NEWNEIGH shorter than struct ndmsg (12 bytes)");
	kind = family_kind(fam);
	if (!kind) { /* AF_BRIDGE fdb entries and the like */
		*skip = true;
		return true;
	}
	n->ifindex = ifindex;
	n->state = state;
	n->flags = flags;
	while ((k = next_attr(m, &count, &at, &p, pe)) > 0) {
		if (at == NDA_DST) {
			if (!get_addr(&p, kind, &n->ip, pe, "NDA_DST length does not match ndm_family"))
				return false;
		} else if (at == NDA_LLADDR) {
			/* 0 (no address), 6 (Ethernet), 16 (ip6 tunnels), 20
			 * (InfiniBand); at most MAX_ADDR_LEN. */
			if (nf_cur_len(&p) > NF_RT_LLADDR_MAX)
				return nf_rt_perr_set(pe, NF_RTE_ATTR_VALUE, &p,
						      "NDA_LLADDR longer than MAX_ADDR_LEN (32)");
			if (nf_cur_empty(&p))
				continue; /* no address: the model holds none, as the printers and encoder read it */
			n->lladdr.kind = NF_ADDR_LINK;
			n->lladdr.len = (uint8_t)nf_cur_len(&p);
			n->lladdr.index = ifindex;
			if (!nf_cur_copy(&p, n->lladdr.a, n->lladdr.len))
				return nf_rt_perr_set(pe, NF_RTE_ATTR_VALUE, &p, "NDA_LLADDR shorter than its length");
		}
	}
	if (k < 0)
		return false;
	if (n->ip.kind == NF_ADDR_NONE)
		return nf_rt_perr_set(pe, NF_RTE_ATTR_VALUE, m, "RTM_NEWNEIGH without NDA_DST");
	return true;
}

static bool parse_link(struct nf_cur *m, struct nf_iface *f, struct nf_rt_perr *pe)
{
	uint32_t index, flags;
	uint16_t at, type;
	unsigned count = 0;
	struct nf_cur h, p;
	int k;

	/* struct ifinfomsg: ifi_family, pad, ifi_type (ARPHRD_*), ifi_index,
	 * ifi_flags, ifi_change */
	if (!nf_cur_get_bytes(m, &h, IFINFOMSG_LEN) || !nf_cur_skip(&h, 2) || !get16(&h, &type) ||
	    !get32(&h, &index) || !get32(&h, &flags))
		return nf_rt_perr_set(pe, NF_RTE_MSGLEN_SHORT, m, "RTM_NEWLINK shorter than struct ifinfomsg (16 bytes)");
	f->index = index;
	f->flags = flags;
	while ((k = next_attr(m, &count, &at, &p, pe)) > 0) {
		if (at == IFLA_IFNAME) {
			nf_rt_copy_name(f->name, &p);
		} else if (at == IFLA_ADDRESS && nf_cur_len(&p) <= NF_RT_LLADDR_MAX) {
			f->lladdr.kind = NF_ADDR_LINK;
			f->lladdr.len = (uint8_t)nf_cur_len(&p);
			f->lladdr.index = index;
			f->lladdr.lltype = type;
			if (!nf_cur_copy(&p, f->lladdr.a, f->lladdr.len))
				return nf_rt_perr_set(pe, NF_RTE_ATTR_VALUE, &p, "IFLA_ADDRESS shorter than its length");
		}
	}
	return k == 0;
}

static bool parse_addr(struct nf_cur *m, struct nf_iface *f, bool *skip, struct nf_rt_perr *pe)
{
	uint8_t fam, plen, kind;
	uint16_t at;
	uint32_t index;
	unsigned count = 0;
	struct nf_cur h, p;
	struct nf_addr local = {0};
	int k;

	/* struct ifaddrmsg; ifa_flags, ifa_scope skipped */
	if (!nf_cur_get_bytes(m, &h, IFADDRMSG_LEN) || !nf_cur_get_u8(&h, &fam) || !nf_cur_get_u8(&h, &plen) ||
	    !nf_cur_skip(&h, 2) || !get32(&h, &index))
		return nf_rt_perr_set(pe, NF_RTE_MSGLEN_SHORT, m, "RTM_NEWADDR shorter than struct ifaddrmsg (8 bytes)");
	kind = family_kind(fam);
	if (!kind || plen > (kind == NF_ADDR_IPV4 ? 32 : 128)) {
		*skip = true;
		return true;
	}
	f->is_addr = true;
	f->index = index;
	f->prefix = plen;
	while ((k = next_attr(m, &count, &at, &p, pe)) > 0) {
		if (at == IFA_LOCAL && !get_addr(&p, kind, &local, pe, "IFA_LOCAL length does not match ifa_family"))
			return false;
		if (at == IFA_ADDRESS && !get_addr(&p, kind, &f->addr, pe, "IFA_ADDRESS length does not match ifa_family"))
			return false;
	}
	if (local.kind) /* IFA_LOCAL is the local address on point-to-point links */
		f->addr = local;
	return k == 0;
}

/* One message body (after the nlmsghdr).  Returns false with pe set. */
static bool parse_message(uint16_t type, struct nf_cur *m, struct nf_rtable *t, struct nf_rt_perr *pe)
{
	bool skip = false;

	switch (type) {
	case RTM_NEWROUTE: {
		/* parse straight into the table's next slot (a route is ~1 KiB
		 * with its nexthops); a bad or skipped one is taken back */
		struct nf_route scratch, *r = nf_rtable_add_route(t);
		bool ok;

		if (!r) {
			memset(&scratch, 0, sizeof scratch);
			r = &scratch;
		}
		ok = parse_route(m, r, &skip, pe);
		if (!ok || skip) {
			if (r == &scratch)
				t->dropped--;
			else
				t->nroutes--;
		}
		return ok;
	}
	case RTM_NEWNEIGH: {
		struct nf_neigh n = {0}, *slot;

		if (!parse_neigh(m, &n, &skip, pe))
			return false;
		if (!skip && (slot = nf_rtable_add_neigh(t)))
			*slot = n;
		return true;
	}
	case RTM_NEWLINK:
	case RTM_NEWADDR: {
		struct nf_iface f = {0}, *slot;

		if (!(type == RTM_NEWLINK ? parse_link(m, &f, pe) : parse_addr(m, &f, &skip, pe)))
			return false;
		if (!skip && (slot = nf_rtable_add_iface(t)))
			*slot = f;
		return true;
	}
	default: /* other rtnetlink messages carry nothing we model */
		return true;
	}
}

enum nf_rt_errcode nf_route_decode_netlink(struct nf_cur *c, struct nf_rtable *t, struct nf_rt_error *err)
{
	size_t rec = 0;

	int msgs = nf_rec_span(nf_cur_offset(c), 0, -2); /* the message list (mutator) */

	nf_rt_error_init(err);
	t->os = NF_RTOS_LINUX;
	while (!nf_cur_empty(c)) {
		size_t off = nf_cur_offset(c);
		struct nf_cur m;
		uint32_t len, seq, pid;
		uint16_t type, flags;
		struct nf_rt_perr pe = {0};

		if (rec >= NF_MAX_ROUTE_MSGS) {
			nf_rt_fail(err, NF_RTE_TOO_MANY, rec, off, off, "more than NF_MAX_ROUTE_MSGS messages", false);
			break;
		}
		if (!peek32(c, &len) || nf_cur_len(c) < NLMSG_HDRLEN) {
			nf_rt_fail(err, NF_RTE_TRUNCATED, rec, off, off,
				   "dump ends inside a struct nlmsghdr (16 bytes)", false);
			break;
		}
		/* nlmsg_len 0 would never advance; below 16 it cannot hold its
		 * own header (NLMSG_OK).  Either way the next message cannot be
		 * found: stop. */
		if (len == 0) {
			nf_rt_fail(err, NF_RTE_MSGLEN_ZERO, rec, off, off,
				   "nlmsg_len is 0: the walk would never advance", false);
			break;
		}
		if (len < NLMSG_HDRLEN) {
			nf_rt_fail(err, NF_RTE_MSGLEN_SHORT, rec, off, off,
				   "nlmsg_len below 16 (sizeof struct nlmsghdr)", false);
			break;
		}
		if (!nf_cur_get_bytes(c, &m, len)) {
			nf_rt_fail(err, NF_RTE_TRUNCATED, rec, off, off, "nlmsg_len runs past the end of the dump", false);
			break;
		}
		/* Structure (mutator): nlmsg_len counts the whole message; the
		 * element (with its NLMSG_ALIGN padding) is one of the dump's. */
		nf_rec_len(off, 4, NL_LE, 0, nf_rec_span(off, len, NF_REC_NONE));
		skip_pad(c, len);
		(void)nf_rec_span(off, nf_cur_offset(c) - off, msgs);
		t->nrecords++;
		if (!get32(&m, &len) || !get16(&m, &type) || !get16(&m, &flags) || !get32(&m, &seq) ||
		    !get32(&m, &pid)) {
			nf_rt_fail(err, NF_RTE_MSGLEN_SHORT, rec, off, nf_cur_offset(&m),
				   "nlmsg_len below 16 (sizeof struct nlmsghdr)", true);
			rec++;
			continue;
		}
		if (type == NLMSG_ERROR) {
			uint32_t e;

			/* struct nlmsgerr: int error, then the request header;
			 * error 0 is an acknowledgement. */
			if (!get32(&m, &e))
				nf_rt_fail(err, NF_RTE_MSGLEN_SHORT, rec, off, nf_cur_offset(&m),
					   "NLMSG_ERROR shorter than struct nlmsgerr", true);
			else if (e != 0) {
				/* a negative errno; anything else (positive, or
				 * INT32_MIN whose negation overflows) is not one */
				bool errno_like = e > 0x80000000u;

				nf_rt_fail(err, NF_RTE_NLMSG_ERROR, rec, off, off,
					   errno_like ? "NLMSG_ERROR from the kernel"
						      : "NLMSG_ERROR whose error is not a negative errno", true);
				if (err->nerrors == 1)
					err->sys_errno = errno_like ? (int)(0u - e) : EPROTO;
			}
		} else if (type != NLMSG_DONE && type != NLMSG_NOOP &&
			   !parse_message(type, &m, t, &pe)) {
			/* nlmsg_len was sound, so the next message is known */
			nf_rt_fail(err, pe.code, rec, off, pe.at, pe.what, true);
		}
		rec++;
	}
	return err->code;
}
