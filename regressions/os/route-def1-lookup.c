/* route-def1-lookup
 *
 * Source: OpenVPN's --redirect-gateway def1 (openvpn(8)): instead of
 * replacing the default route it adds 0.0.0.0/1 and 128.0.0.0/1 via the
 * tunnel, which win by longest prefix (RFC 1812 5.2.4.3), plus a host route
 * to the VPN server via the original gateway.  netfuzz's table model and
 * lookup (src/route/: nf_route_live_dump -> nf_route_decode_netlink ->
 * nf_route_lookup) must pick, for every probe address, the same FIB entry
 * as the kernel's own RTM_GETROUTE answer (nf_route_live_get with
 * RTM_F_FIB_MATCH, as `ip route get fibmatch`).
 *
 * Topology in the runner's namespace: veth nfrt0 10.79.0.1/24 (LAN,
 * default via 10.79.0.254) and veth nfrt2 10.8.0.2/24 (the "tunnel"). */
#include "netfuzz/repro.h"
#include "netfuzz/route.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

static const char *const nf_def1_probes[] = {
	"8.8.8.8", "1.1.1.1", "100.64.0.1", "127.0.0.1", "128.0.0.1", "192.0.2.1", "203.0.113.9",
	"198.51.100.7", "198.51.100.8", "10.79.0.5", "10.79.0.1", "10.8.0.1", "10.8.0.2",
};
#define NF_DEF1_NPROBES (sizeof nf_def1_probes / sizeof nf_def1_probes[0])

/* "dst/prefix via gw type" of a route, for comparison and notes.  The
 * table id is left out: while only the default rules exist the kernel keeps
 * the local and main tables merged (net/ipv4/fib_frontend.c fib_unmerge),
 * and a fibmatch answer for a local address reports table 254 for an entry
 * `ip route show table local` lists under 255. */
static void describe(const struct nf_route *rt, char *buf, size_t len)
{
	char dst[80], gw[80] = "-";

	nf_route_dst_format(rt, dst, sizeof dst);
	if (rt->gw.kind != NF_ADDR_NONE)
		nf_addr_format(&rt->gw, gw, sizeof gw);
	else if (rt->nnexthops && rt->nh[0].gw.kind != NF_ADDR_NONE)
		nf_addr_format(&rt->nh[0].gw, gw, sizeof gw);
	snprintf(buf, len, "%s via %s %s", dst, gw, nf_rt_type_name(rt->type));
}

NF_REPRO(route_def1_lookup,
	 .id = "route-def1-lookup",
	 .title = "netfuzz's route lookup agrees with the kernel under OpenVPN def1 routes",
	 .checks = "with 0.0.0.0/1 and 128.0.0.0/1 via a tunnel, a server host route and a default route installed, nf_route_lookup over the decoded rtnetlink dump picks the same route as RTM_GETROUTE (fibmatch) for 13 probe addresses",
	 .source = "openvpn(8) --redirect-gateway def1; RFC 1812 5.2.4.3; Linux rtnetlink(7) RTM_GETROUTE",
	 .platforms = "linux",
	 .expect = {"linux: pass"},
	 .faults = {"policy-rule"},
	 .needs = NF_NEEDS_ROOT)
{
	static const char *const setup[][12] = {
		{"ip", "link", "add", "nfrt0", "type", "veth", "peer", "name", "nfrt1", NULL},
		{"ip", "link", "add", "nfrt2", "type", "veth", "peer", "name", "nfrt3", NULL},
		{"ip", "link", "set", "nfrt1", "up", NULL},
		{"ip", "link", "set", "nfrt3", "up", NULL},
		{"ip", "addr", "add", "10.79.0.1/24", "dev", "nfrt0", NULL},
		{"ip", "addr", "add", "10.8.0.2/24", "dev", "nfrt2", NULL},
		{"ip", "link", "set", "nfrt0", "up", NULL},
		{"ip", "link", "set", "nfrt2", "up", NULL},
		{"ip", "route", "add", "default", "via", "10.79.0.254", NULL},
		{"ip", "route", "add", "198.51.100.7/32", "via", "10.79.0.254", NULL}, /* the VPN server */
		{"ip", "route", "add", "0.0.0.0/1", "via", "10.8.0.1", NULL},          /* def1 */
		{"ip", "route", "add", "128.0.0.0/1", "via", "10.8.0.1", NULL},
	};
	static const char *const del0[] = {"ip", "link", "del", "nfrt0", NULL};
	static const char *const del2[] = {"ip", "link", "del", "nfrt2", NULL};
	struct nf_rtable t;
	struct nf_rt_error err;
	int verdict = NF_FAIL, agree = 0;

	nf_rtable_init_dynamic(&t);
	for (size_t i = 0; i < sizeof setup / sizeof setup[0]; i++)
		if (!nf_rs_cmd(r, setup[i]))
			goto out;
	if (nf_route_live_dump(&t, &err) != NF_RTE_OK) {
		nf_note(r, "rtnetlink dump: %s (%s) at record %zu", nf_rt_errcode_name(err.code),
			err.what ? err.what : "", err.record);
		goto out;
	}
	verdict = NF_PASS;
	for (size_t i = 0; i < NF_DEF1_NPROBES; i++) {
		const struct nf_route *mine = NULL;
		struct nf_rtable k;
		struct nf_addr dst;
		char a[160] = "", b[160] = "";
		int me, kern;

		nf_addr_parse(nf_def1_probes[i], &dst);
		me = nf_route_lookup(&t, &dst, &mine);
		nf_rtable_init_dynamic(&k);
		kern = nf_route_live_get(&dst, NF_LIVE_GET_FIBMATCH, &k, &err);
		if (me == 0 && mine)
			describe(mine, a, sizeof a);
		else
			snprintf(a, sizeof a, "error %s", strerror(me));
		if (kern == 0 && k.nroutes == 1)
			describe(&k.routes[0], b, sizeof b);
		else
			snprintf(b, sizeof b, "error %s", kern > 0 ? strerror(kern) : "(bad reply)");
		if (strcmp(a, b) != 0) {
			nf_note(r, "%s: netfuzz says %s, kernel says %s;", nf_def1_probes[i], a, b);
			verdict = NF_FAIL;
		} else {
			agree++;
		}
		nf_rtable_free(&k);
	}
	nf_note(r, "%d/%zu probes agree with RTM_GETROUTE fibmatch (%zu routes decoded)", agree,
		NF_DEF1_NPROBES, t.nroutes);
	if (verdict == NF_PASS) {
		const struct nf_route *g = NULL;
		struct nf_addr d;
		char s[160];

		nf_addr_parse("8.8.8.8", &d);
		if (nf_route_lookup(&t, &d, &g) == 0 && g) {
			describe(g, s, sizeof s);
			nf_note(r, "; e.g. 8.8.8.8 -> %s", s);
		}
	}
out:
	nf_rtable_free(&t);
	{
		struct nf_rctx quiet = {0};

		nf_rs_cmd(&quiet, del0);
		nf_rs_cmd(&quiet, del2);
	}
	return verdict;
}
