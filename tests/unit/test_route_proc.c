/* /proc/net/route and /proc/net/arp decoders on lines in the kernel's own
 * formats (net/ipv4/fib_trie.c fib_route_seq_show: "%s\t%08X\t%08X\t%04X\t
 * %d\t%u\t%d\t%08X\t%d\t%u\t%u", padded to 127 columns; net/ipv4/arp.c:
 * "%-16s 0x%-10x0x%-10x%-17s     *        %s"), and NDA_LLADDR lengths. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "netfuzz/route.h"

static struct nf_route routes[16];
static struct nf_neigh neighs[16];
static struct nf_iface ifaces[4];

static enum nf_rt_errcode decode(enum nf_rt_format f, const char *text, struct nf_rtable *t,
				 struct nf_rt_error *e)
{
	struct nf_cur c;

	nf_rtable_init_fixed(t, routes, 16, neighs, 16, ifaces, 4);
	nf_cur_init(&c, (const uint8_t *)text, strlen(text));
	assert_int_equal(nf_route_detect(&c), f);
	return nf_route_decode(f, &c, t, e);
}

static const char proc_route[] =
	"Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT                                                       \n"
	"eth0\t00000000\t0101A8C0\t0003\t0\t0\t100\t00000000\t0\t0\t0                                                                               \n"
	"eth0\t0001A8C0\t00000000\t0001\t0\t0\t100\t00FFFFFF\t0\t0\t0                                                                               \n"
	"*\t0002000A\t00000000\t0201\t0\t0\t0\t00FFFFFF\t0\t0\t0                                                                                  \n";

static void test_proc_route(void **state)
{
	struct nf_rtable t;
	struct nf_rt_error e;
	char buf[64];
	struct nf_addr a;
	const struct nf_route *r;

	(void)state;
	assert_int_equal(decode(NF_RTFMT_PROC_ROUTE, proc_route, &t, &e), NF_RTE_OK);
	assert_int_equal(t.nroutes, 3);
	nf_addr_format(&t.routes[0].gw, buf, sizeof buf); /* host-order hex 0101A8C0 */
	assert_string_equal(buf, "192.168.1.1");
	assert_int_equal(t.routes[0].metric, 100);
	nf_route_dst_format(&t.routes[1], buf, sizeof buf);
	assert_string_equal(buf, "192.168.1.0/24");
	assert_string_equal(t.routes[1].ifname, "eth0");
	assert_int_equal(t.routes[2].type, NF_RTN_UNREACHABLE); /* RTF_REJECT */
	assert_true(nf_addr_parse("10.0.2.7", &a));
	assert_int_not_equal(nf_route_lookup(&t, &a, &r), 0);
	assert_true(nf_addr_parse("192.168.1.7", &a));
	assert_int_equal(nf_route_lookup(&t, &a, &r), 0);
	assert_ptr_equal(r, &t.routes[1]);
}

static void test_proc_route_bad_line(void **state)
{
	char text[1024];
	struct nf_rtable t;
	struct nf_rt_error e;

	(void)state;
	strcpy(text, proc_route);
	memcpy(strstr(text, "0001A8C0"), "0001A8CZ", 8); /* second data line */
	assert_int_equal(decode(NF_RTFMT_PROC_ROUTE, text, &t, &e), NF_RTE_SYNTAX);
	assert_int_equal(e.record, 2);
	assert_true(e.resynced);
	assert_int_equal(t.nroutes, 2); /* the lines around it still decode */
	assert_int_equal((size_t)(strstr(text, "0001A8CZ") - text), e.at);
}

static void test_proc_arp(void **state)
{
	static const char arp[] =
		"IP address       HW type     Flags       HW address            Mask     Device\n"
		"192.168.1.1      0x1         0x2         a4:83:e7:01:02:03     *        eth0\n"
		"192.168.1.9      0x1         0x0         00:00:00:00:00:00     *        eth0\n"
		"192.168.1.2      0x1         0x6         02:00:00:00:00:02     *        eth0\n";
	struct nf_rtable t;
	struct nf_rt_error e;
	char buf[64];

	(void)state;
	assert_int_equal(decode(NF_RTFMT_PROC_ARP, arp, &t, &e), NF_RTE_OK);
	assert_int_equal(t.nneighs, 3);
	nf_addr_format(&t.neighs[0].lladdr, buf, sizeof buf);
	assert_string_equal(buf, "a4:83:e7:01:02:03");
	assert_int_equal(t.neighs[0].state, NF_NUD_REACHABLE);
	assert_int_equal(t.neighs[1].state, NF_NUD_INCOMPLETE);
	assert_int_equal(t.neighs[1].lladdr.len, 0);
	assert_int_equal(t.neighs[2].state, NF_NUD_PERMANENT);
	assert_string_equal(t.neighs[2].ifname, "eth0");
}

/* RTM_NEWNEIGH with an NDA_LLADDR of n bytes (0, 6, 16, 20 accepted; more
 * than MAX_ADDR_LEN 32 rejected). */
static enum nf_rt_errcode neigh_lladdr(size_t n, struct nf_rtable *t, struct nf_rt_error *e)
{
	uint8_t m[128] = {0};
	size_t len = 16 + 12 + 8 + ((4 + n + 3) & ~(size_t)3);
	struct nf_cur c;

	m[0] = (uint8_t)len;
	m[4] = 28;                                 /* RTM_NEWNEIGH */
	m[16] = 10;                                /* AF_INET6 */
	m[20] = 2;                                 /* ifindex */
	m[24] = 0x80;                              /* NUD_PERMANENT */
	m[28] = 20; m[30] = 1;                     /* NDA_DST, 16 bytes */
	m[32] = 0xfe; m[33] = 0x80; m[47] = 1;     /* fe80::1 */
	m[48] = (uint8_t)(4 + n); m[50] = 2;       /* NDA_LLADDR */
	for (size_t i = 0; i < n; i++)
		m[52 + i] = (uint8_t)(i + 1);
	len = 48 + ((4 + n + 3) & ~(size_t)3);
	m[0] = (uint8_t)len;
	nf_rtable_init_fixed(t, routes, 16, neighs, 16, ifaces, 4);
	nf_cur_init(&c, m, len);
	return nf_route_decode_netlink(&c, t, e);
}

static void test_nda_lladdr_lengths(void **state)
{
	static const size_t ok[] = {0, 6, 16, 20};
	struct nf_rtable t;
	struct nf_rt_error e;

	(void)state;
	for (size_t i = 0; i < 4; i++) {
		assert_int_equal(neigh_lladdr(ok[i], &t, &e), NF_RTE_OK);
		assert_int_equal(t.nneighs, 1);
		assert_int_equal(t.neighs[0].lladdr.len, ok[i]);
		if (ok[i])
			assert_int_equal(t.neighs[0].lladdr.a[ok[i] - 1], ok[i]);
	}
	assert_int_equal(neigh_lladdr(33, &t, &e), NF_RTE_ATTR_VALUE);
	assert_int_equal(t.nneighs, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_proc_route),
		cmocka_unit_test(test_proc_route_bad_line),
		cmocka_unit_test(test_proc_arp),
		cmocka_unit_test(test_nda_lladdr_lengths),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
