/* Fuzz target: the structure-aware mutator (src/mutate/, issue 13) fed
 * garbage.  Byte 0 picks a format whose parser records structure, byte 1
 * the seed; the rest is the input.  Checks, trapping on failure:
 *   - the output fits MaxSize (and cross-over output too);
 *   - the same (input, seed) gives the same output and operation;
 *   - after a repaired edit every live relation of the edited record holds
 *     in the output (lengths, counts and checksums agree with the spans). */
#include "netfuzz/cert.h"
#include "netfuzz/der.h"
#include "netfuzz/frame.h"
#include "netfuzz/route.h"
#include "netfuzz/target.h"

#include "../src/mutate/mutate.h"

#include <string.h>

#define ST_MAX 4096

static struct nf_packet st_pkt;

static int st_ether(const uint8_t *d, size_t n)
{
	return nf_dissect(&st_pkt, NF_LINKTYPE_ETHERNET, d, n, n), 0;
}
static int st_radiotap(const uint8_t *d, size_t n)
{
	return nf_dissect(&st_pkt, NF_LINKTYPE_IEEE802_11_RADIOTAP, d, n, n), 0;
}
static int st_dns(const uint8_t *d, size_t n)
{
	struct nf_cur c;

	nf_packet_reset(&st_pkt, -1, n, n);
	nf_cur_init(&c, d, n);
	nf_dissect_dns(&st_pkt, &c, false);
	return 0;
}
static int st_sct(const uint8_t *d, size_t n)
{
	static struct nf_sct_list l;
	struct nf_cur c;
	size_t off;

	nf_cur_init(&c, d, n);
	(void)nf_sct_list_parse(&c, &l, &off);
	return 0;
}
static int st_route(enum nf_rt_format fmt, const uint8_t *d, size_t n)
{
	static struct nf_route routes[64];
	static struct nf_neigh neighs[64];
	static struct nf_iface ifaces[16];
	struct nf_rtable t;
	struct nf_rt_error e;
	struct nf_cur c;

	nf_rtable_init_fixed(&t, routes, 64, neighs, 64, ifaces, 16);
	nf_cur_init(&c, d, n);
	(void)nf_route_decode(fmt, &c, &t, &e);
	return 0;
}
static int st_darwin(const uint8_t *d, size_t n) { return st_route(NF_RTFMT_DARWIN, d, n); }
static int st_netlink(const uint8_t *d, size_t n) { return st_route(NF_RTFMT_NETLINK, d, n); }

static int st_der(const uint8_t *d, size_t n)
{
	struct nf_cur c;
	size_t at;

	nf_cur_init(&c, d, n);
	(void)nf_der_walk(&c, &at);
	return 0;
}

static int (*const st_formats[])(const uint8_t *, size_t) = {
	st_ether, st_radiotap, st_dns, st_sct, st_darwin, st_netlink, st_der,
};

NF_TARGET(mutator_selftest, "mutate", "nf_mutate() + nf_mutate_cross() on garbage")
{
	static uint8_t a[ST_MAX], b[ST_MAX], x[ST_MAX];
	struct nf_mutator m = {0};
	enum nf_mut_op op1, op2;
	size_t n, max, na, nb, nx;
	unsigned seed;
	int broken, bad;

	if (size < 2 || size - 2 > ST_MAX / 2)
		return 0;
	m.run = st_formats[data[0] % (sizeof st_formats / sizeof st_formats[0])];
	seed = data[1];
	n = size - 2;
	max = n + (data[1] & 0x80 ? ST_MAX / 2 : 16); /* tight and roomy MaxSize */
	memcpy(a, data + 2, n);
	memcpy(b, data + 2, n);

	na = nf_mutate(&m, a, n, max, seed, &op1);
	if (na > max)
		__builtin_trap(); /* output past MaxSize */
	bad = nf_mut_check(nf_mut_last_record(&broken), a, na);
	if (op1 != NF_MUT_BYTES && bad >= 0 && bad != broken)
		__builtin_trap(); /* a relation the mutator repaired does not hold */
	nb = nf_mutate(&m, b, n, max, seed, &op2);
	if (nb != na || op1 != op2 || memcmp(a, b, na) != 0)
		__builtin_trap(); /* not deterministic per seed */

	nx = nf_mutate_cross(&m, data + 2, n, a, na, x, max, seed);
	if (nx > max)
		__builtin_trap();
	return 0;
}
