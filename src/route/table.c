/* The route/neighbour table model and the longest-prefix-match lookup
 * (include/netfuzz/route.h). */
#include "netfuzz/route.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

void nf_rtable_init_fixed(struct nf_rtable *t, struct nf_route *routes, size_t rcap,
			  struct nf_neigh *neighs, size_t ncap, struct nf_iface *ifaces, size_t icap)
{
	memset(t, 0, sizeof *t);
	t->routes = routes;
	t->route_cap = routes ? rcap : 0;
	t->neighs = neighs;
	t->neigh_cap = neighs ? ncap : 0;
	t->ifaces = ifaces;
	t->iface_cap = ifaces ? icap : 0;
}

void nf_rtable_init_dynamic(struct nf_rtable *t)
{
	memset(t, 0, sizeof *t);
	t->dynamic = true;
}

void nf_rtable_free(struct nf_rtable *t)
{
	if (t->dynamic) {
		free(t->routes);
		free(t->neighs);
		free(t->ifaces);
	}
	nf_rtable_init_dynamic(t);
}

/* Make room for one more element of size `sz` in *arr (count n, capacity
 * *cap); returns the zeroed new element or NULL. */
static void *add(struct nf_rtable *t, void **arr, size_t *n, size_t *cap, size_t sz)
{
	uint8_t *p;

	if (*n == *cap) {
		size_t ncap = *cap ? *cap * 2 : 64;
		void *q;

		if (!t->dynamic || ncap > SIZE_MAX / sz || !(q = realloc(*arr, ncap * sz))) {
			if (t->dynamic)
				t->alloc_failed = true;
			t->dropped++;
			return NULL;
		}
		*arr = q;
		*cap = ncap;
	}
	p = (uint8_t *)*arr + (*n)++ * sz;
	memset(p, 0, sz);
	return p;
}

struct nf_route *nf_rtable_add_route(struct nf_rtable *t)
{
	return add(t, (void **)&t->routes, &t->nroutes, &t->route_cap, sizeof *t->routes);
}

struct nf_neigh *nf_rtable_add_neigh(struct nf_rtable *t)
{
	return add(t, (void **)&t->neighs, &t->nneighs, &t->neigh_cap, sizeof *t->neighs);
}

struct nf_iface *nf_rtable_add_iface(struct nf_rtable *t)
{
	return add(t, (void **)&t->ifaces, &t->nifaces, &t->iface_cap, sizeof *t->ifaces);
}

const char *nf_rtable_ifname(const struct nf_rtable *t, uint32_t index)
{
	for (size_t i = 0; i < t->nifaces; i++)
		if (!t->ifaces[i].is_addr && t->ifaces[i].index == index && t->ifaces[i].name[0])
			return t->ifaces[i].name;
	return NULL;
}

static void fill_name(const struct nf_rtable *t, char name[NF_RT_IFNAMSIZ], uint32_t index)
{
	const char *n;

	if (name[0] || !index || !(n = nf_rtable_ifname(t, index)))
		return;
	strncpy(name, n, NF_RT_IFNAMSIZ - 1);
	name[NF_RT_IFNAMSIZ - 1] = 0;
}

void nf_rtable_resolve_ifnames(struct nf_rtable *t)
{
	if (!t->nifaces)
		return;
	for (size_t i = 0; i < t->nroutes; i++) {
		struct nf_route *r = &t->routes[i];

		fill_name(t, r->ifname, r->ifindex);
		for (unsigned k = 0; k < r->nnexthops; k++)
			fill_name(t, r->nh[k].ifname, r->nh[k].ifindex);
	}
	for (size_t i = 0; i < t->nneighs; i++)
		fill_name(t, t->neighs[i].ifname, t->neighs[i].ifindex);
}

/* ------------------------------------------------------------------ lookup */

bool nf_route_matches(const struct nf_route *r, const struct nf_addr *dst)
{
	unsigned bits = r->prefix, full, rem;
	size_t alen = r->family == NF_ADDR_IPV4 ? 4 : 16;

	if (dst->kind != r->family || bits > alen * 8)
		return false;
	if (r->dst.kind != NF_ADDR_NONE && r->dst.kind != r->family)
		return false;
	full = bits / 8;
	rem = bits % 8;
	/* A route with no RTA_DST has an all-zero destination. */
	for (unsigned i = 0; i < full; i++) {
		uint8_t rb = r->dst.kind ? r->dst.a[i] : 0;
		if (rb != dst->a[i])
			return false;
	}
	if (rem) {
		uint8_t mask = (uint8_t)(0xff << (8 - rem));
		uint8_t rb = r->dst.kind ? r->dst.a[full] : 0;
		if ((rb & mask) != (dst->a[full] & mask))
			return false;
	}
	return true;
}

/* Linux: a route whose every nexthop is dead (RTNH_F_DEAD, linux/rtnetlink.h)
 * is skipped by fib_table_lookup. */
#define RTNH_F_DEAD 1
/* Darwin bsd/net/route.h: RTF_IFSCOPE routes only serve scoped lookups. */
#define DARWIN_RTF_IFSCOPE 0x1000000

static bool usable(const struct nf_rtable *t, const struct nf_route *r)
{
	if (t->os == NF_RTOS_DARWIN)
		return !(r->flags & DARWIN_RTF_IFSCOPE);
	if (t->os != NF_RTOS_LINUX)
		return true;
	if (r->nnexthops) {
		for (unsigned k = 0; k < r->nnexthops; k++)
			if (!(r->nh[k].flags & RTNH_F_DEAD))
				return true;
		return false;
	}
	return !(r->flags & RTNH_F_DEAD);
}

/* Is r better than the current best?  Longer prefix first, then the lower
 * metric; on a tie the earlier route (dump order = kernel order) stays. */
static bool better(const struct nf_route *r, const struct nf_route *best)
{
	if (!best)
		return true;
	if (r->prefix != best->prefix)
		return r->prefix > best->prefix;
	return r->metric < best->metric;
}

/* Best match among routes in tables ta or tb (0 = none), of dst's family. */
static const struct nf_route *best_in(const struct nf_rtable *t, const struct nf_addr *dst,
				      bool any_table, uint32_t ta, uint32_t tb)
{
	const struct nf_route *best = NULL;

	for (size_t i = 0; i < t->nroutes; i++) {
		const struct nf_route *r = &t->routes[i];

		if (!any_table && r->table != ta && r->table != tb)
			continue;
		if (!nf_route_matches(r, dst) || !usable(t, r))
			continue;
		if (better(r, best))
			best = r;
	}
	return best;
}

static int verdict(const struct nf_route *r, const struct nf_route **out)
{
	*out = r;
	if (!r)
		return ENETUNREACH;
	switch (r->type) {
	case NF_RTN_BLACKHOLE: return EINVAL;      /* fib_props[RTN_BLACKHOLE].error */
	case NF_RTN_UNREACHABLE: return EHOSTUNREACH;
	case NF_RTN_PROHIBIT: return EACCES;
	default: return 0;
	}
}

/* A throw route ends the lookup in its table (-EAGAIN, net/ipv4/fib_trie.c)
 * and the next rule's table is tried; none left is ENETUNREACH. */
static const struct nf_route *unless_throw(const struct nf_route *r)
{
	return r && r->type == NF_RTN_THROW ? NULL : r;
}

int nf_route_lookup(const struct nf_rtable *t, const struct nf_addr *dst, const struct nf_route **out)
{
	const struct nf_route *r;

	*out = NULL;
	if (dst->kind != NF_ADDR_IPV4 && dst->kind != NF_ADDR_IPV6)
		return EAFNOSUPPORT;
	if (t->os != NF_RTOS_LINUX)
		return verdict(best_in(t, dst, true, 0, 0), out);

	if (dst->kind == NF_ADDR_IPV4 && !t->custom_rules) {
		/* include/net/ip_fib.h fib_lookup() without custom rules: the
		 * local table is merged into main (net/ipv4/fib_trie.c; only
		 * adding rules unmerges it), then the default table. */
		r = unless_throw(best_in(t, dst, false, NF_RT_TABLE_LOCAL, NF_RT_TABLE_MAIN));
		if (!r)
			r = unless_throw(best_in(t, dst, false, NF_RT_TABLE_DEFAULT, NF_RT_TABLE_DEFAULT));
		return verdict(r, out);
	}
	/* Default policy rules: 0 local, 32766 main, 32767 default (IPv4 only). */
	r = unless_throw(best_in(t, dst, false, NF_RT_TABLE_LOCAL, NF_RT_TABLE_LOCAL));
	if (!r)
		r = unless_throw(best_in(t, dst, false, NF_RT_TABLE_MAIN, NF_RT_TABLE_MAIN));
	if (!r && dst->kind == NF_ADDR_IPV4)
		r = unless_throw(best_in(t, dst, false, NF_RT_TABLE_DEFAULT, NF_RT_TABLE_DEFAULT));
	return verdict(r, out);
}

int nf_route_lookup_output(const struct nf_rtable *t, const struct nf_addr *dst, struct nf_lookup *res)
{
	const uint8_t *a = dst->a;
	bool v4 = dst->kind == NF_ADDR_IPV4 && t->os == NF_RTOS_LINUX;

	res->error = nf_route_lookup(t, dst, &res->route);
	res->type = res->route ? res->route->type : NF_RTN_UNSPEC;
	res->use_gateway = res->route != NULL;
	if (!v4)
		return res->error;
	if (!a[0] && !a[1] && !a[2] && !a[3]) { /* ip_route_output_key_hash_rcu: no daddr, no FIB lookup */
		res->route = NULL;
		res->error = 0;
		res->type = NF_RTN_LOCAL;
		res->use_gateway = false;
		return 0;
	}
	if (res->error)
		return res->error;
	if (a[0] == 255 && a[1] == 255 && a[2] == 255 && a[3] == 255) { /* ipv4_is_lbcast */
		res->type = NF_RTN_BROADCAST;
		res->use_gateway = false;
	} else if ((a[0] & 0xf0) == 0xe0) { /* ipv4_is_multicast: default route, no gateway */
		res->type = NF_RTN_MULTICAST;
		res->use_gateway = res->route->prefix >= 4;
	} else if (res->type == NF_RTN_BROADCAST || res->type == NF_RTN_LOCAL) {
		res->use_gateway = false;
	}
	return res->error;
}
