/* One-line printer, modelled on `tcpdump -n` output (print-ip.c,
 * print-udp.c, print-domain.c): "IP src.port > dst.port: ...".  A layer
 * cut short by the captured length ends the line with [|proto], as tcpdump
 * does; a malformed field is named with its offset. */
#include "netfuzz/print.h"

#include <string.h>

static const struct nf_field *lf(const struct nf_packet *p, const char *proto, const char *name)
{
	for (int i = 0; i < p->nlayers; i++)
		if (strcmp(p->layers[i].proto, proto) == 0)
			return nf_layer_field(p, i, name);
	return NULL;
}

static void out_field(struct nf_out *o, const struct nf_field *f)
{
	if (!f)
		return;
	switch (f->type) {
	case NF_FT_IPV4: nf_out_ipv4(o, f->v.addr); break;
	case NF_FT_IPV6: nf_out_ipv6(o, f->v.addr); break;
	case NF_FT_MAC: nf_out_mac(o, f->v.addr); break;
	case NF_FT_STR: nf_out_safe_text(o, f->v.ptr, f->len); break;
	case NF_FT_HEX: nf_out_str(o, "0x"); nf_out_hex(o, f->v.u, f->len); break;
	default: nf_out_u64(o, f->v.u); break;
	}
}

static void print_endpoint(struct nf_out *o, const struct nf_field *addr, const struct nf_field *port)
{
	out_field(o, addr);
	if (port) {
		nf_out_char(o, '.');
		out_field(o, port);
	}
}

static void print_dns(struct nf_out *o, const struct nf_packet *p, int li)
{
	const struct nf_layer *l = &p->layers[li];
	const struct nf_field *id = nf_layer_field(p, li, "dns.id");
	const struct nf_field *resp = nf_layer_field(p, li, "dns.flags.response");

	if (!id)
		return;
	nf_out_u64(o, id->v.u);
	if (resp && resp->v.u) {
		const struct nf_field *an = nf_layer_field(p, li, "dns.count.answers");
		const struct nf_field *ns = nf_layer_field(p, li, "dns.count.auth_rr");
		const struct nf_field *ar = nf_layer_field(p, li, "dns.count.add_rr");

		if (an && ns && ar) {
			nf_out_char(o, ' ');
			nf_out_u64(o, an->v.u);
			nf_out_char(o, '/');
			nf_out_u64(o, ns->v.u);
			nf_out_char(o, '/');
			nf_out_u64(o, ar->v.u);
		}
		for (unsigned i = l->first_field; i < (unsigned)l->first_field + l->nfields; i++) {
			const struct nf_field *f = &p->fields[i];

			if (!strcmp(f->name, "dns.a")) nf_out_str(o, " A ");
			else if (!strcmp(f->name, "dns.aaaa")) nf_out_str(o, " AAAA ");
			else if (!strcmp(f->name, "dns.cname")) nf_out_str(o, " CNAME ");
			else if (!strcmp(f->name, "dns.ptr.domain_name")) nf_out_str(o, " PTR ");
			else continue;
			out_field(o, f);
		}
	} else {
		const struct nf_field *q = nf_layer_field(p, li, "dns.qry.name");
		const struct nf_field *t = nf_layer_field(p, li, "dns.qry.type");

		nf_out_char(o, '+');
		if (q && t) {
			nf_out_str(o, t->v.u == 1 ? " A? " : t->v.u == 28 ? " AAAA? " : t->v.u == 12 ? " PTR? " : " ? ");
			out_field(o, q);
			nf_out_char(o, '.');
		}
	}
}

void nf_print_line(struct nf_out *o, const struct nf_packet *p)
{
	const struct nf_field *src = NULL, *dst = NULL, *sport = NULL, *dport = NULL;
	const char *net = NULL;
	int top = p->nlayers - 1;

	if (lf(p, "ip", "ip.src")) {
		net = "IP ";
		src = lf(p, "ip", "ip.src");
		dst = lf(p, "ip", "ip.dst");
	} else if (lf(p, "ipv6", "ipv6.src")) {
		net = "IP6 ";
		src = lf(p, "ipv6", "ipv6.src");
		dst = lf(p, "ipv6", "ipv6.dst");
	}
	sport = lf(p, "udp", "udp.srcport");
	dport = lf(p, "udp", "udp.dstport");

	if (net && dst) {
		nf_out_str(o, net);
		print_endpoint(o, src, sport);
		nf_out_str(o, " > ");
		print_endpoint(o, dst, dport);
		nf_out_str(o, ": ");
		if (top >= 0 && (!strcmp(p->layers[top].proto, "dns") || !strcmp(p->layers[top].proto, "mdns")))
			print_dns(o, p, top);
		else if (sport) {
			const struct nf_field *len = lf(p, "udp", "udp.length");

			nf_out_str(o, "UDP, length ");
			nf_out_u64(o, len && len->v.u >= 8 ? len->v.u - 8 : 0);
		} else {
			const struct nf_field *proto = lf(p, "ip", "ip.proto");

			if (!proto)
				proto = lf(p, "ipv6", "ipv6.nxt");
			nf_out_str(o, "ip-proto-");
			out_field(o, proto);
		}
	} else if (lf(p, "eth", "eth.src")) {
		const struct nf_field *type = lf(p, "eth", "eth.type");

		nf_out_str(o, "ethertype ");
		out_field(o, type ? type : lf(p, "eth", "eth.len"));
	} else {
		nf_out_str(o, p->nlayers ? p->layers[0].proto : "unknown link type");
	}
	nf_out_str(o, ", length ");
	nf_out_u64(o, p->wirelen);

	for (int i = 0; i < p->nlayers; i++) {
		const struct nf_layer *l = &p->layers[i];

		if (l->status == NF_LAYER_TRUNCATED) {
			nf_out_str(o, " [|");
			nf_out_str(o, l->proto);
			nf_out_char(o, ']');
		} else if (l->status == NF_LAYER_MALFORMED) {
			nf_out_str(o, " [malformed ");
			nf_out_str(o, l->proto);
			nf_out_str(o, " at offset ");
			nf_out_u64(o, l->err_off);
			nf_out_str(o, ": ");
			nf_out_str(o, l->err);
			nf_out_char(o, ']');
		}
	}
	nf_out_char(o, '\n');
}
