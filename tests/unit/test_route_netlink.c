/* rtnetlink decoder and lookup on hand-written, spec-derived bytes
 * (linux/netlink.h, linux/rtnetlink.h, linux/neighbour.h; little-endian
 * host order as on x86-64 and arm64). */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "netfuzz/route.h"

static struct nf_route routes[32];
static struct nf_neigh neighs[16];
static struct nf_iface ifaces[8];

static enum nf_rt_errcode decode(const uint8_t *b, size_t n, struct nf_rtable *t, struct nf_rt_error *e)
{
	struct nf_cur c;

	nf_rtable_init_fixed(t, routes, 32, neighs, 16, ifaces, 8);
	nf_cur_init(&c, b, n);
	return nf_route_decode_netlink(&c, t, e);
}

/* RTM_NEWROUTE 10.1.0.0/16 via 192.168.1.1 dev 3 metric 100, table 1000
 * (rtm_table RT_TABLE_COMPAT 252, RTA_TABLE 1000 overrides it). */
static const uint8_t route_msg[] = {
	68, 0, 0, 0, 24, 0, 2, 0, 1, 0, 0, 0, 0, 0, 0, 0,   /* nlmsghdr: len 68, RTM_NEWROUTE, NLM_F_MULTI */
	2, 16, 0, 0, 252, 4, 0, 1, 0, 0, 0, 0,              /* rtmsg: AF_INET /16 table 252 static universe unicast */
	8, 0, 15, 0, 0xe8, 0x03, 0, 0,                      /* RTA_TABLE 1000 */
	8, 0, 1, 0, 10, 1, 0, 0,                            /* RTA_DST 10.1.0.0 */
	8, 0, 5, 0, 192, 168, 1, 1,                         /* RTA_GATEWAY */
	8, 0, 4, 0, 3, 0, 0, 0,                             /* RTA_OIF 3 */
	8, 0, 6, 0, 100, 0, 0, 0,                           /* RTA_PRIORITY 100 */
};

/* RTM_NEWNEIGH 10.0.0.2 lladdr 02:00:00:00:00:02 dev 2 REACHABLE, then
 * NLMSG_DONE. */
static const uint8_t neigh_msg[] = {
	48, 0, 0, 0, 28, 0, 2, 0, 1, 0, 0, 0, 0, 0, 0, 0,
	2, 0, 0, 0, 2, 0, 0, 0, 0x02, 0x00, 0, 1,           /* ndmsg: AF_INET ifindex 2 NUD_REACHABLE */
	8, 0, 1, 0, 10, 0, 0, 2,                            /* NDA_DST */
	10, 0, 2, 0, 2, 0, 0, 0, 0, 2, 0, 0,                /* NDA_LLADDR (6 bytes + 2 pad) */
	20, 0, 0, 0, 3, 0, 2, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* NLMSG_DONE */
};

static void test_route(void **state)
{
	struct nf_rtable t;
	struct nf_rt_error e;
	char buf[64];

	(void)state;
	assert_int_equal(decode(route_msg, sizeof route_msg, &t, &e), NF_RTE_OK);
	assert_int_equal(t.nroutes, 1);
	assert_int_equal(t.routes[0].table, 1000);
	assert_int_equal(t.routes[0].metric, 100);
	assert_int_equal(t.routes[0].ifindex, 3);
	assert_int_equal(t.routes[0].prefix, 16);
	nf_route_dst_format(&t.routes[0], buf, sizeof buf);
	assert_string_equal(buf, "10.1.0.0/16");
	nf_addr_format(&t.routes[0].gw, buf, sizeof buf);
	assert_string_equal(buf, "192.168.1.1");
}

static void test_neigh(void **state)
{
	struct nf_rtable t;
	struct nf_rt_error e;
	char buf[64];

	(void)state;
	assert_int_equal(decode(neigh_msg, sizeof neigh_msg, &t, &e), NF_RTE_OK);
	assert_int_equal(t.nneighs, 1);
	assert_int_equal(t.neighs[0].state, NF_NUD_REACHABLE);
	assert_int_equal(t.neighs[0].ifindex, 2);
	nf_addr_format(&t.neighs[0].lladdr, buf, sizeof buf);
	assert_string_equal(buf, "02:00:00:00:00:02");
	nf_addr_format(&t.neighs[0].ip, buf, sizeof buf);
	assert_string_equal(buf, "10.0.0.2");
}

/* NLA_F_NESTED / NLA_F_NET_BYTEORDER are masked off the attribute type. */
static void test_attr_flags_masked(void **state)
{
	uint8_t m[sizeof route_msg];
	struct nf_rtable t;
	struct nf_rt_error e;

	(void)state;
	memcpy(m, route_msg, sizeof m);
	m[28 + 8 + 3] |= 0x40; /* RTA_DST type | NLA_F_NET_BYTEORDER */
	m[28 + 24 + 3] |= 0x80; /* RTA_OIF type | NLA_F_NESTED */
	assert_int_equal(decode(m, sizeof m, &t, &e), NF_RTE_OK);
	assert_int_equal(t.routes[0].dst.a[1], 1);
	assert_int_equal(t.routes[0].ifindex, 3);
}

/* rta_len below 4 (the "Why" pitfall): rejected, the message skipped by
 * nlmsg_len, the next message still decoded. */
static void test_rta_len_below_4(void **state)
{
	uint8_t m[sizeof route_msg + sizeof neigh_msg];
	struct nf_rtable t;
	struct nf_rt_error e;

	(void)state;
	memcpy(m, route_msg, sizeof route_msg);
	memcpy(m + sizeof route_msg, neigh_msg, sizeof neigh_msg);
	m[36] = 2; /* second attribute (RTA_DST) rta_len = 2 */
	assert_int_equal(decode(m, sizeof m, &t, &e), NF_RTE_ATTR_LEN);
	assert_int_equal(e.record, 0);
	assert_int_equal(e.offset, 0);
	assert_int_equal(e.at, 36);
	assert_true(e.resynced);
	assert_int_equal(t.nroutes, 0);
	assert_int_equal(t.nneighs, 1);
}

/* nlmsg_len 0: reported at its offset, no resync, no loop. */
static void test_nlmsg_len_zero(void **state)
{
	uint8_t m[sizeof route_msg + 16] = {0};
	struct nf_rtable t;
	struct nf_rt_error e;

	(void)state;
	memcpy(m, route_msg, sizeof route_msg);
	assert_int_equal(decode(m, sizeof m, &t, &e), NF_RTE_MSGLEN_ZERO);
	assert_int_equal(e.record, 1);
	assert_int_equal(e.offset, sizeof route_msg);
	assert_false(e.resynced);
	assert_int_equal(t.nroutes, 1);
}

/* RTA_MULTIPATH with two rtnexthop; then one with rtnh_len 4 (< 8). */
static const uint8_t ecmp_msg[] = {
	72, 0, 0, 0, 24, 0, 2, 0, 1, 0, 0, 0, 0, 0, 0, 0,
	2, 0, 0, 0, 254, 3, 0, 1, 0, 0, 0, 0,               /* 0.0.0.0/0 main boot unicast */
	8, 0, 15, 0, 254, 0, 0, 0,                          /* RTA_TABLE 254 */
	36, 0, 9, 0,                                        /* RTA_MULTIPATH */
	16, 0, 0, 0, 2, 0, 0, 0, 8, 0, 5, 0, 10, 0, 0, 1,   /* rtnh len 16 hops 0 ifindex 2, RTA_GATEWAY 10.0.0.1 */
	16, 0, 0, 1, 3, 0, 0, 0, 8, 0, 5, 0, 10, 0, 1, 1,   /* rtnh ifindex 3 weight 2, RTA_GATEWAY 10.0.1.1 */
};

static void test_multipath(void **state)
{
	struct nf_rtable t;
	struct nf_rt_error e;

	(void)state;
	assert_int_equal(decode(ecmp_msg, sizeof ecmp_msg, &t, &e), NF_RTE_OK);
	assert_int_equal(t.routes[0].nnexthops, 2);
	assert_int_equal(t.routes[0].nh[1].ifindex, 3);
	assert_int_equal(t.routes[0].nh[1].weight, 2);
	assert_int_equal(t.routes[0].nh[1].gw.a[2], 1);
}

static void test_rtnh_len_below_8(void **state)
{
	uint8_t m[sizeof ecmp_msg];
	struct nf_rtable t;
	struct nf_rt_error e;

	(void)state;
	memcpy(m, ecmp_msg, sizeof m);
	m[56] = 4; /* second rtnexthop: rtnh_len 4 */
	assert_int_equal(decode(m, sizeof m, &t, &e), NF_RTE_NEXTHOP_LEN);
	assert_int_equal(e.at, 56);
	assert_true(e.resynced);
	m[56] = 0; /* rtnh_len 0 */
	assert_int_equal(decode(m, sizeof m, &t, &e), NF_RTE_NEXTHOP_LEN);
	assert_int_equal(t.nroutes, 0);
}

/* Each message type's fixed header (rtmsg 12, ndmsg 12, ifinfomsg 16,
 * ifaddrmsg 8) one byte short: an error value at the header, the message
 * skipped by nlmsg_len, the next one decoded. */
static void test_short_fixed_headers(void **state)
{
	static const struct {
		uint8_t type;
		size_t hdrlen;
	} kinds[] = {{24, 12}, {28, 12}, {16, 16}, {20, 8}};

	(void)state;
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		uint8_t m[32 + sizeof neigh_msg] = {0};
		size_t len = 16 + kinds[i].hdrlen - 1, padded = (len + 3) & ~(size_t)3;
		struct nf_rtable t;
		struct nf_rt_error e;

		m[0] = (uint8_t)len;
		m[4] = kinds[i].type;
		m[16] = 2; /* AF_INET */
		memcpy(m + padded, neigh_msg, sizeof neigh_msg);
		assert_int_equal(decode(m, padded + sizeof neigh_msg, &t, &e), NF_RTE_MSGLEN_SHORT);
		assert_int_equal(e.record, 0);
		assert_int_equal(e.at, 16);
		assert_true(e.resynced);
		assert_int_equal(e.nerrors, 1);
		assert_int_equal(t.nroutes + t.nifaces, 0);
		assert_int_equal(t.nneighs, 1);
	}
}

/* RTA_MULTIPATH whose payload ends 4 bytes into a struct rtnexthop. */
static void test_rtnexthop_short(void **state)
{
	uint8_t m[sizeof ecmp_msg];
	struct nf_rtable t;
	struct nf_rt_error e;

	(void)state;
	memcpy(m, ecmp_msg, sizeof m);
	m[0] = 16 + 12 + 8 + 8;  /* nlmsg_len: cut after 4 bytes of the first rtnexthop */
	m[36] = 8;               /* RTA_MULTIPATH rta_len: header + 4 */
	assert_int_equal(decode(m, 44, &t, &e), NF_RTE_NEXTHOP_LEN);
	assert_int_equal(e.at, 40);
	assert_int_equal(t.nroutes, 0);
}

static void test_nlmsg_error(void **state)
{
	static const uint8_t m[] = {
		36, 0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0,
		0xf3, 0xff, 0xff, 0xff,                         /* error -13 (EACCES) */
		16, 0, 0, 0, 26, 0, 5, 0, 1, 0, 0, 0, 0, 0, 0, 0,
	};
	struct nf_rtable t;
	struct nf_rt_error e;

	(void)state;
	assert_int_equal(decode(m, sizeof m, &t, &e), NF_RTE_NLMSG_ERROR);
	assert_int_equal(e.sys_errno, EACCES);
}

/* Lookup: longest prefix, then metric; tables other than local/main/default
 * are not consulted; blackhole answers EINVAL like the kernel. */
static void add(struct nf_rtable *t, const char *dst, uint8_t plen, uint32_t table, uint32_t metric,
		uint8_t type, uint32_t oif)
{
	struct nf_route *r = nf_rtable_add_route(t);

	assert_non_null(r);
	assert_true(nf_addr_parse(dst, &r->dst));
	r->family = r->dst.kind;
	r->prefix = plen;
	r->table = table;
	r->metric = metric;
	r->type = type;
	r->ifindex = oif;
}

static void test_lookup(void **state)
{
	struct nf_rtable t;
	struct nf_addr a;
	const struct nf_route *r;

	(void)state;
	nf_rtable_init_fixed(&t, routes, 32, neighs, 16, ifaces, 8);
	add(&t, "0.0.0.0", 0, 254, 0, NF_RTN_UNICAST, 1);
	add(&t, "0.0.0.0", 1, 254, 0, NF_RTN_UNICAST, 2);     /* OpenVPN def1 */
	add(&t, "128.0.0.0", 1, 254, 0, NF_RTN_UNICAST, 2);
	add(&t, "10.0.0.0", 8, 254, 200, NF_RTN_UNICAST, 3);
	add(&t, "10.0.0.0", 8, 254, 100, NF_RTN_UNICAST, 4);  /* lower metric wins */
	add(&t, "10.9.9.0", 24, 1000, 0, NF_RTN_UNICAST, 5);  /* table 1000: no rule */
	add(&t, "192.0.2.0", 24, 254, 0, NF_RTN_BLACKHOLE, 0);
	add(&t, "2001:db8::", 32, 254, 0, NF_RTN_UNICAST, 6);
	add(&t, "10.7.0.0", 16, 254, 0, NF_RTN_THROW, 0);      /* on to table default */
	add(&t, "10.7.7.0", 24, 253, 0, NF_RTN_UNICAST, 7);

	assert_true(nf_addr_parse("8.8.8.8", &a));
	assert_int_equal(nf_route_lookup(&t, &a, &r), 0);
	assert_int_equal(r->ifindex, 2);
	assert_true(nf_addr_parse("200.1.1.1", &a));
	assert_int_equal(nf_route_lookup(&t, &a, &r), 0);
	assert_int_equal(r->prefix, 1);
	assert_true(nf_addr_parse("10.9.9.9", &a));
	assert_int_equal(nf_route_lookup(&t, &a, &r), 0);
	assert_int_equal(r->ifindex, 4);
	assert_true(nf_addr_parse("192.0.2.7", &a));
	assert_int_equal(nf_route_lookup(&t, &a, &r), EINVAL);
	assert_int_equal(r->type, NF_RTN_BLACKHOLE);
	assert_true(nf_addr_parse("2001:db8:1::1", &a));
	assert_int_equal(nf_route_lookup(&t, &a, &r), 0);
	assert_int_equal(r->ifindex, 6);
	assert_true(nf_addr_parse("10.7.7.7", &a));
	assert_int_equal(nf_route_lookup(&t, &a, &r), 0);
	assert_int_equal(r->ifindex, 7);
	assert_true(nf_addr_parse("10.7.8.8", &a)); /* throw, default table has nothing */
	assert_int_equal(nf_route_lookup(&t, &a, &r), ENETUNREACH);
	assert_true(nf_addr_parse("2001:db9::1", &a));
	assert_int_equal(nf_route_lookup(&t, &a, &r), ENETUNREACH);
	assert_null(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_route),
		cmocka_unit_test(test_neigh),
		cmocka_unit_test(test_attr_flags_masked),
		cmocka_unit_test(test_rta_len_below_4),
		cmocka_unit_test(test_nlmsg_len_zero),
		cmocka_unit_test(test_multipath),
		cmocka_unit_test(test_rtnh_len_below_8),
		cmocka_unit_test(test_nlmsg_error),
		cmocka_unit_test(test_short_fixed_headers),
		cmocka_unit_test(test_rtnexthop_short),
		cmocka_unit_test(test_lookup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
