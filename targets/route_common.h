/* Shared by the route targets: decode a dump into fixed storage (nothing
 * allocated), check the error value points inside the input, run lookups
 * on the result, and for binary formats re-encode the model and decode it
 * again, which must succeed with the same number of entries.  The decode
 * alone is each target's NF_RECORD entry (nf_target_route_decode): the
 * structure mutator records that, and the checks after it (a re-encode and
 * re-decode, lookups, the oracles) were half of a recording's cost when
 * they ran (perf, rtmsg_darwin). */
#ifndef NETFUZZ_TARGETS_ROUTE_COMMON_H
#define NETFUZZ_TARGETS_ROUTE_COMMON_H

#include "netfuzz/oracle.h"
#include "netfuzz/route.h"

#define NF_TR_ROUTES 128
#define NF_TR_NEIGHS 128
#define NF_TR_IFACES 32
#define NF_TR_ENC (1u << 20)

static inline void nf_target_route_lookups(const struct nf_rtable *t)
{
	const struct nf_route *r;

	/* The lookup oracle (on by default) looks up these same addresses,
	 * each route's destination and its neighbour dst^1, and checks the
	 * answer against a naive scan, a superset of the check below; doing
	 * them twice cost about 4% of rtmsg_darwin (docs/performance.md). */
	for (size_t i = 0; !nf_oracle_enabled() && i < t->nroutes; i++) {
		struct nf_addr a = t->routes[i].dst;

		if (a.kind == NF_ADDR_NONE) {
			a.kind = t->routes[i].family;
			a.len = a.kind == NF_ADDR_IPV4 ? 4 : 16;
		}
		(void)nf_route_lookup(t, &a, &r);
		if (r && !nf_route_matches(r, &a))
			__builtin_trap(); /* lookup answered a route that does not cover the address */
		a.a[a.kind == NF_ADDR_IPV4 ? 3 : 15] ^= 1;
		(void)nf_route_lookup(t, &a, &r);
	}
	for (size_t i = 0; i < t->nneighs; i++)
		(void)nf_route_lookup(t, &t->neighs[i].ip, &r);
}

/* Decode data as fmt into t (fixed storage) and e. */
static inline void nf_target_route_decode(enum nf_rt_format fmt, const uint8_t *data, size_t size,
					  struct nf_rtable *t, struct nf_rt_error *e)
{
	static struct nf_route routes[NF_TR_ROUTES];
	static struct nf_neigh neighs[NF_TR_NEIGHS];
	static struct nf_iface ifaces[NF_TR_IFACES];
	struct nf_cur c;

	nf_rtable_init_fixed(t, routes, NF_TR_ROUTES, neighs, NF_TR_NEIGHS, ifaces, NF_TR_IFACES);
	nf_cur_init(&c, data, size);
	nf_route_decode(fmt, &c, t, e);
}

/* A route target's NF_RECORD body: the decode, nothing after it. */
static inline void nf_target_route_record(enum nf_rt_format fmt, const uint8_t *data, size_t size)
{
	struct nf_rtable t;
	struct nf_rt_error e;

	nf_target_route_decode(fmt, data, size, &t, &e);
}

static inline void nf_target_route(enum nf_rt_format fmt, const uint8_t *data, size_t size)
{
	static struct nf_route routes2[NF_TR_ROUTES];
	static struct nf_neigh neighs2[NF_TR_NEIGHS];
	static struct nf_iface ifaces2[NF_TR_IFACES];
	static uint8_t enc[NF_TR_ENC];
	struct nf_rtable t, t2;
	struct nf_rt_error e, e2;
	struct nf_cur c;
	size_t n;

	nf_target_route_decode(fmt, data, size, &t, &e);
	if (e.code != NF_RTE_OK && (e.offset > size || e.at > size || e.at < e.offset || !e.what))
		__builtin_trap(); /* an error value must point into the input */
	nf_rtable_resolve_ifnames(&t);
	nf_target_route_lookups(&t);
	nf_oracle_route_lookup(&t);
	if (fmt == NF_RTFMT_PROC_ROUTE || fmt == NF_RTFMT_PROC_ARP || t.dropped)
		return;
	n = nf_route_encode(&t, fmt, enc, sizeof enc);
	if (n > sizeof enc)
		return;
	nf_rtable_init_fixed(&t2, routes2, NF_TR_ROUTES, neighs2, NF_TR_NEIGHS, ifaces2, NF_TR_IFACES);
	nf_cur_init(&c, enc, n);
	if (nf_route_decode(fmt, &c, &t2, &e2) != NF_RTE_OK || t2.nneighs != t.nneighs ||
	    t2.nroutes != t.nroutes)
		__builtin_trap(); /* the encoder wrote something its decoder rejects */
	nf_oracle_route_roundtrip(&t, &t2);
}

#endif
