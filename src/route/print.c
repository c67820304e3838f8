/* Printers for the route model; see routes_print.h. */
#include "netfuzz/route_print.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

static void out_addr(struct nf_out *o, const struct nf_addr *a)
{
	char buf[128];

	nf_addr_format(a, buf, sizeof buf);
	nf_out_str(o, buf);
}

static void json_addr_or_null(struct nf_out *o, const struct nf_addr *a)
{
	char buf[128];

	if (a->kind == NF_ADDR_NONE) {
		nf_out_str(o, "null");
		return;
	}
	nf_addr_format(a, buf, sizeof buf);
	nf_out_json_str(o, buf, strlen(buf));
}

static void json_name_or_null(struct nf_out *o, const char *s)
{
	if (!s[0])
		nf_out_str(o, "null");
	else
		nf_out_json_str(o, s, strnlen(s, NF_RT_IFNAMSIZ));
}

struct json_list {
	struct nf_out *o;
	bool first;
};

static void json_list_item(const char *name, void *arg)
{
	struct json_list *l = arg;

	if (!l->first)
		nf_out_char(l->o, ',');
	l->first = false;
	nf_out_json_str(l->o, name, strlen(name));
}

static void json_flags(struct nf_out *o, enum nf_rt_os os, uint32_t flags)
{
	struct json_list l = {o, true};

	nf_out_char(o, '[');
	nf_route_flag_names(os, flags, json_list_item, &l);
	nf_out_char(o, ']');
}

static const char *family_name(uint8_t kind)
{
	return kind == NF_ADDR_IPV4 ? "inet" : kind == NF_ADDR_IPV6 ? "inet6" : "unspec";
}

void nf_routes_json_route(struct nf_out *o, const struct nf_rtable *t, const struct nf_route *r)
{
	char dst[128];

	nf_route_dst_format(r, dst, sizeof dst);
	nf_out_str(o, "{\"dst\":");
	nf_out_json_str(o, dst, strlen(dst));
	nf_out_str(o, ",\"gateway\":");
	json_addr_or_null(o, &r->gw);
	nf_out_str(o, ",\"ifindex\":");
	nf_out_u64(o, r->ifindex);
	nf_out_str(o, ",\"ifname\":");
	json_name_or_null(o, r->ifname);
	nf_out_str(o, ",\"flags\":");
	json_flags(o, t->os, r->flags);
	nf_out_str(o, ",\"metric\":");
	nf_out_u64(o, r->metric);
	nf_out_str(o, ",\"table\":");
	nf_out_u64(o, r->table);
	nf_out_str(o, ",\"nexthops\":[");
	for (unsigned k = 0; k < r->nnexthops; k++) {
		const struct nf_nexthop *nh = &r->nh[k];

		nf_out_str(o, k ? ",{\"gateway\":" : "{\"gateway\":");
		json_addr_or_null(o, &nh->gw);
		nf_out_str(o, ",\"ifindex\":");
		nf_out_u64(o, nh->ifindex);
		nf_out_str(o, ",\"ifname\":");
		json_name_or_null(o, nh->ifname);
		nf_out_str(o, ",\"weight\":");
		nf_out_u64(o, nh->weight);
		nf_out_str(o, ",\"flags\":");
		json_flags(o, NF_RTOS_LINUX, nh->flags);
		nf_out_char(o, '}');
	}
	nf_out_str(o, "],\"type\":\"");
	nf_out_str(o, nf_rt_type_name(r->type));
	nf_out_str(o, "\",\"family\":\"");
	nf_out_str(o, family_name(r->family));
	nf_out_str(o, "\",\"protocol\":");
	nf_out_u64(o, r->protocol);
	nf_out_str(o, ",\"scope\":");
	nf_out_u64(o, r->scope);
	nf_out_str(o, ",\"prefsrc\":");
	json_addr_or_null(o, &r->prefsrc);
	nf_out_char(o, '}');
}

static void json_neigh(struct nf_out *o, const struct nf_neigh *n)
{
	struct json_list l = {o, true};

	nf_out_str(o, "{\"ip\":");
	json_addr_or_null(o, &n->ip);
	nf_out_str(o, ",\"lladdr\":");
	if (n->lladdr.kind == NF_ADDR_LINK && n->lladdr.len)
		json_addr_or_null(o, &n->lladdr);
	else
		nf_out_str(o, "null");
	nf_out_str(o, ",\"ifindex\":");
	nf_out_u64(o, n->ifindex);
	nf_out_str(o, ",\"ifname\":");
	json_name_or_null(o, n->ifname);
	nf_out_str(o, ",\"state\":[");
	nf_neigh_state_names(n->state, json_list_item, &l);
	nf_out_str(o, "],\"router\":");
	nf_out_str(o, (n->flags & 0x80) ? "true" : "false");
	nf_out_char(o, '}');
}

void nf_routes_error_text(char *buf, size_t len, const struct nf_rt_error *e)
{
	snprintf(buf, len,
		 "record %zu at offset %zu (problem at offset %zu): %s [%s]; %s (%zu bad record%s)",
		 e->record, e->offset, e->at, e->what, nf_rt_errcode_name(e->code),
		 e->resynced ? "resynchronised at the next record" : "could not resynchronise, decoding stopped",
		 e->nerrors, e->nerrors == 1 ? "" : "s");
}

void nf_routes_print_json(struct nf_out *o, const struct nf_rtable *t, const struct nf_rt_error *err)
{
	nf_out_str(o, "{\"routes\":[");
	for (size_t i = 0; i < t->nroutes; i++) {
		if (i)
			nf_out_char(o, ',');
		nf_routes_json_route(o, t, &t->routes[i]);
	}
	nf_out_str(o, "],\"neighbors\":[");
	for (size_t i = 0; i < t->nneighs; i++) {
		if (i)
			nf_out_char(o, ',');
		json_neigh(o, &t->neighs[i]);
	}
	nf_out_str(o, "],\"interfaces\":[");
	for (size_t i = 0; i < t->nifaces; i++) {
		const struct nf_iface *f = &t->ifaces[i];

		nf_out_str(o, i ? ",{\"ifindex\":" : "{\"ifindex\":");
		nf_out_u64(o, f->index);
		nf_out_str(o, ",\"ifname\":");
		json_name_or_null(o, f->is_addr ? "" : f->name);
		if (f->is_addr) {
			char a[128];

			nf_addr_format(&f->addr, a, sizeof a);
			snprintf(a + strlen(a), sizeof a - strlen(a), "/%u", f->prefix);
			nf_out_str(o, ",\"addr\":");
			nf_out_json_str(o, a, strlen(a));
		} else {
			nf_out_str(o, ",\"lladdr\":");
			if (f->lladdr.kind == NF_ADDR_LINK && f->lladdr.len)
				json_addr_or_null(o, &f->lladdr);
			else
				nf_out_str(o, "null");
		}
		nf_out_char(o, '}');
	}
	nf_out_char(o, ']');
	if (err && err->code != NF_RTE_OK) {
		nf_out_str(o, ",\"error\":{\"code\":\"");
		nf_out_str(o, nf_rt_errcode_name(err->code));
		nf_out_str(o, "\",\"what\":");
		nf_out_json_str(o, err->what, strlen(err->what));
		nf_out_str(o, ",\"record\":");
		nf_out_u64(o, err->record);
		nf_out_str(o, ",\"offset\":");
		nf_out_u64(o, err->offset);
		nf_out_str(o, ",\"at\":");
		nf_out_u64(o, err->at);
		nf_out_str(o, ",\"resynced\":");
		nf_out_str(o, err->resynced ? "true" : "false");
		nf_out_str(o, ",\"errors\":");
		nf_out_u64(o, err->nerrors);
		nf_out_char(o, '}');
	}
	nf_out_str(o, "}\n");
}

/* ---------------------------------------------------------------- text */

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
