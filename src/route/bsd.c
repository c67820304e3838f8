/* BSD routing-socket dumps (sysctl NET_RT_DUMP, NET_RT_DUMP2, NET_RT_FLAGS,
 * NET_RT_IFLIST): the walker shared by Darwin (darwin.c) and FreeBSD
 * (freebsd.c), which differ only in the numbers in struct nf_bsd_abi.
 *
 * A dump is a run of messages, each starting with u_short msglen, u_char
 * version (RTM_VERSION 5), u_char type (XNU bsd/net/route.h; FreeBSD
 * sys/net/route.h).  A fixed header follows, then one sockaddr per bit set
 * in rtm_addrs, in RTA_* bit order (RTAX_DST .. RTAX_BRD), each padded to
 * the ABI's alignment; a sockaddr with sa_len 0 still takes one alignment
 * unit.  Integers are host order: both ABIs are little-endian here. */
#include "netfuzz/limits.h"
#include "bsd_defs.h"
#include "netfuzz/structure.h"
#include "rt_internal.h"

#include <stddef.h>
#include <string.h>

/* Storage a short sockaddr is copied into (sa_len is a u_char). */
#define SA_STORAGE 256

/* Header offsets of a routing message, common to rt_msghdr and rt_msghdr2. */
#define RTM_OFF_INDEX 4
#define RTM_OFF_FLAGS 8
#define RTM_OFF_ADDRS 12

/* One parsed sockaddr slot. */
struct sa_slot {
	bool present;
	uint8_t sa_len, family;
	struct nf_cur body; /* exactly sa_len bytes of the message */
};

/* Fields at fixed offsets of a carved header.  A field outside the header
 * (an ABI table whose offsets do not fit its sizes) is an error, never an
 * unset value. */
static bool u8_at(const struct nf_cur *h, size_t at, uint8_t *v)
{
	struct nf_cur x;

	return nf_cur_view(h, at, 1, &x) && nf_cur_get_u8(&x, v);
}

static bool u16_at(const struct nf_cur *h, size_t at, uint16_t *v)
{
	struct nf_cur x;

	return nf_cur_view(h, at, 2, &x) && nf_cur_get_u16le(&x, v);
}

static bool u32_at(const struct nf_cur *h, size_t at, uint32_t *v)
{
	struct nf_cur x;

	return nf_cur_view(h, at, 4, &x) && nf_cur_get_u32le(&x, v);
}

/* Skip the padding after an object; the last one of a message may come
 * without it, so a short tail is consumed whole. */
static void skip_pad(struct nf_cur *c, size_t pad)
{
	struct nf_cur rest;

	if (!nf_cur_skip(c, pad))
		nf_cur_get_rest(c, &rest);
}

static size_t sa_space(const struct nf_bsd_abi *abi, uint8_t sa_len)
{
	/* Darwin ROUNDUP(a): a > 0 ? 1 + ((a - 1) | 3) : 4 (bsd/net/rtsock.c);
	 * FreeBSD SA_SIZE(sa): sa_len 0 ? sizeof(long) : 1 + ((sa_len - 1) |
	 * (sizeof(long) - 1)) (sys/net/route.h). */
	if (sa_len == 0)
		return abi->sa_align;
	return 1 + (((size_t)sa_len - 1) | (abi->sa_align - 1));
}

/* Walk the sockaddrs announced by `addrs` from cursor c (the rest of the
 * message).  Fails on a sockaddr that does not fit in the message. */
static bool walk_sockaddrs(const struct nf_bsd_abi *abi, struct nf_cur *c, uint32_t addrs,
			   struct sa_slot slots[RTAX_MAX], struct nf_rt_perr *pe)
{
	static const char *const missing = "rtm_addrs announces a sockaddr but the message ends";

	memset(slots, 0, sizeof(struct sa_slot) * RTAX_MAX);
	for (int i = 0; i < RTAX_MAX && i < NF_MAX_BSD_SOCKADDRS; i++) {
		uint8_t len, fam = 0;
		size_t space;

		if (!(addrs & (1u << i)))
			continue;
		if (!nf_cur_peek_u8(c, &len))
			return nf_rt_perr_set(pe, NF_RTE_SOCKADDR, c, missing);
		space = sa_space(abi, len);
		if (len > nf_cur_len(c))
			return nf_rt_perr_set(pe, NF_RTE_SOCKADDR, c, "sa_len runs past the end of the message");
		if (!nf_cur_get_bytes(c, &slots[i].body, len))
			return nf_rt_perr_set(pe, NF_RTE_SOCKADDR, c, missing);
		/* Structure (mutator): sa_len is the sockaddr's own length. */
		nf_rec_len(nf_cur_offset(&slots[i].body), 1, false, 0,
			   nf_rec_span(nf_cur_offset(&slots[i].body), len, NF_REC_NONE));
		if (len >= 2 && !u8_at(&slots[i].body, 1, &fam))
			return nf_rt_perr_set(pe, NF_RTE_SOCKADDR, c, "sockaddr shorter than sa_len + sa_family");
		slots[i].present = true;
		slots[i].sa_len = len;
		slots[i].family = fam;
		/* padding: sa_len 0 still takes a whole unit; the last
		 * sockaddr of a message may end without its padding */
		skip_pad(c, space - len);
	}
	return true;
}

/* Copy a sockaddr into zeroed storage (only sa_len bytes: netmasks are often
 * short) and read `n` address bytes at `at`. */
static bool sa_bytes(const struct sa_slot *s, size_t at, uint8_t *out, size_t n, struct nf_rt_perr *pe)
{
	uint8_t storage[SA_STORAGE] = {0};
	struct nf_cur body = s->body, st;

	nf_cur_init(&st, storage, sizeof storage);
	if (!nf_cur_copy(&body, storage, s->sa_len) || !nf_cur_skip(&st, at) || !nf_cur_copy(&st, out, n))
		return nf_rt_perr_set(pe, NF_RTE_SOCKADDR, &s->body, "sockaddr address outside its storage");
	return true;
}

/* An IP sockaddr (sockaddr_in: address at 4; sockaddr_in6: at 8).  1: read;
 * 0: another family (not modelled); -1: error in pe. */
static int sa_ip(const struct nf_bsd_abi *abi, const struct sa_slot *s, struct nf_addr *a, struct nf_rt_perr *pe)
{
	memset(a, 0, sizeof *a);
	if (s->family == BSD_AF_INET) {
		a->kind = NF_ADDR_IPV4;
		a->len = 4;
		return sa_bytes(s, 4, a->a, 4, pe) ? 1 : -1;
	}
	if (s->family == abi->af_inet6) {
		a->kind = NF_ADDR_IPV6;
		a->len = 16;
		return sa_bytes(s, 8, a->a, 16, pe) ? 1 : -1;
	}
	return 0;
}

/* A sockaddr_dl (net/if_dl.h): index, type, name (sdl_nlen bytes of
 * sdl_data) and link address (sdl_alen bytes after the name, LLADDR()).
 * Name and address must lie within sdl_len, which walk_sockaddrs already
 * bounded by the message. */
static bool sa_dl(const struct sa_slot *s, struct nf_addr *ll, char name[NF_RT_IFNAMSIZ],
		  struct nf_rt_perr *pe)
{
	struct nf_cur c = s->body, data, nm, la;
	uint16_t index;
	uint8_t type, nlen, alen, slen;

	/* sdl_len, sdl_family, sdl_index, sdl_type, sdl_nlen, sdl_alen, sdl_slen */
	if (!nf_cur_skip(&c, 2) || !nf_cur_get_u16le(&c, &index) || !nf_cur_get_u8(&c, &type) ||
	    !nf_cur_get_u8(&c, &nlen) || !nf_cur_get_u8(&c, &alen) || !nf_cur_get_u8(&c, &slen))
		return nf_rt_perr_set(pe, NF_RTE_SOCKADDR_DL, &s->body, "sockaddr_dl shorter than its 8-byte header");
	data = c; /* sdl_data: the name, then the link address (LLADDR) */
	if (!nf_cur_get_bytes(&c, &nm, nlen) || !nf_cur_get_bytes(&c, &la, alen))
		return nf_rt_perr_set(pe, NF_RTE_SOCKADDR_DL, &data,
				      "sdl_nlen + sdl_alen run past sdl_len (LLADDR would over-read)");
	if (alen > NF_RT_LLADDR_MAX)
		return nf_rt_perr_set(pe, NF_RTE_SOCKADDR_DL, &data, "sdl_alen longer than 32 bytes");
	memset(ll, 0, sizeof *ll);
	ll->kind = NF_ADDR_LINK;
	ll->index = index;
	ll->len = alen;
	ll->lltype = type;
	if (name)
		nf_rt_copy_name(name, &nm);
	return nf_cur_copy(&la, ll->a, alen) ||
	       nf_rt_perr_set(pe, NF_RTE_SOCKADDR_DL, &la, "sdl_alen bytes missing");
}

/* Prefix length of a netmask sockaddr read as `kind` (leading one bits;
 * sa_len 0 is the all-zero mask of a default route). */
static bool sa_prefix(const struct sa_slot *s, uint8_t kind, uint8_t *prefix, struct nf_rt_perr *pe)
{
	uint8_t m[16];
	size_t n = kind == NF_ADDR_IPV4 ? 4 : 16;

	if (!sa_bytes(s, kind == NF_ADDR_IPV4 ? 4 : 8, m, n, pe))
		return false;
	*prefix = nf_rt_mask_prefix(m, n);
	return true;
}

static uint8_t flags_type(uint32_t flags)
{
	if (flags & RTF_BLACKHOLE)
		return NF_RTN_BLACKHOLE;
	if (flags & RTF_REJECT)
		return NF_RTN_UNREACHABLE;
	if (flags & RTF_LOCAL)
		return NF_RTN_LOCAL;
	if (flags & RTF_BROADCAST)
		return NF_RTN_BROADCAST;
	if (flags & RTF_MULTICAST)
		return NF_RTN_MULTICAST;
	return NF_RTN_UNICAST;
}

/* RTM_GET / RTM_ADD / RTM_CHANGE (rt_msghdr) and RTM_GET2 (rt_msghdr2). */
static bool parse_rtm(const struct nf_bsd_abi *abi, struct nf_cur *m, struct nf_rtable *t,
		      struct nf_rt_perr *pe)
{
	struct nf_cur h;
	struct sa_slot sa[RTAX_MAX];
	uint16_t index;
	uint32_t flags, addrs, expire;
	struct nf_addr dst;
	int k;

	if (!nf_cur_get_bytes(m, &h, abi->rtm_hdr))
		return nf_rt_perr_set(pe, NF_RTE_MSGLEN_SHORT, m, "rtm_msglen shorter than struct rt_msghdr");
	/* expire: the low 32 bits of a u_long on LP64 */
	if (!u16_at(&h, RTM_OFF_INDEX, &index) || !u32_at(&h, RTM_OFF_FLAGS, &flags) ||
	    !u32_at(&h, RTM_OFF_ADDRS, &addrs) || !u32_at(&h, abi->rmx_expire_off, &expire))
		return nf_rt_perr_set(pe, NF_RTE_MSGLEN_SHORT, &h, "rt_msghdr field outside struct rt_msghdr");
	if (!walk_sockaddrs(abi, m, addrs, sa, pe))
		return false;
	if (!sa[RTAX_DST].present || (k = sa_ip(abi, &sa[RTAX_DST], &dst, pe)) == 0)
		return true; /* AF_LINK / unknown-family destinations: not modelled */
	if (k < 0)
		return false;

	if ((flags & RTF_LLINFO) && sa[RTAX_GATEWAY].present && sa[RTAX_GATEWAY].family == BSD_AF_LINK) {
		/* An ARP / NDP entry (NET_RT_FLAGS with RTF_LLINFO). */
		struct nf_neigh n = {0}, *slot;

		if (!sa_dl(&sa[RTAX_GATEWAY], &n.lladdr, n.ifname, pe))
			return false;
		n.ip = dst;
		n.ifindex = n.lladdr.index ? n.lladdr.index : index;
		n.lladdr.index = n.ifindex;
		n.rtflags = flags;
		n.expire = expire;
		n.state = n.lladdr.len == 0 ? NF_NUD_INCOMPLETE : expire == 0 ? NF_NUD_PERMANENT : NF_NUD_REACHABLE;
		if (abi->rtf_router && (flags & abi->rtf_router))
			n.flags = 0x80; /* NTF_ROUTER */
		if (sa[RTAX_IFP].present && sa[RTAX_IFP].family == BSD_AF_LINK) {
			struct nf_addr ifl;
			if (!sa_dl(&sa[RTAX_IFP], &ifl, n.ifname, pe))
				return false;
		}
		if ((slot = nf_rtable_add_neigh(t)))
			*slot = n;
		return true;
	}

	struct nf_route r, *slot;

	memset(&r, 0, offsetof(struct nf_route, nh)); /* nh[] stays unused: no multipath here */
	r.family = dst.kind;
	r.dst = dst;
	r.flags = flags;
	r.type = flags_type(flags);
	r.ifindex = index;
	r.table = NF_RT_TABLE_MAIN;
	r.expire = expire;
	if (sa[RTAX_NETMASK].present) {
		if (!sa_prefix(&sa[RTAX_NETMASK], dst.kind, &r.prefix, pe))
			return false;
	} else
		r.prefix = dst.kind == NF_ADDR_IPV4 ? 32 : 128; /* no mask: host route */
	if (flags & RTF_HOST)
		r.prefix = dst.kind == NF_ADDR_IPV4 ? 32 : 128;
	if (sa[RTAX_GATEWAY].present) {
		if (sa[RTAX_GATEWAY].family == BSD_AF_LINK) {
			/* An interface route (RTF_GATEWAY clear): its gateway is
			 * the link, and its sockaddr_dl often names it ("en0").
			 * RTAX_IFP, when present, overwrites the name below. */
			if (!sa_dl(&sa[RTAX_GATEWAY], &r.gw, r.ifname, pe))
				return false;
		} else if (sa_ip(abi, &sa[RTAX_GATEWAY], &r.gw, pe) < 0) {
			return false;
		}
	}
	if (sa[RTAX_IFP].present && sa[RTAX_IFP].family == BSD_AF_LINK) {
		struct nf_addr ifl;
		if (!sa_dl(&sa[RTAX_IFP], &ifl, r.ifname, pe))
			return false;
	}
	if (sa[RTAX_IFA].present && sa_ip(abi, &sa[RTAX_IFA], &r.prefsrc, pe) < 0)
		return false;
	if ((slot = nf_rtable_add_route(t))) /* comes zeroed */
		memcpy(slot, &r, offsetof(struct nf_route, nh));
	return true;
}

/* The start shared by struct if_msghdr and struct ifa_msghdr: msglen,
 * version, type, then int addrs, int flags, u_short index; `hdr` is the
 * struct's size, after which the sockaddrs follow. */
static bool if_header(const struct nf_bsd_abi *abi, struct nf_cur *m, size_t hdr, const char *what,
		      struct sa_slot sa[RTAX_MAX], uint32_t *flags, uint16_t *index, struct nf_rt_perr *pe)
{
	struct nf_cur h;
	uint32_t addrs;

	if (!nf_cur_get_bytes(m, &h, hdr) || !u32_at(&h, 4, &addrs) || !u32_at(&h, 8, flags) ||
	    !u16_at(&h, 12, index))
		return nf_rt_perr_set(pe, NF_RTE_MSGLEN_SHORT, m, what);
	return walk_sockaddrs(abi, m, addrs, sa, pe);
}

/* RTM_IFINFO (struct if_msghdr): the interface's sockaddr_dl at RTAX_IFP. */
static bool parse_ifinfo(const struct nf_bsd_abi *abi, struct nf_cur *m, struct nf_rtable *t,
			 struct nf_rt_perr *pe)
{
	struct sa_slot sa[RTAX_MAX];
	struct nf_iface f = {0}, *slot;
	uint32_t flags;
	uint16_t index;

	if (!if_header(abi, m, abi->ifm_hdr, "ifm_msglen shorter than struct if_msghdr", sa, &flags, &index, pe))
		return false;
	f.index = index;
	f.flags = flags;
	if (sa[RTAX_IFP].present && sa[RTAX_IFP].family == BSD_AF_LINK &&
	    !sa_dl(&sa[RTAX_IFP], &f.lladdr, f.name, pe))
		return false;
	if ((slot = nf_rtable_add_iface(t)))
		*slot = f;
	return true;
}

/* RTM_NEWADDR (struct ifa_msghdr): NETMASK, IFA, BRD sockaddrs. */
static bool parse_ifaddr(const struct nf_bsd_abi *abi, struct nf_cur *m, struct nf_rtable *t,
			 struct nf_rt_perr *pe)
{
	struct sa_slot sa[RTAX_MAX];
	struct nf_iface f = {0}, *slot;
	uint32_t flags;
	uint16_t index;
	int k;

	if (!if_header(abi, m, abi->ifam_hdr, "ifam_msglen shorter than struct ifa_msghdr", sa, &flags, &index, pe))
		return false;
	if (!sa[RTAX_IFA].present || (k = sa_ip(abi, &sa[RTAX_IFA], &f.addr, pe)) == 0)
		return true;
	if (k < 0)
		return false;
	f.is_addr = true;
	f.index = index;
	f.flags = flags;
	f.prefix = f.addr.kind == NF_ADDR_IPV4 ? 32 : 128;
	if (sa[RTAX_NETMASK].present && !sa_prefix(&sa[RTAX_NETMASK], f.addr.kind, &f.prefix, pe))
		return false;
	if ((slot = nf_rtable_add_iface(t)))
		*slot = f;
	return true;
}

/* How well does message m (one whole message) fit this ABI?  2: its fixed
 * header, then the announced sockaddrs, padded, end exactly at msglen; 1:
 * the first sockaddr after the header at least looks like one (a known
 * family); 0: neither.  Used to tell Darwin from FreeBSD dumps. */
int nf_bsd_fits(const struct nf_bsd_abi *abi, const struct nf_cur *m)
{
	struct nf_cur c = *m;
	uint32_t addrs;
	uint8_t type;
	size_t h, addrs_at;
	bool first = true, plausible = false;

	if (!u8_at(m, 3, &type))
		return 0;
	if (type == RTM_IFINFO || type == RTM_NEWADDR) {
		h = type == RTM_IFINFO ? abi->ifm_hdr : abi->ifam_hdr;
		addrs_at = 4;
	} else {
		h = abi->rtm_hdr;
		addrs_at = RTM_OFF_ADDRS;
	}
	if (!u32_at(m, addrs_at, &addrs) || !nf_cur_skip(&c, h))
		return 0;
	for (int i = 0; i < RTAX_MAX; i++) {
		uint8_t len, fam = 0;

		if (!(addrs & (1u << i)))
			continue;
		if (!nf_cur_peek_u8(&c, &len))
			return plausible;
		if (first) {
			plausible = len >= 2 && u8_at(&c, 1, &fam) &&
				    (fam == BSD_AF_INET || fam == abi->af_inet6 || fam == BSD_AF_LINK);
			first = false;
		}
		if (!nf_cur_skip(&c, sa_space(abi, len)))
			return plausible;
	}
	return nf_cur_empty(&c) ? 2 : plausible;
}

enum nf_rt_errcode nf_bsd_decode(const struct nf_bsd_abi *abi, struct nf_cur *c, struct nf_rtable *t,
				 struct nf_rt_error *err)
{
	size_t rec = 0;
	int msgs = nf_rec_span(nf_cur_offset(c), 0, -2); /* the message list (mutator) */

	nf_rt_error_init(err);
	t->os = abi->os;
	while (!nf_cur_empty(c)) {
		size_t off = nf_cur_offset(c);
		struct nf_cur m;
		uint16_t msglen;
		uint8_t version, type;
		struct nf_rt_perr pe = {0};
		bool ok = true;

		if (rec >= NF_MAX_ROUTE_MSGS) {
			nf_rt_fail(err, NF_RTE_TOO_MANY, rec, off, off, "more than NF_MAX_ROUTE_MSGS messages", false);
			break;
		}
		if (nf_cur_len(c) < 4 || !nf_cur_peek_u16le(c, &msglen)) {
			nf_rt_fail(err, NF_RTE_TRUNCATED, rec, off, off,
				   "dump ends inside a message header (msglen, version, type)", false);
			break;
		}
		/* msglen 0 never advances (Apple's arp(8) loops here); below 4
		 * it cannot hold its own header.  The next message is then
		 * unknowable: stop. */
		if (msglen == 0) {
			nf_rt_fail(err, NF_RTE_MSGLEN_ZERO, rec, off, off,
				   "rtm_msglen is 0: the walk would never advance", false);
			break;
		}
		if (msglen < 4) {
			nf_rt_fail(err, NF_RTE_MSGLEN_SHORT, rec, off, off,
				   "rtm_msglen below 4 cannot hold its own header", false);
			break;
		}
		if (!nf_cur_get_bytes(c, &m, msglen)) {
			nf_rt_fail(err, NF_RTE_TRUNCATED, rec, off, off, "rtm_msglen runs past the end of the dump", false);
			break;
		}
		/* Structure (mutator): msglen counts the whole message, which
		 * is one element of the dump. */
		nf_rec_len(off, 2, true, 0, nf_rec_span(off, msglen, msgs));
		t->nrecords++;
		if (!u8_at(&m, 2, &version) || !u8_at(&m, 3, &type)) { /* msglen >= 4 holds them */
			nf_rt_fail(err, NF_RTE_MSGLEN_SHORT, rec, off, off, "rtm_msglen cannot hold its own header", true);
			rec++;
			continue;
		}
		if (version != RTM_VERSION) {
			/* msglen is sound, so the message can be skipped */
			nf_rt_fail(err, NF_RTE_VERSION, rec, off, off + 2, "rtm_version is not RTM_VERSION (5)", true);
			rec++;
			continue;
		}
		switch (type) {
		case RTM_ADD:
		case RTM_CHANGE:
		case RTM_GET:
			ok = parse_rtm(abi, &m, t, &pe);
			break;
		case RTM_GET2:
			ok = abi->has_rtm_get2 ? parse_rtm(abi, &m, t, &pe) : true;
			break;
		case RTM_IFINFO:
			ok = parse_ifinfo(abi, &m, t, &pe);
			break;
		case RTM_NEWADDR:
			ok = parse_ifaddr(abi, &m, t, &pe);
			break;
		default: /* RTM_NEWMADDR, RTM_IFINFO2, ...: skipped by msglen */
			break;
		}
		if (!ok)
			nf_rt_fail(err, pe.code, rec, off, pe.at, pe.what, true);
		rec++;
	}
	nf_rtable_resolve_ifnames(t);
	return err->code;
}
