/* Routes (issue 14): two checks on every decoded table.
 *
 * Round trip.  The table is encoded in its own format (nf_route_encode)
 * and decoded again; the second model must equal the first, field by
 * field, for routes and neighbours (rtnetlink, Darwin and FreeBSD dumps;
 * rules RT1 and RT3 below).  The target already traps when the
 * decoder rejects the encoder's output; equality also catches a field the
 * encoder drops, truncates or writes to the wrong attribute.
 *
 * Lookup.  nf_route_lookup (table.c: kernel table order, throw, dead
 * nexthops, scoped routes) is checked against a naive scan that tests
 * prefixes bit by bit, not by nf_route_matches' byte masks: the answer
 * must contain the address, and no route the lookup may use in the
 * answer's table has a longer matching prefix.  Rules (docs/oracles.md):
 *   L1 Linux IPv4 without custom policy rules: local and main are one
 *      table (fib_trie merges them);
 *   L2 a Linux route whose every nexthop is RTNH_F_DEAD, and a Darwin
 *      RTF_IFSCOPE route, are not used by unscoped lookups;
 *   L3 a prefix longer than the family's address matches nothing;
 *   L4 among matching routes of equal prefix in one table the lowest
 *      metric wins, then the first in dump order (the kernel's order:
 *      fib_trie keeps a prefix's aliases sorted by priority, fib6 by
 *      metric, and a dump lists them in that order).
 * The addresses checked are the destinations of up to
 * NF_ORACLE_LOOKUP_ROUTES routes spread over the table, each also with its
 * last bit flipped, so the oracle stays linear in the table's size. */
#include "netfuzz/limits.h"
#include "netfuzz/oracle.h"
#include "netfuzz/route.h"

#include <stdio.h>
#include <string.h>

#define RTNH_F_DEAD 1
#define DARWIN_RTF_IFSCOPE 0x1000000

static bool bit(const uint8_t *a, unsigned i)
{
	return (a[i / 8] >> (7 - i % 8)) & 1;
}

static bool naive_match(const struct nf_route *r, const struct nf_addr *a)
{
	static const uint8_t zero[16];
	unsigned abits = r->family == NF_ADDR_IPV4 ? 32 : 128;
	const uint8_t *d = r->dst.kind == NF_ADDR_NONE ? zero : r->dst.a;

	if (a->kind != r->family || r->prefix > abits) /* L3 */
		return false;
	if (r->dst.kind != NF_ADDR_NONE && r->dst.kind != r->family)
		return false;
	for (unsigned i = 0; i < r->prefix; i++)
		if (bit(d, i) != bit(a->a, i))
			return false;
	return true;
}

static bool may_use(const struct nf_rtable *t, const struct nf_route *r) /* L2 */
{
	if (t->os == NF_RTOS_DARWIN)
		return !(r->flags & DARWIN_RTF_IFSCOPE);
	if (t->os != NF_RTOS_LINUX)
		return true;
	if (!r->nnexthops)
		return !(r->flags & RTNH_F_DEAD);
	for (unsigned k = 0; k < r->nnexthops; k++)
		if (!(r->nh[k].flags & RTNH_F_DEAD))
			return true;
	return false;
}

static bool same_table(const struct nf_rtable *t, const struct nf_route *a, const struct nf_route *b)
{
	bool merged = t->os == NF_RTOS_LINUX && a->family == NF_ADDR_IPV4 && !t->custom_rules; /* L1 */

	if (t->os != NF_RTOS_LINUX)
		return true;
	if (merged && (a->table == NF_RT_TABLE_LOCAL || a->table == NF_RT_TABLE_MAIN) &&
	    (b->table == NF_RT_TABLE_LOCAL || b->table == NF_RT_TABLE_MAIN))
		return true;
	return a->table == b->table;
}

static void print_route(const char *side, const struct nf_route *r)
{
	fprintf(stderr, "  %s: ", side);
	if (!r) {
		fprintf(stderr, "(none)\n");
		return;
	}
	fprintf(stderr, "family %u prefix %u dst", r->family, r->prefix);
	for (unsigned i = 0; i < (r->family == NF_ADDR_IPV4 ? 4u : 16u); i++)
		fprintf(stderr, "%s%02x", i ? ":" : " ", r->dst.a[i]);
	fprintf(stderr, " table %u type %u metric %u flags 0x%x expire %u gw kind %u index %u type %u len %u", r->table,
		r->type, r->metric, r->flags, r->expire, r->gw.kind, r->gw.index, r->gw.lltype, r->gw.len);
	for (unsigned i = 0; i < r->gw.len && i < sizeof r->gw.a; i++)
		fprintf(stderr, "%s%02x", i ? ":" : " ", r->gw.a[i]);
	fprintf(stderr, " ifindex %u\n", r->ifindex);
}

static void print_neigh(const char *side, const struct nf_neigh *n)
{
	fprintf(stderr, "  %s: ip kind %u", side, n->ip.kind);
	for (unsigned i = 0; i < (n->ip.kind == NF_ADDR_IPV4 ? 4u : 16u); i++)
		fprintf(stderr, "%s%02x", i ? ":" : " ", n->ip.a[i]);
	fprintf(stderr, " lladdr kind %u index %u type %u len %u", n->lladdr.kind, n->lladdr.index, n->lladdr.lltype, n->lladdr.len);
	for (unsigned i = 0; i < n->lladdr.len && i < sizeof n->lladdr.a; i++)
		fprintf(stderr, "%s%02x", i ? ":" : " ", n->lladdr.a[i]);
	fprintf(stderr, " ifindex %u state 0x%x flags 0x%x rtflags 0x%x expire %u\n", n->ifindex, n->state, n->flags,
		n->rtflags, n->expire);
}

static void check_one(const struct nf_rtable *t, const struct nf_addr *a, bool corrupt)
{
	const struct nf_route *r = NULL, *longer = NULL;
	bool lower = false;

	(void)nf_route_lookup(t, a, &r);
	if (corrupt && r) /* test hook: claim the scan found a longer route */
		longer = r;
	for (size_t i = 0; r && !longer && i < t->nroutes; i++) {
		const struct nf_route *q = &t->routes[i];

		/* cheap tests first: most routes have a shorter prefix */
		if (q->prefix < r->prefix || (q->prefix == r->prefix && q->metric > r->metric) ||
		    !same_table(t, r, q) || !may_use(t, q) || !naive_match(q, a))
			continue;
		if (q->prefix > r->prefix)
			longer = q;
		else if (q->prefix == r->prefix && (q->metric < r->metric || (q->metric == r->metric && q < r)))
			longer = q, lower = true; /* L4 */
	}
	if (r && naive_match(r, a) && !longer)
		return;
	if (!r)
		return; /* none: throw/table order make "no answer" legitimate */
	fprintf(stderr, "netfuzz oracle route-lookup: disagreement for address");
	for (unsigned i = 0; i < (a->kind == NF_ADDR_IPV4 ? 4u : 16u); i++)
		fprintf(stderr, "%s%02x", i ? ":" : " ", a->a[i]);
	fprintf(stderr, " (os %d)\n", (int)t->os);
	print_route("nf_route_lookup", r);
	print_route(lower    ? "naive scan: same prefix, lower metric (or same metric, earlier)"
		    : longer ? "naive scan: longer match"
			     : "naive scan: lookup's route does not contain it",
		    longer ? longer : r);
	__builtin_trap();
}

void nf_oracle_route_lookup(const struct nf_rtable *t)
{
	bool corrupt;

	if (!nf_oracle_enabled())
		return;
	corrupt = nf_oracle_corrupt(NF_ORACLE_ROUTE_LOOKUP);
	/* Evenly spaced, the first always among them (the corrupt hook's). */
	size_t step = (t->nroutes + NF_ORACLE_LOOKUP_ROUTES - 1) / NF_ORACLE_LOOKUP_ROUTES;

	for (size_t i = 0; i < t->nroutes; i += step) { /* step >= 1 whenever nroutes > 0 */
		struct nf_addr a = t->routes[i].dst;

		if (a.kind == NF_ADDR_NONE) {
			a.kind = t->routes[i].family;
			a.len = a.kind == NF_ADDR_IPV4 ? 4 : 16;
		}
		if (a.kind != NF_ADDR_IPV4 && a.kind != NF_ADDR_IPV6)
			continue;
		check_one(t, &a, corrupt);
		a.a[a.kind == NF_ADDR_IPV4 ? 3 : 15] ^= 1;
		check_one(t, &a, false);
	}
}

/* ----------------------------------------------------------- round trip */

static bool addr_eq(const struct nf_addr *a, const struct nf_addr *b)
{
	size_t n = a->len < sizeof a->a ? a->len : sizeof a->a;

	return a->kind == b->kind && a->len == b->len && a->index == b->index && a->lltype == b->lltype &&
	       !memcmp(a->a, b->a, n);
}

/* RT1: only the first `prefix` bits of a destination are significant
 * (RFC 4632 3.1; the kernel refuses host bits, and a /0 route is written
 * without RTA_DST), so a /0 with stray bits equals one with no RTA_DST. */
static bool dst_eq(const struct nf_route *a, const struct nf_route *b)
{
	static const uint8_t zero[16];
	const uint8_t *x = a->dst.kind == NF_ADDR_NONE ? zero : a->dst.a;
	const uint8_t *y = b->dst.kind == NF_ADDR_NONE ? zero : b->dst.a;
	unsigned abits = a->family == NF_ADDR_IPV4 ? 32 : 128;

	if (a->prefix != 0 && a->dst.kind != b->dst.kind)
		return false;
	for (unsigned i = 0; i < a->prefix && i < abits; i++)
		if (bit(x, i) != bit(y, i))
			return false;
	return true;
}

/* First differing field of two routes, or NULL. */
static const char *route_diff(const struct nf_route *a, const struct nf_route *b)
{
	if (!dst_eq(a, b))
		return "dst";
	if (a->prefix != b->prefix)
		return "prefix";
	if (a->family != b->family)
		return "family";
	if (a->type != b->type)
		return "type";
	if (a->protocol != b->protocol || a->scope != b->scope)
		return "protocol/scope";
	/* RT3: a multipath route's own gateway and interface are not part of
	 * it: the kernel writes RTA_GATEWAY / RTA_OIF only for a single
	 * nexthop (fib_dump_info: fib_nexthop_info when fib_nhs == 1), and so
	 * does the encoder; the nexthops are compared below. */
	if (!a->nnexthops && !addr_eq(&a->gw, &b->gw))
		return "gw";
	if (!addr_eq(&a->prefsrc, &b->prefsrc))
		return "prefsrc";
	if (!a->nnexthops && a->ifindex != b->ifindex)
		return "ifindex";
	if (a->flags != b->flags)
		return "flags";
	if (a->metric != b->metric)
		return "metric";
	if (a->table != b->table)
		return "table";
	if (a->expire != b->expire)
		return "expire";
	if (a->nnexthops != b->nnexthops)
		return "nnexthops";
	for (unsigned k = 0; k < a->nnexthops && k < NF_RT_MAX_NEXTHOPS; k++)
		if (!addr_eq(&a->nh[k].gw, &b->nh[k].gw) || a->nh[k].ifindex != b->nh[k].ifindex ||
		    a->nh[k].weight != b->nh[k].weight || a->nh[k].flags != b->nh[k].flags)
			return "nexthop";
	return NULL;
}

static const char *neigh_diff(const struct nf_neigh *a, const struct nf_neigh *b)
{
	if (!addr_eq(&a->ip, &b->ip))
		return "ip";
	if (!addr_eq(&a->lladdr, &b->lladdr))
		return "lladdr";
	if (a->ifindex != b->ifindex)
		return "ifindex";
	if (a->state != b->state)
		return "state";
	if (a->flags != b->flags || a->rtflags != b->rtflags)
		return "flags";
	if (a->expire != b->expire)
		return "expire";
	return NULL;
}

void nf_oracle_route_roundtrip(const struct nf_rtable *t, const struct nf_rtable *t2)
{
	const char *d = NULL;
	size_t i = 0;
	bool neigh = false;

	/* Every binary format is compared: rtnetlink, and the Darwin and
	 * FreeBSD routing-socket dumps, which the encoder writes back as read
	 * (src/route/encode.c same_os: RTA_GATEWAY only when the route had a
	 * gateway, rtm_flags incl. RTF_LLINFO, sdl_index/sdl_type and
	 * rmx_expire as read).  The /proc text formats have no encoder. */
	if (!nf_oracle_enabled() || !t2 ||
	    (t->os != NF_RTOS_LINUX && t->os != NF_RTOS_DARWIN && t->os != NF_RTOS_FREEBSD))
		return;
	if (t->nroutes != t2->nroutes || t->nneighs != t2->nneighs) {
		fprintf(stderr, "netfuzz oracle route-roundtrip: decoded %zu routes, %zu neighbours; "
				"after encode+decode %zu routes, %zu neighbours\n",
			t->nroutes, t->nneighs, t2->nroutes, t2->nneighs);
		__builtin_trap();
	}
	for (i = 0; !d && i < t->nroutes; i++)
		d = route_diff(&t->routes[i], &t2->routes[i]);
	for (size_t k = 0; !d && k < t->nneighs; k++)
		if ((d = neigh_diff(&t->neighs[k], &t2->neighs[k])) != NULL)
			neigh = true, i = k + 1;
	if (!d && nf_oracle_corrupt(NF_ORACLE_ROUTE_ROUNDTRIP) && t->nroutes)
		d = "metric (test hook: corrupted)", i = 1;
	if (!d)
		return;
	fprintf(stderr, "netfuzz oracle route-roundtrip: %s %zu differs in %s after encode+decode (os %d)\n",
		neigh ? "neighbour" : "route", i - 1, d, (int)t->os);
	if (!neigh) {
		print_route("decoded", &t->routes[i - 1]);
		print_route("re-decoded", &t2->routes[i - 1]);
	} else {
		print_neigh("decoded", &t->neighs[i - 1]);
		print_neigh("re-decoded", &t2->neighs[i - 1]);
	}
	__builtin_trap();
}
