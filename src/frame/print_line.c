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

/* 802.11 (tcpdump print-802_11.c style): radio info from radiotap, the
 * addresses, then the frame type with its SSID / reason / NAN summary. */
static const char *wlan_name(unsigned ts)
{
	static const char *const mgmt[16] = {
		"Assoc Request", "Assoc Response", "ReAssoc Request", "ReAssoc Response",
		"Probe Request", "Probe Response", "Timing Advertisement", "Reserved",
		"Beacon", "ATIM", "Disassociation", "Authentication",
		"DeAuthentication", "Action", "Action No Ack", "Reserved"};
	static const char *const ctrl[16] = {
		"Reserved", "Reserved", "Trigger", "TACK", "Beamforming Report Poll", "VHT/HE NDP Announcement",
		"Control Frame Extension", "Control Wrapper", "BAR", "BA", "Power Save-Poll", "Request-To-Send",
		"Clear-To-Send", "Acknowledgment", "CF-End", "CF-End+CF-Ack"};
	static const char *const data[16] = {
		"Data", "Data+CF-Ack", "Data+CF-Poll", "Data+CF-Ack+CF-Poll", "Null Function (No data)",
		"CF-Ack (No data)", "CF-Poll (No data)", "CF-Ack+CF-Poll (No data)", "QoS Data",
		"QoS Data+CF-Ack", "QoS Data+CF-Poll", "QoS Data+CF-Ack+CF-Poll", "QoS Null (No data)",
		"Reserved", "QoS CF-Poll (No data)", "QoS CF-Ack+CF-Poll (No data)"};

	switch (ts >> 4) {
	case 0: return mgmt[ts & 15];
	case 1: return ctrl[ts & 15];
	case 2: return data[ts & 15];
	default: return "Extension";
	}
}

static void print_wlan(struct nf_out *o, const struct nf_packet *p)
{
	const struct nf_field *f, *ts = lf(p, "wlan", "wlan.fc.type_subtype");
	static const struct {
		const char *field, *label;
	} addrs[] = {{"wlan.bssid", "BSSID:"}, {"wlan.da", "DA:"}, {"wlan.sa", "SA:"},
		     {"wlan.ra", "RA:"}, {"wlan.ta", "TA:"}};

	if ((f = lf(p, "radiotap", "radiotap.datarate"))) {
		out_field(o, f);
		nf_out_str(o, f->type == NF_FT_UINT ? ".0 Mb/s " : " Mb/s ");
	}
	if ((f = lf(p, "radiotap", "radiotap.channel.freq"))) {
		out_field(o, f);
		nf_out_str(o, " MHz ");
	}
	if ((f = lf(p, "radiotap", "radiotap.dbm_antsignal"))) {
		nf_out_i64(o, f->v.i);
		nf_out_str(o, "dBm signal ");
	}
	if ((f = lf(p, "radiotap", "radiotap.antenna"))) {
		nf_out_str(o, "antenna ");
		out_field(o, f);
		nf_out_char(o, ' ');
	}
	for (unsigned i = 0; i < sizeof addrs / sizeof addrs[0]; i++) {
		/* RA/TA only where they differ from DA/SA (control frames,
		 * infrastructure and 4-address data). */
		const struct nf_field *same = i >= 3 ? lf(p, "wlan", i == 3 ? "wlan.da" : "wlan.sa") : NULL;

		if ((f = lf(p, "wlan", addrs[i].field)) && !(same && !memcmp(same->v.addr, f->v.addr, 6))) {
			nf_out_str(o, addrs[i].label);
			out_field(o, f);
			nf_out_char(o, ' ');
		}
	}
	if (!ts) {
		nf_out_str(o, "802.11");
		return;
	}
	nf_out_str(o, wlan_name((unsigned)ts->v.u));
	if ((f = lf(p, "wlan.mgt", "wlan.ssid"))) {
		nf_out_str(o, " (");
		out_field(o, f);
		nf_out_char(o, ')');
	}
	if ((f = lf(p, "wlan.mgt", "wlan.ds.current_channel"))) {
		nf_out_str(o, " CH: ");
		out_field(o, f);
	}
	if ((f = lf(p, "wlan.mgt", "wlan.fixed.reason_code"))) {
		nf_out_str(o, " (reason ");
		nf_out_u64(o, f->v.u);
		nf_out_char(o, ')');
	}
	if ((f = lf(p, "wlan.mgt", "wlan.apple_wac.name")) || (f = lf(p, "wlan.mgt", "wlan.apple_wac.model"))) {
		nf_out_str(o, " WAC ");
		out_field(o, f);
	}
	for (int li = 0; li < p->nlayers; li++) {
		const struct nf_layer *l = &p->layers[li];
		bool first = true;

		for (unsigned i = l->first_field; i < (unsigned)l->first_field + l->nfields; i++) {
			const struct nf_field *a = &p->fields[i];

			if (!strcmp(a->name, "nan.action.subtype")) {
				nf_out_str(o, " NAN NAF subtype ");
				nf_out_str(o, "0x");
				nf_out_hex(o, a->v.u, 2);
			} else if (!strcmp(a->name, "nan.attribute.type")) {
				if (first && !strcmp(l->proto, "nan") && !lf(p, "nan", "nan.action.subtype"))
					nf_out_str(o, " NAN SDF");
				nf_out_str(o, first ? " attrs " : ",");
				nf_out_u64(o, a->v.u);
				first = false;
			}
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
	} else if (nf_find_layer(p, "wlan") || nf_find_layer(p, "radiotap")) {
		print_wlan(o, p);
	} else if (lf(p, "eth", "eth.src")) {
		const struct nf_field *type = lf(p, "eth", "eth.type");

		nf_out_str(o, "ethertype ");
		out_field(o, type ? type : lf(p, "eth", "eth.len"));
	} else {
		nf_out_str(o, p->nlayers ? p->layers[0].proto : "unknown link type");
	}
	nf_out_str(o, ", length ");
	nf_out_u64(o, p->wirelen);

	for (unsigned i = 0; i < p->nfields; i++) {
		if (!strcmp(p->fields[i].name, "_notes")) {
			nf_out_str(o, " [note: ");
			out_field(o, &p->fields[i]);
			nf_out_char(o, ']');
		}
	}
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
