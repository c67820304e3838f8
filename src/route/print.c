/* Printers for the route model; see netfuzz/route_print.h. */
#include "netfuzz/route_print.h"
#include "netfuzz/json_out.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

static void out_addr(struct nf_out *o, const struct nf_addr *a)
{
	char buf[128];

	nf_addr_format(a, buf, sizeof buf);
	nf_out_str(o, buf);
}

static json_t *addr_or_null(const struct nf_addr *a)
{
	char buf[128];

	if (a->kind == NF_ADDR_NONE)
		return json_null();
	nf_addr_format(a, buf, sizeof buf);
	return json_string(buf);
}

static json_t *lladdr_or_null(const struct nf_addr *a)
{
	return a->kind == NF_ADDR_LINK && a->len ? addr_or_null(a) : json_null();
}

static json_t *name_or_null(const char *s)
{
	return s[0] ? nf_json_bytes(s, NF_RT_IFNAMSIZ) : json_null();
}

static void list_item(const char *name, void *arg)
{
	json_array_append_new(arg, json_string(name));
}

static json_t *flags_list(enum nf_rt_os os, uint32_t flags)
{
	json_t *a = json_array();

	nf_route_flag_names(os, flags, list_item, a);
	return a;
}

static const char *family_name(uint8_t kind)
{
	return kind == NF_ADDR_IPV4 ? "inet" : kind == NF_ADDR_IPV6 ? "inet6" : "unspec";
}

json_t *nf_routes_json_route(const struct nf_rtable *t, const struct nf_route *r)
{
	char dst[128];
	json_t *o = json_object(), *nhs = json_array();

	nf_route_dst_format(r, dst, sizeof dst);
	json_object_set_new(o, "dst", json_string(dst));
	json_object_set_new(o, "gateway", addr_or_null(&r->gw));
	json_object_set_new(o, "ifindex", json_integer(r->ifindex));
	json_object_set_new(o, "ifname", name_or_null(r->ifname));
	json_object_set_new(o, "flags", flags_list(t->os, r->flags));
	json_object_set_new(o, "metric", json_integer(r->metric));
	json_object_set_new(o, "table", json_integer(r->table));
	for (unsigned k = 0; k < r->nnexthops; k++) {
		const struct nf_nexthop *nh = &r->nh[k];
		json_t *h = json_object();

		json_object_set_new(h, "gateway", addr_or_null(&nh->gw));
		json_object_set_new(h, "ifindex", json_integer(nh->ifindex));
		json_object_set_new(h, "ifname", name_or_null(nh->ifname));
		json_object_set_new(h, "weight", json_integer(nh->weight));
		json_object_set_new(h, "flags", flags_list(NF_RTOS_LINUX, nh->flags));
		json_array_append_new(nhs, h);
	}
	json_object_set_new(o, "nexthops", nhs);
	json_object_set_new(o, "type", json_string(nf_rt_type_name(r->type)));
	json_object_set_new(o, "family", json_string(family_name(r->family)));
	json_object_set_new(o, "protocol", json_integer(r->protocol));
	json_object_set_new(o, "scope", json_integer(r->scope));
	json_object_set_new(o, "prefsrc", addr_or_null(&r->prefsrc));
	return o;
}

static json_t *json_neigh(const struct nf_neigh *n)
{
	json_t *o = json_object(), *state = json_array();

	json_object_set_new(o, "ip", addr_or_null(&n->ip));
	json_object_set_new(o, "lladdr", lladdr_or_null(&n->lladdr));
	json_object_set_new(o, "ifindex", json_integer(n->ifindex));
	json_object_set_new(o, "ifname", name_or_null(n->ifname));
	nf_neigh_state_names(n->state, list_item, state);
	json_object_set_new(o, "state", state);
	json_object_set_new(o, "router", json_boolean(n->flags & 0x80)); /* NTF_ROUTER */
	return o;
}

static json_t *json_iface(const struct nf_iface *f)
{
	json_t *o = json_object();

	json_object_set_new(o, "ifindex", json_integer(f->index));
	json_object_set_new(o, "ifname", name_or_null(f->is_addr ? "" : f->name));
	if (f->is_addr) {
		char a[128];

		nf_addr_format(&f->addr, a, sizeof a);
		snprintf(a + strlen(a), sizeof a - strlen(a), "/%u", f->prefix);
		json_object_set_new(o, "addr", json_string(a));
	} else {
		json_object_set_new(o, "lladdr", lladdr_or_null(&f->lladdr));
	}
	return o;
}

void nf_routes_error_text(char *buf, size_t len, const struct nf_rt_error *e)
{
	snprintf(buf, len,
		 "record %zu at offset %zu (problem at offset %zu): %s [%s]; %s (%zu bad record%s)",
		 e->record, e->offset, e->at, e->what, nf_rt_errcode_name(e->code),
		 e->resynced ? "resynchronised at the next record" : "could not resynchronise, decoding stopped",
		 e->nerrors, e->nerrors == 1 ? "" : "s");
}

json_t *nf_routes_json(const struct nf_rtable *t, const struct nf_rt_error *err)
{
	json_t *doc = json_object(), *routes = json_array(), *neighs = json_array(), *ifaces = json_array();

	for (size_t i = 0; i < t->nroutes; i++)
		json_array_append_new(routes, nf_routes_json_route(t, &t->routes[i]));
	for (size_t i = 0; i < t->nneighs; i++)
		json_array_append_new(neighs, json_neigh(&t->neighs[i]));
	for (size_t i = 0; i < t->nifaces; i++)
		json_array_append_new(ifaces, json_iface(&t->ifaces[i]));
	json_object_set_new(doc, "routes", routes);
	json_object_set_new(doc, "neighbors", neighs);
	json_object_set_new(doc, "interfaces", ifaces);
	if (err && err->code != NF_RTE_OK)
		json_object_set_new(doc, "error",
				    json_pack("{s:s, s:s, s:I, s:I, s:I, s:b, s:I}", "code",
					      nf_rt_errcode_name(err->code), "what", err->what, "record",
					      (json_int_t)err->record, "offset", (json_int_t)err->offset, "at",
					      (json_int_t)err->at, "resynced", err->resynced, "errors",
					      (json_int_t)err->nerrors));
	return doc;
}

json_t *nf_routes_json_lookup(const char *addr, const struct nf_rtable *t, const struct nf_lookup *res)
{
	json_t *o = json_object();

	json_object_set_new(o, "addr", nf_json_text(addr));
	json_object_set_new(o, "result", json_string(nf_routes_errno_name(res->error)));
	json_object_set_new(o, "type", json_string(nf_rt_type_name(res->type)));
	json_object_set_new(o, "use_gateway", json_boolean(res->use_gateway));
	json_object_set_new(o, "route", res->route ? nf_routes_json_route(t, res->route) : json_null());
	return o;
}

json_t *nf_routes_json_kernel(const char *addr, const struct nf_rtable *t, int e)
{
	json_t *o = json_object();

	json_object_set_new(o, "addr", nf_json_text(addr));
	json_object_set_new(o, "result", json_string(nf_routes_errno_name(e)));
	json_object_set_new(o, "route", !e && t->nroutes ? nf_routes_json_route(t, &t->routes[0]) : json_null());
	return o;
}

/* ---------------------------------------------------------------- text */

static void out_name(struct nf_out *o, const char *s)
{
	nf_out_safe_text(o, s, strnlen(s, NF_RT_IFNAMSIZ));
}

/* like `ip route get`: "10.1.2.3 unicast via 10.0.0.1 dev eth0 table 254
 * metric 0 (route 10.0.0.0/8)", one " | via .. dev .." per nexthop */
void nf_routes_print_lookup(struct nf_out *o, const char *addr, const struct nf_lookup *res)
{
	const struct nf_route *r = res->route;
	char d[128], g[128];

	nf_out_str(o, addr);
	if (res->error && !r) {
		nf_out_str(o, ": ");
		nf_out_str(o, nf_routes_errno_name(res->error));
		nf_out_str(o, res->error == ENETUNREACH ? " (Network is unreachable)\n" : "\n");
		return;
	}
	nf_out_char(o, ' ');
	nf_out_str(o, nf_rt_type_name(res->type));
	for (unsigned k = 0; r && k < (r->nnexthops ? r->nnexthops : 1u); k++) {
		const struct nf_addr *gw = r->nnexthops ? &r->nh[k].gw : &r->gw;
		const char *ifn = r->nnexthops ? r->nh[k].ifname : r->ifname;

		if (k)
			nf_out_str(o, " |");
		if (res->use_gateway && (gw->kind == NF_ADDR_IPV4 || gw->kind == NF_ADDR_IPV6)) {
			nf_addr_format(gw, g, sizeof g);
			nf_out_str(o, " via ");
			nf_out_str(o, g);
		}
		if (ifn[0]) {
			nf_out_str(o, " dev ");
			out_name(o, ifn);
		}
	}
	if (r) {
		nf_route_dst_format(r, d, sizeof d);
		nf_out_str(o, " table ");
		nf_out_u64(o, r->table);
		nf_out_str(o, " metric ");
		nf_out_u64(o, r->metric);
		nf_out_str(o, " (route ");
		nf_out_str(o, d);
		nf_out_str(o, ")");
	}
	if (res->error) {
		nf_out_str(o, ": ");
		nf_out_str(o, nf_routes_errno_name(res->error));
	}
	nf_out_char(o, '\n');
}

void nf_routes_print_kernel(struct nf_out *o, const char *addr, const struct nf_rtable *t, int e)
{
	char d[128];

	nf_out_str(o, addr);
	nf_out_str(o, ": kernel ");
	if (!e && t->nroutes) {
		nf_route_dst_format(&t->routes[0], d, sizeof d);
		nf_out_str(o, nf_rt_type_name(t->routes[0].type));
		nf_out_str(o, " route ");
		nf_out_str(o, d);
		nf_out_str(o, " table ");
		nf_out_u64(o, t->routes[0].table);
		nf_out_str(o, " metric ");
		nf_out_u64(o, t->routes[0].metric);
	} else {
		nf_out_str(o, nf_routes_errno_name(e));
	}
	nf_out_char(o, '\n');
}

static void pad(struct nf_out *o, size_t used, size_t width)
{
	while (used++ < width)
		nf_out_char(o, ' ');
	nf_out_char(o, ' ');
}

static void col(struct nf_out *o, const char *s, size_t width)
{
	nf_out_safe_text(o, s, strlen(s));
	pad(o, strlen(s), width);
}

/* netstat prints "default" for /0, a bare address for a host route. */
static void dst_text(const struct nf_route *r, char *buf, size_t len)
{
	unsigned full = r->family == NF_ADDR_IPV4 ? 32 : 128;

	if (r->prefix == 0) {
		snprintf(buf, len, "default");
	} else if (r->prefix == full) {
		struct nf_addr d = r->dst;
		d.kind = r->family;
		nf_addr_format(&d, buf, len);
	} else {
		nf_route_dst_format(r, buf, len);
	}
}

/* Linux routes carry no RTF_* bits: derive netstat's letters as
 * net-tools' netstat -rn does from the route itself. */
static void letters(const struct nf_rtable *t, const struct nf_route *r, const struct nf_addr *gw,
		    char *buf, size_t len)
{
	size_t k = 0;

	if (t->os != NF_RTOS_LINUX) {
		nf_route_flag_letters(t->os, r->flags, buf, len);
		return;
	}
	if (r->type != NF_RTN_UNREACHABLE && r->type != NF_RTN_PROHIBIT && k + 1 < len)
		buf[k++] = 'U';
	if ((gw->kind == NF_ADDR_IPV4 || gw->kind == NF_ADDR_IPV6) && k + 1 < len)
		buf[k++] = 'G';
	if (r->prefix == (r->family == NF_ADDR_IPV4 ? 32 : 128) && k + 1 < len)
		buf[k++] = 'H';
	if ((r->type == NF_RTN_UNREACHABLE || r->type == NF_RTN_PROHIBIT) && k + 1 < len)
		buf[k++] = 'R';
	if (r->type == NF_RTN_BLACKHOLE && k + 1 < len)
		buf[k++] = 'B';
	if (r->type == NF_RTN_LOCAL && k + 1 < len)
		buf[k++] = 'l';
	if (r->type == NF_RTN_BROADCAST && k + 1 < len)
		buf[k++] = 'b';
	buf[k] = 0;
}

static void route_line(struct nf_out *o, const struct nf_rtable *t, const struct nf_route *r,
		       const struct nf_addr *gw, uint32_t ifindex, const char *ifname)
{
	char dst[128], g[128], f[48], ifn[32], tab[16];

	dst_text(r, dst, sizeof dst);
	if (gw->kind == NF_ADDR_NONE)
		snprintf(g, sizeof g, "%s", r->type == NF_RTN_UNICAST ? "link" : nf_rt_type_name(r->type));
	else
		nf_addr_format(gw, g, sizeof g);
	letters(t, r, gw, f, sizeof f);
	if (ifname[0])
		snprintf(ifn, sizeof ifn, "%s", ifname);
	else if (ifindex)
		snprintf(ifn, sizeof ifn, "#%u", ifindex);
	else
		snprintf(ifn, sizeof ifn, "-");
	if (r->table == NF_RT_TABLE_MAIN)
		snprintf(tab, sizeof tab, "main");
	else if (r->table == NF_RT_TABLE_LOCAL)
		snprintf(tab, sizeof tab, "local");
	else
		snprintf(tab, sizeof tab, "%u", r->table);
	col(o, dst, 18);
	col(o, g, 18);
	col(o, f, 8);
	col(o, ifn, 10);
	nf_out_u64(o, r->metric);
	nf_out_str(o, "\t");
	nf_out_str(o, tab);
	nf_out_char(o, '\n');
}

static void routes_family(struct nf_out *o, const struct nf_rtable *t, uint8_t family, const char *title)
{
	bool any = false;

	for (size_t i = 0; i < t->nroutes; i++) {
		const struct nf_route *r = &t->routes[i];

		if (r->family != family)
			continue;
		if (!any) {
			nf_out_str(o, title);
			nf_out_str(o, ":\nDestination        Gateway            Flags    Netif      Metric\tTable\n");
			any = true;
		}
		if (!r->nnexthops)
			route_line(o, t, r, &r->gw, r->ifindex, r->ifname);
		for (unsigned k = 0; k < r->nnexthops; k++)
			route_line(o, t, r, &r->nh[k].gw, r->nh[k].ifindex, r->nh[k].ifname);
	}
	if (any)
		nf_out_char(o, '\n');
}

struct state_text {
	struct nf_out *o;
	bool first;
};

static void state_item(const char *name, void *arg)
{
	struct state_text *s = arg;

	nf_out_str(s->o, s->first ? "" : ",");
	s->first = false;
	nf_out_str(s->o, name);
}

/* Interface records (RTM_IFINFO / RTM_NEWADDR, RTM_NEWLINK) like
 * `netstat -in`: index, name, link or IP address. */
static void print_ifaces(struct nf_out *o, const struct nf_rtable *t)
{
	nf_out_str(o, "Interfaces:\nIndex Name            Address\n");
	for (size_t i = 0; i < t->nifaces; i++) {
		const struct nf_iface *f = &t->ifaces[i];
		const char *name = f->is_addr ? nf_rtable_ifname(t, f->index) : f->name;
		char num[16];

		snprintf(num, sizeof num, "%u", f->index);
		col(o, num, 5);
		col(o, name && name[0] ? name : "-", 15);
		if (f->is_addr) {
			out_addr(o, &f->addr);
			nf_out_char(o, '/');
			nf_out_u64(o, f->prefix);
		} else if (f->lladdr.kind == NF_ADDR_LINK && f->lladdr.len) {
			out_addr(o, &f->lladdr);
		} else {
			nf_out_str(o, "-");
		}
		nf_out_char(o, '\n');
	}
	nf_out_char(o, '\n');
}

void nf_routes_print_text(struct nf_out *o, const struct nf_rtable *t, bool ifaces)
{
	if (ifaces && t->nifaces)
		print_ifaces(o, t);
	if (t->nroutes) {
		nf_out_str(o, "Routing tables\n\n");
		routes_family(o, t, NF_ADDR_IPV4, "Internet");
		routes_family(o, t, NF_ADDR_IPV6, "Internet6");
	}
	/* arp -an: "? (10.0.0.1) at 0:1:2:3:4:5 on en0 [ethernet]" */
	for (size_t i = 0; i < t->nneighs; i++) {
		const struct nf_neigh *n = &t->neighs[i];
		struct state_text s = {o, true};

		nf_out_str(o, "? (");
		out_addr(o, &n->ip);
		nf_out_str(o, ") at ");
		if (n->lladdr.kind == NF_ADDR_LINK && n->lladdr.len)
			out_addr(o, &n->lladdr);
		else
			nf_out_str(o, "(incomplete)");
		nf_out_str(o, " on ");
		if (n->ifname[0])
			nf_out_safe_text(o, n->ifname, strnlen(n->ifname, NF_RT_IFNAMSIZ));
		else {
			nf_out_char(o, '#');
			nf_out_u64(o, n->ifindex);
		}
		if (t->os == NF_RTOS_DARWIN && (n->rtflags & 0x1000000)) /* RTF_IFSCOPE */
			nf_out_str(o, " ifscope");
		if (n->state & NF_NUD_PERMANENT)
			nf_out_str(o, " permanent");
		if (n->flags & 0x80)
			nf_out_str(o, " router");
		/* BSD arp -an names the link type from sdl_type (IFT_ETHER 6);
		 * Linux neighbour records carry no link type */
		if (t->os != NF_RTOS_LINUX && n->lladdr.lltype == 6)
			nf_out_str(o, " [ethernet]");
		nf_out_str(o, " state ");
		nf_neigh_state_names(n->state, state_item, &s);
		nf_out_char(o, '\n');
	}
}

const char *nf_routes_errno_name(int e)
{
	switch (e) {
	case 0: return "OK";
	case ENETUNREACH: return "ENETUNREACH";
	case EHOSTUNREACH: return "EHOSTUNREACH";
	case EACCES: return "EACCES";
	case EINVAL: return "EINVAL";
	case EAGAIN: return "EAGAIN";
	case EAFNOSUPPORT: return "EAFNOSUPPORT";
	default: return "EOTHER";
	}
}
