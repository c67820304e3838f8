/* Every route pitfall from issue 5's "Why" list has a regression input
 * under regressions/crashes/<target>/ (written by
 * tests/tools/gen_route_regressions.py); each must be rejected with its own
 * error at the right record, never loop, never over-read (this binary runs
 * under ASan+UBSan).  Run from the repository root (make check does). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "netfuzz/route.h"

static struct nf_route routes[64];
static struct nf_neigh neighs[64];
static struct nf_iface ifaces[16];

struct expect {
	const char *path;
	enum nf_rt_format fmt;
	enum nf_rt_errcode code;
	size_t record, offset, at;
	bool resynced;
	size_t nroutes, nneighs;   /* decoded before / around the bad record */
};

static const struct expect cases[] = {
	/* msglen 0 after one good message (108 bytes) */
	{"regressions/crashes/rtmsg_darwin/2e8eac520628a18b", NF_RTFMT_DARWIN, NF_RTE_MSGLEN_ZERO, 1, 108, 108, false, 1, 0},
	/* Darwin sa_len 0 netmask, message ends inside its 4-byte slot, RTA_IFP due */
	{"regressions/crashes/rtmsg_darwin/13394ec28f85ab81", NF_RTFMT_DARWIN, NF_RTE_SOCKADDR, 0, 0, 92 + 33, true, 0, 0},
	/* FreeBSD sa_len 0 netmask takes 8 bytes, only 4 there */
	{"regressions/crashes/rtmsg_freebsd/9664ae0d37359434", NF_RTFMT_FREEBSD, NF_RTE_SOCKADDR, 0, 0, 152 + 36, true, 0, 0},
	/* sockaddr_dl: sdl_nlen + sdl_alen beyond sdl_len */
	{"regressions/crashes/rtmsg_darwin/d29c2035873c160d", NF_RTFMT_DARWIN, NF_RTE_SOCKADDR_DL, 0, 0, 92 + 16 + 8, true, 0, 0},
	/* rta_len 2 */
	{"regressions/crashes/rtnetlink/cc78c56167d538e8", NF_RTFMT_NETLINK, NF_RTE_ATTR_LEN, 0, 0, 44, true, 0, 0},
	/* rtnh_len 0 */
	{"regressions/crashes/rtnetlink/6522880717bd8c17", NF_RTFMT_NETLINK, NF_RTE_NEXTHOP_LEN, 0, 0, 56, true, 0, 0},
	/* nlmsg_len 0 after one good neighbour */
	{"regressions/crashes/rtnetlink/c0305052c724d8e1", NF_RTFMT_NETLINK, NF_RTE_MSGLEN_ZERO, 1, 48, 48, false, 0, 1},
};

static size_t load(const char *path, uint8_t *buf, size_t cap)
{
	FILE *f = fopen(path, "rb");
	size_t n;

	assert_non_null(f);
	n = fread(buf, 1, cap, f);
	fclose(f);
	return n;
}

static void test_pitfalls_rejected(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const struct expect *x = &cases[i];
		uint8_t buf[4096];
		size_t n = load(x->path, buf, sizeof buf);
		struct nf_rtable t;
		struct nf_rt_error e;
		struct nf_cur c;

		print_message("# %s\n", x->path);
		nf_rtable_init_fixed(&t, routes, 64, neighs, 64, ifaces, 16);
		nf_cur_init(&c, buf, n);
		assert_int_equal(nf_route_detect(&c), x->fmt);
		assert_int_equal(nf_route_decode(x->fmt, &c, &t, &e), x->code);
		assert_int_equal(e.record, x->record);
		assert_int_equal(e.offset, x->offset);
		assert_int_equal(e.at, x->at);
		assert_int_equal(e.resynced, x->resynced);
		assert_int_equal(e.nerrors, 1);
		assert_int_equal(t.nroutes, x->nroutes);
		assert_int_equal(t.nneighs, x->nneighs);
		/* a truncated copy never reads further than it has: every prefix
		 * decodes without a sanitizer report */
		for (size_t k = 0; k < n; k++) {
			struct nf_cur p;
			nf_rtable_init_fixed(&t, routes, 64, neighs, 64, ifaces, 16);
			nf_cur_init(&p, buf, k);
			(void)nf_route_decode(x->fmt, &p, &t, &e);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {cmocka_unit_test(test_pitfalls_rejected)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
