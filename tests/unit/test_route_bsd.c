/* Darwin and FreeBSD routing-socket decoders on spec-derived bytes (XNU
 * bsd/net/route.h, net/if_dl.h; FreeBSD sys/net/route.h), and the model ->
 * dump -> model round trip through the encoder. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "netfuzz/route.h"

static struct nf_route routes[64];
static struct nf_neigh neighs[64];
static struct nf_iface ifaces[16];

/* A little-endian rt_msghdr written field by field from the header layout:
 * msglen@0 version@2 type@3 index@4 flags@8 addrs@12, rmx_expire at 48
 * (Darwin: rt_metrics at 36, 32-bit fields) or 64 (FreeBSD LP64: rt_metrics
 * at 40, u_long fields); size 92 / 152. */
struct msg {
	uint8_t b[512];
	size_t n;
};

static void le(uint8_t *p, uint64_t v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static void hdr(struct msg *m, bool freebsd, uint8_t type, uint16_t index, uint32_t flags, uint32_t addrs,
		uint32_t expire)
{
	size_t h = freebsd ? 152 : 92;

	memset(m, 0, sizeof *m);
	m->b[2] = 5; /* RTM_VERSION */
	m->b[3] = type;
	le(m->b + 4, index, 2);
	le(m->b + 8, flags, 4);
	le(m->b + 12, addrs, 4);
	le(m->b + (freebsd ? 64 : 48), expire, freebsd ? 8 : 4);
	m->n = h;
}

static void add_bytes(struct msg *m, const uint8_t *p, size_t n)
{
	memcpy(m->b + m->n, p, n);
	m->n += n;
}

static void finish(struct msg *m)
{
	le(m->b, m->n, 2);
}

static enum nf_rt_errcode decode(bool freebsd, const uint8_t *p, size_t n, struct nf_rtable *t,
				 struct nf_rt_error *e)
{
	struct nf_cur c;

	nf_rtable_init_fixed(t, routes, 64, neighs, 64, ifaces, 16);
	nf_cur_init(&c, p, n);
	return freebsd ? nf_route_decode_freebsd(&c, t, e) : nf_route_decode_darwin(&c, t, e);
}

/* sockaddr_in (16 bytes: len, family AF_INET 2, port, addr, zero[8]) */
#define SIN(a, b, c, d) 16, 2, 0, 0, a, b, c, d, 0, 0, 0, 0, 0, 0, 0, 0
/* sockaddr_dl for en0 index 4, IFT_ETHER, 6-byte address: 8 + 3 + 6 = 17,
 * padded to the 20-byte struct (Darwin ROUNDUP keeps 20). */
#define SDL_EN0 20, 18, 4, 0, 6, 3, 6, 0, 'e', 'n', '0', 0xa4, 0x83, 0xe7, 0x01, 0x02, 0x03, 0, 0, 0

/* Darwin: default via 192.168.1.1 on en0, the netmask a 0-length
 * sockaddr that still takes 4 bytes (ROUNDUP). */
static void test_darwin_default_route(void **state)
{
	static const uint8_t sas[] = {SIN(0, 0, 0, 0), SIN(192, 168, 1, 1), 0, 0, 0, 0, SDL_EN0};
	struct msg m;
	struct nf_rtable t;
	struct nf_rt_error e;
	char buf[64];

	(void)state;
	hdr(&m, false, 4 /* RTM_GET */, 4, 0x1 | 0x2 | 0x800 | 0x1000000 /* UGS IFSCOPE */, 0x17, 0);
	add_bytes(&m, sas, sizeof sas);
	finish(&m);
	assert_int_equal(m.n, 92 + 16 + 16 + 4 + 20);
	assert_int_equal(decode(false, m.b, m.n, &t, &e), NF_RTE_OK);
	assert_int_equal(t.nroutes, 1);
	assert_int_equal(t.routes[0].prefix, 0);
	assert_string_equal(t.routes[0].ifname, "en0");
	assert_int_equal(t.routes[0].ifindex, 4);
	nf_addr_format(&t.routes[0].gw, buf, sizeof buf);
	assert_string_equal(buf, "192.168.1.1");
	nf_route_flag_letters(NF_RTOS_DARWIN, t.routes[0].flags, buf, sizeof buf);
	assert_string_equal(buf, "UGSI");
}

/* Darwin: a short netmask (sa_len 5: one byte of sin_addr, 255) means /8;
 * only sa_len bytes are used, the rest reads as zero. */
static void test_darwin_short_netmask(void **state)
{
	static const uint8_t sas[] = {SIN(10, 0, 0, 0), 20, 18, 4, 0, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
				      5, 2, 0, 0, 255, 0, 0, 0};
	struct msg m;
	struct nf_rtable t;
	struct nf_rt_error e;
	char buf[64];

	(void)state;
	hdr(&m, false, 4, 4, 0x1 | 0x100, 0x7, 0);
	add_bytes(&m, sas, sizeof sas);
	finish(&m);
	assert_int_equal(decode(false, m.b, m.n, &t, &e), NF_RTE_OK);
	assert_int_equal(t.routes[0].prefix, 8);
	nf_addr_format(&t.routes[0].gw, buf, sizeof buf);
	assert_string_equal(buf, "link#4");
}

/* Darwin NET_RT_FLAGS RTF_LLINFO: one complete and one incomplete ARP
 * entry (sdl_alen 0 means "(incomplete)"), RTF_ROUTER on the first. */
static void test_darwin_arp(void **state)
{
	static const uint8_t sa1[] = {SIN(192, 168, 1, 1), 20, 18, 4, 0, 6, 0, 6, 0, 0xa4, 0x83, 0xe7, 1, 2, 3,
				      0, 0, 0, 0, 0, 0};
	static const uint8_t sa2[] = {SIN(192, 168, 1, 9), 20, 18, 4, 0, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
	uint8_t dump[1024];
	size_t n = 0;
	struct msg m;
	struct nf_rtable t;
	struct nf_rt_error e;
	char buf[64];

	(void)state;
	hdr(&m, false, 4, 4, 0x1 | 0x4 | 0x400 | 0x10000000, 0x3, 1200);
	add_bytes(&m, sa1, sizeof sa1);
	finish(&m);
	memcpy(dump, m.b, m.n);
	n = m.n;
	hdr(&m, false, 4, 4, 0x1 | 0x4 | 0x400, 0x3, 0);
	add_bytes(&m, sa2, sizeof sa2);
	finish(&m);
	memcpy(dump + n, m.b, m.n);
	n += m.n;
	assert_int_equal(decode(false, dump, n, &t, &e), NF_RTE_OK);
	assert_int_equal(t.nroutes, 0);
	assert_int_equal(t.nneighs, 2);
	nf_addr_format(&t.neighs[0].lladdr, buf, sizeof buf);
	assert_string_equal(buf, "a4:83:e7:01:02:03");
	assert_int_equal(t.neighs[0].state, NF_NUD_REACHABLE);
	assert_int_equal(t.neighs[0].flags, 0x80);
	assert_int_equal(t.neighs[1].lladdr.len, 0);
	assert_int_equal(t.neighs[1].state, NF_NUD_INCOMPLETE);
}

/* FreeBSD LP64: 152-byte header, SA_SIZE pads to 8 and sa_len 0 takes 8. */
static void test_freebsd_default_route(void **state)
{
	static const uint8_t sas[] = {SIN(0, 0, 0, 0), SIN(10, 0, 0, 1), 0, 0, 0, 0, 0, 0, 0, 0,
				      20, 18, 2, 0, 6, 3, 6, 0, 'e', 'm', '0', 1, 2, 3, 4, 5, 6, 0, 0, 0, 0, 0, 0, 0};
	struct msg m;
	struct nf_rtable t;
	struct nf_rt_error e;

	(void)state;
	hdr(&m, true, 4, 2, 0x803, 0x17, 0);
	add_bytes(&m, sas, sizeof sas);
	finish(&m);
	assert_int_equal(m.n, 152 + 16 + 16 + 8 + 24);
	assert_int_equal(decode(true, m.b, m.n, &t, &e), NF_RTE_OK);
	assert_int_equal(t.nroutes, 1);
	assert_string_equal(t.routes[0].ifname, "em0");
	assert_int_equal(t.routes[0].prefix, 0);
	/* auto-detection tells the 152-byte header from Darwin's 92 */
	{
		struct nf_cur c;
		nf_cur_init(&c, m.b, m.n);
		assert_int_equal(nf_route_detect(&c), NF_RTFMT_FREEBSD);
	}
}

/* The "Why" pitfalls, each rejected with its own error. */
static void test_pitfalls(void **state)
{
	static const uint8_t dl_past[] = {SIN(10, 0, 0, 1), 20, 18, 4, 0, 6, 3, 30, 0, 'e', 'n', '0', 1, 2, 3, 4, 5, 6,
					  7, 8, 9};
	struct msg m;
	struct nf_rtable t;
	struct nf_rt_error e;
	uint8_t zero[8] = {0};
	uint8_t two[200];

	(void)state;
	/* msglen 0 after a good message: stops, no resync */
	hdr(&m, false, 4, 4, 0x5, 0x1, 0);
	{
		static const uint8_t d[] = {SIN(10, 0, 0, 1)};
		add_bytes(&m, d, sizeof d);
	}
	finish(&m);
	memcpy(two, m.b, m.n);
	memcpy(two + m.n, zero, sizeof zero);
	assert_int_equal(decode(false, two, m.n + sizeof zero, &t, &e), NF_RTE_MSGLEN_ZERO);
	assert_int_equal(e.record, 1);
	assert_int_equal(e.offset, m.n);
	assert_false(e.resynced);
	assert_int_equal(t.nroutes, 1);

	/* sockaddr_dl whose sdl_alen (30) runs past sdl_len (20) */
	hdr(&m, false, 4, 4, 0x1 | 0x4 | 0x400, 0x3, 0);
	add_bytes(&m, dl_past, sizeof dl_past);
	finish(&m);
	assert_int_equal(decode(false, m.b, m.n, &t, &e), NF_RTE_SOCKADDR_DL);
	assert_true(e.resynced);
	assert_int_equal(t.nneighs, 0);

	/* sa_len past the end of its message */
	hdr(&m, false, 4, 4, 0x1, 0x1, 0);
	{
		static const uint8_t d[] = {100, 2, 0, 0, 10, 0, 0, 1};
		add_bytes(&m, d, sizeof d);
	}
	finish(&m);
	assert_int_equal(decode(false, m.b, m.n, &t, &e), NF_RTE_SOCKADDR);
	assert_int_equal(e.at, 92);

	/* a wrong rtm_version is skipped by msglen */
	hdr(&m, false, 4, 4, 0x1, 0, 0);
	m.b[2] = 4;
	finish(&m);
	assert_int_equal(decode(false, m.b, m.n, &t, &e), NF_RTE_VERSION);
	assert_true(e.resynced);

	/* msglen shorter than the header: message skipped */
	hdr(&m, false, 4, 4, 0x1, 0, 0);
	m.n = 40;
	finish(&m);
	assert_int_equal(decode(false, m.b, m.n, &t, &e), NF_RTE_MSGLEN_SHORT);
	assert_true(e.resynced);

	/* msglen runs past the dump */
	hdr(&m, false, 4, 4, 0x1, 0, 0);
	finish(&m);
	assert_int_equal(decode(false, m.b, m.n - 1, &t, &e), NF_RTE_TRUNCATED);
	assert_false(e.resynced);
}

/* Each fixed header one byte short: an error value for that record (the
 * record is skipped by msglen), never a half-read header. */
static void test_short_headers(void **state)
{
	static const uint8_t sdl_short[] = {SIN(10, 0, 0, 0), 7, 18, 4, 0, 6, 0, 0, 0};
	struct msg m;
	struct nf_rtable t;
	struct nf_rt_error e;

	(void)state;
	/* RTM_IFINFO: Darwin if_msghdr is 112 bytes; FreeBSD's is bigger */
	for (int bsd = 0; bsd < 2; bsd++) {
		hdr(&m, bsd, 0xe /* RTM_IFINFO */, 4, 0x1, 0, 0);
		m.n = 111;
		finish(&m);
		assert_int_equal(decode(bsd, m.b, m.n, &t, &e), NF_RTE_MSGLEN_SHORT);
		assert_true(e.resynced);
		assert_int_equal(t.nifaces, 0);
		/* RTM_NEWADDR: ifa_msghdr is 20 bytes on both */
		hdr(&m, bsd, 0xc /* RTM_NEWADDR */, 4, 0x1, 0, 0);
		m.n = 19;
		finish(&m);
		assert_int_equal(decode(bsd, m.b, m.n, &t, &e), NF_RTE_MSGLEN_SHORT);
		assert_int_equal(e.at, 0);
	}
	/* a sockaddr_dl gateway of sa_len 7, one short of its 8-byte header */
	hdr(&m, false, 4, 4, 0x1, 0x3, 0);
	add_bytes(&m, sdl_short, sizeof sdl_short);
	finish(&m);
	assert_int_equal(decode(false, m.b, m.n, &t, &e), NF_RTE_SOCKADDR_DL);
	assert_int_equal(e.at, 92 + 16);
	assert_int_equal(t.nroutes, 0);
}

/* Darwin interface route (no RTF_GATEWAY): the gateway is the link's
 * sockaddr_dl, which names the interface; with no RTAX_IFP that name is the
 * route's ifname (netstat -rn prints it in the Netif column). */
static void test_darwin_ifname_from_gateway_sdl(void **state)
{
	static const uint8_t sas[] = {SIN(10, 0, 0, 0), SDL_EN0, 8, 2, 0, 0, 255, 0, 0, 0};
	struct msg m;
	struct nf_rtable t;
	struct nf_rt_error e;

	(void)state;
	hdr(&m, false, 4, 4, 0x1 /* RTF_UP */, 0x7 /* DST GATEWAY NETMASK */, 0);
	add_bytes(&m, sas, sizeof sas);
	finish(&m);
	assert_int_equal(decode(false, m.b, m.n, &t, &e), NF_RTE_OK);
	assert_int_equal(t.nroutes, 1);
	assert_int_equal(t.routes[0].prefix, 8);
	assert_string_equal(t.routes[0].ifname, "en0");
	assert_int_equal(t.routes[0].gw.kind, NF_ADDR_LINK);
}

/* ------------------------------------------------------------ round trip */

static void build_model(struct nf_rtable *t, enum nf_rt_os os)
{
	struct nf_route *r;
	struct nf_neigh *n;
	struct nf_iface *f;

	nf_rtable_init_fixed(t, routes, 64, neighs, 64, ifaces, 16);
	t->os = os;
	f = nf_rtable_add_iface(t);
	f->index = 4;
	strcpy(f->name, "en0");
	f->lladdr = (struct nf_addr){.kind = NF_ADDR_LINK, .len = 6, .index = 4, .a = {0xa4, 0x83, 0xe7, 1, 2, 3}};
	f = nf_rtable_add_iface(t);
	f->index = 7;
	strcpy(f->name, "utun3");
	f = nf_rtable_add_iface(t);
	f->is_addr = true;
	f->index = 4;
	nf_addr_parse("192.168.1.20", &f->addr);
	f->prefix = 24;

	const struct {
		const char *dst, *gw;
		uint8_t prefix, type;
		uint32_t ifindex, flags;
		const char *ifname;
	} rs[] = {
		{"0.0.0.0", "192.168.1.1", 0, NF_RTN_UNICAST, 4, 0x803, "en0"},
		{"0.0.0.0", "10.8.0.1", 1, NF_RTN_UNICAST, 7, 0x803, "utun3"},       /* def1 */
		{"128.0.0.0", "10.8.0.1", 1, NF_RTN_UNICAST, 7, 0x803, "utun3"},
		{"192.168.1.0", NULL, 24, NF_RTN_UNICAST, 4, 0x1000101, "en0"},     /* IFSCOPE cloning */
		{"10.11.12.0", "192.168.1.254", 23, NF_RTN_UNICAST, 4, 0x803, "en0"},
		{"203.0.113.0", NULL, 24, NF_RTN_BLACKHOLE, 4, 0x1801, "en0"},
		{"198.51.100.7", "192.168.1.1", 32, NF_RTN_UNICAST, 4, 0x807, "en0"},
		{"2001:db8::", "fe80::1", 32, NF_RTN_UNICAST, 4, 0x803, "en0"},
		{"::", "fe80::1", 0, NF_RTN_UNICAST, 4, 0x803, "en0"},
		{"2001:db8:1::", NULL, 48, NF_RTN_UNICAST, 4, 0x101, "en0"},
	};
	for (size_t i = 0; i < sizeof rs / sizeof rs[0]; i++) {
		r = nf_rtable_add_route(t);
		assert_true(nf_addr_parse(rs[i].dst, &r->dst));
		r->family = r->dst.kind;
		r->prefix = rs[i].prefix;
		r->type = rs[i].type;
		r->table = NF_RT_TABLE_MAIN;
		r->ifindex = rs[i].ifindex;
		r->flags = rs[i].flags;
		strcpy(r->ifname, rs[i].ifname);
		if (rs[i].gw)
			assert_true(nf_addr_parse(rs[i].gw, &r->gw));
		else
			r->gw = (struct nf_addr){.kind = NF_ADDR_LINK, .index = rs[i].ifindex};
	}
	n = nf_rtable_add_neigh(t);
	nf_addr_parse("192.168.1.1", &n->ip);
	n->lladdr = (struct nf_addr){.kind = NF_ADDR_LINK, .len = 6, .index = 4, .a = {0, 0x11, 0x22, 0x33, 0x44, 0x55}};
	n->ifindex = 4;
	strcpy(n->ifname, "en0");
	n->state = NF_NUD_REACHABLE;
	n->expire = 1200;
	n->rtflags = 0x405;
	n = nf_rtable_add_neigh(t);
	nf_addr_parse("192.168.1.9", &n->ip);
	n->lladdr = (struct nf_addr){.kind = NF_ADDR_LINK, .len = 0, .index = 4};
	n->ifindex = 4;
	strcpy(n->ifname, "en0");
	n->state = NF_NUD_INCOMPLETE;
	n->expire = 5;
	n->rtflags = 0x405;
	n = nf_rtable_add_neigh(t);
	nf_addr_parse("192.168.1.2", &n->ip);
	n->lladdr = (struct nf_addr){.kind = NF_ADDR_LINK, .len = 6, .index = 4, .a = {2, 0, 0, 0, 0, 2}};
	n->ifindex = 4;
	strcpy(n->ifname, "en0");
	n->state = NF_NUD_PERMANENT;
	n->rtflags = 0xc05;
}

static void assert_same(const struct nf_rtable *a, const struct nf_rtable *b)
{
	assert_int_equal(a->nroutes, b->nroutes);
	assert_int_equal(a->nneighs, b->nneighs);
	for (size_t i = 0; i < a->nroutes; i++) {
		const struct nf_route *x = &a->routes[i], *y = &b->routes[i];

		assert_int_equal(x->family, y->family);
		assert_int_equal(x->prefix, y->prefix);
		assert_memory_equal(x->dst.a, y->dst.a, 16);
		assert_int_equal(x->gw.kind, y->gw.kind);
		assert_memory_equal(x->gw.a, y->gw.a, 16);
		assert_int_equal(x->ifindex, y->ifindex);
		assert_string_equal(x->ifname, y->ifname);
		assert_int_equal(x->flags, y->flags);
		assert_int_equal(x->type, y->type);
		assert_int_equal(x->table, y->table);
	}
	for (size_t i = 0; i < a->nneighs; i++) {
		const struct nf_neigh *x = &a->neighs[i], *y = &b->neighs[i];

		assert_memory_equal(x->ip.a, y->ip.a, 16);
		assert_int_equal(x->lladdr.len, y->lladdr.len);
		assert_memory_equal(x->lladdr.a, y->lladdr.a, x->lladdr.len);
		assert_int_equal(x->ifindex, y->ifindex);
		assert_string_equal(x->ifname, y->ifname);
		assert_int_equal(x->state, y->state);
	}
}

/* Does route r contain x (same family, first r->prefix bits equal)? */
static bool contains(const struct nf_route *r, const struct nf_addr *x)
{
	if (r->dst.kind != x->kind)
		return false;
	for (unsigned bit = 0; bit < r->prefix; bit++) {
		unsigned m = 0x80u >> (bit % 8);

		if ((r->dst.a[bit / 8] & m) != (x->a[bit / 8] & m))
			return false;
	}
	return true;
}

/* The route an unscoped lookup of x must return from model t. */
static const struct nf_route *expected_route(const struct nf_rtable *t, const struct nf_addr *x)
{
	const struct nf_route *best = NULL;

	for (size_t i = 0; i < t->nroutes; i++) {
		const struct nf_route *r = &t->routes[i];

		if (t->os == NF_RTOS_DARWIN && (r->flags & 0x1000000)) /* RTF_IFSCOPE */
			continue;
		if (contains(r, x) && (!best || r->prefix > best->prefix))
			best = r;
	}
	return best;
}

/* "dst/prefix via gw dev ifname type N" for comparing two routes. */
static void route_str(const struct nf_route *r, char *buf, size_t len)
{
	char d[64], g[64];

	nf_addr_format(&r->dst, d, sizeof d);
	nf_addr_format(&r->gw, g, sizeof g);
	snprintf(buf, len, "%s/%u via %s dev %s type %u", d, r->prefix, g, r->ifname, r->type);
}

static void round_trip(enum nf_rt_format fmt, enum nf_rt_os os)
{
	static struct nf_route r2[64];
	static struct nf_neigh n2[64];
	static struct nf_iface i2[16];
	static uint8_t buf[16384];
	struct nf_rtable a, b;
	struct nf_rt_error e;
	struct nf_cur c;
	size_t len;

	build_model(&a, os);
	len = nf_route_encode(&a, fmt, buf, sizeof buf);
	assert_true(len > 0 && len <= sizeof buf);
	assert_int_equal(nf_route_encode(&a, fmt, NULL, 0), len);
	nf_rtable_init_fixed(&b, r2, 64, n2, 64, i2, 16);
	nf_cur_init(&c, buf, len);
	assert_int_equal(nf_route_detect(&c), fmt);
	assert_int_equal(nf_route_decode(fmt, &c, &b, &e), NF_RTE_OK);
	assert_int_equal(b.os, os);
	assert_same(&a, &b);
	/* Every encoded prefix, looked up in the decoded table, returns the
	 * route the model says it must: the longest prefix containing it,
	 * found here by brute force over the model (never through the
	 * library's matcher).  Darwin RTF_IFSCOPE routes serve scoped lookups
	 * only, so an unscoped lookup never returns them. */
	for (size_t i = 0; i < a.nroutes; i++) {
		const struct nf_route *r = NULL, *want = expected_route(&a, &a.routes[i].dst);
		int rc = nf_route_lookup(&b, &a.routes[i].dst, &r);
		char got_s[128], want_s[128];

		assert_non_null(want);
		assert_non_null(r);
		assert_true(rc == 0 || rc == EINVAL); /* EINVAL: a blackhole/reject route */
		route_str(r, got_s, sizeof got_s);
		route_str(want, want_s, sizeof want_s);
		assert_string_equal(got_s, want_s);
	}
}

static void test_round_trip_darwin(void **state)
{
	(void)state;
	round_trip(NF_RTFMT_DARWIN, NF_RTOS_DARWIN);
	round_trip(NF_RTFMT_DARWIN2, NF_RTOS_DARWIN);
}

static void test_round_trip_freebsd(void **state)
{
	(void)state;
	round_trip(NF_RTFMT_FREEBSD, NF_RTOS_FREEBSD);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_darwin_default_route),
		cmocka_unit_test(test_darwin_short_netmask),
		cmocka_unit_test(test_darwin_arp),
		cmocka_unit_test(test_freebsd_default_route),
		cmocka_unit_test(test_pitfalls),
		cmocka_unit_test(test_short_headers),
		cmocka_unit_test(test_darwin_ifname_from_gateway_sdl),
		cmocka_unit_test(test_round_trip_darwin),
		cmocka_unit_test(test_round_trip_freebsd),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
