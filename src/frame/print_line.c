/* One-line printer, modelled on `tcpdump -n` output (print-ip.c,
 * print-udp.c, print-tcp.c, print-icmp.c, print-icmp6.c, print-arp.c,
 * print-domain.c, print-bootp.c): "IP src.port > dst.port: ...".  A layer
 * cut short by the captured length ends the line with [|proto], as tcpdump
 * does; a malformed field is named with its offset.
 *
 * Lookups are by layer: each helper scans only that layer's few fields. */
#include "netfuzz/print.h"

#include <string.h>

/* Field fd in layer li, or NULL (li < 0 allowed): integer compares only. */
static const struct nf_field *F(const struct nf_packet *p, int li, const struct nf_fdesc *fd)
{
	return nf_field_in(p, li, fd);
}

static uint64_t U(const struct nf_packet *p, int li, const struct nf_fdesc *fd)
{
	const struct nf_field *f = F(p, li, fd);

	return f ? f->v.u : 0;
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
	case NF_FT_BYTES:
	case NF_FT_BYTES_COLON: nf_out_bytes_hex(o, (const uint8_t *)f->v.ptr, f->len); break;
	case NF_FT_HEX: nf_out_str(o, "0x"); nf_out_hex(o, f->v.u, f->len); break;
	case NF_FT_INT: nf_out_i64(o, f->v.i); break;
	default: nf_out_u64(o, f->v.u); break;
	}
}

/* Bytes as plain hex (connection IDs), tcpdump style. */
static void out_hexbytes(struct nf_out *o, const struct nf_field *f)
{
	if (f)
		nf_out_bytes_plain_hex(o, (const uint8_t *)f->v.ptr, f->len);
}

static const char *qtype_name(uint64_t t)
{
	switch (t) {
	case 1: return "A";
	case 2: return "NS";
	case 5: return "CNAME";
	case 6: return "SOA";
	case 12: return "PTR";
	case 15: return "MX";
	case 16: return "TXT";
	case 28: return "AAAA";
	case 33: return "SRV";
	case 41: return "OPT";
	case 47: return "NSEC";
	case 255: return "ANY";
	default: return NULL;
	}
}

static void print_dns(struct nf_out *o, const struct nf_packet *p, int li)
{
	const struct nf_layer *l = &p->layers[li];
	const struct nf_field *id = F(p, li, NF_F(dns_id));
	const struct nf_field *q = F(p, li, NF_F(dns_qry_name));
	const struct nf_field *t = F(p, li, NF_F(dns_qry_type));

	if (!id)
		return;
	nf_out_u64(o, id->v.u);
	if (U(p, li, NF_F(dns_flags_response))) {
		nf_out_char(o, ' ');
		nf_out_u64(o, U(p, li, NF_F(dns_count_answers)));
		nf_out_char(o, '/');
		nf_out_u64(o, U(p, li, NF_F(dns_count_auth_rr)));
		nf_out_char(o, '/');
		nf_out_u64(o, U(p, li, NF_F(dns_count_add_rr)));
		for (unsigned i = l->first_field; i < (unsigned)l->first_field + l->nfields; i++) {
			const struct nf_field *f = &p->fields[i];

			switch (f->fid) {
			case NFF_dns_a: nf_out_str(o, " A "); break;
			case NFF_dns_aaaa: nf_out_str(o, " AAAA "); break;
			case NFF_dns_cname: nf_out_str(o, " CNAME "); break;
			case NFF_dns_ptr_domain_name: nf_out_str(o, " PTR "); break;
			case NFF_dns_srv_target: nf_out_str(o, " SRV "); break;
			case NFF_dns_txt: nf_out_str(o, " TXT "); break;
			default: continue;
			}
			out_field(o, f);
		}
	} else {
		nf_out_char(o, '+');
		if (q && t) {
			const char *tn = qtype_name(t->v.u);

			nf_out_char(o, ' ');
			if (tn)
				nf_out_str(o, tn);
			else
				nf_out_u64(o, t->v.u);
			nf_out_str(o, "? ");
			out_field(o, q);
			nf_out_char(o, '.');
		}
	}
}

static void print_tcp(struct nf_out *o, const struct nf_packet *p, int li, uint64_t plen)
{
	static const struct { uint16_t bit; char ch; } fl[] = {
		{0x001, 'F'}, {0x002, 'S'}, {0x004, 'R'}, {0x008, 'P'}, {0x020, 'U'},
		{0x040, 'E'}, {0x080, 'W'}, {0x010, '.'},
	};
	const struct nf_layer *l = &p->layers[li];
	uint64_t flags = U(p, li, NF_F(tcp_flags));
	bool any = false;

	nf_out_str(o, "Flags [");
	for (unsigned i = 0; i < sizeof fl / sizeof fl[0]; i++)
		if (flags & fl[i].bit)
			nf_out_char(o, fl[i].ch);
	if (!(flags & 0xff))
		nf_out_str(o, "none");
	nf_out_str(o, "], seq ");
	nf_out_u64(o, U(p, li, NF_F(tcp_seq_raw)));
	if (flags & 0x010) {
		nf_out_str(o, ", ack ");
		nf_out_u64(o, U(p, li, NF_F(tcp_ack_raw)));
	}
	nf_out_str(o, ", win ");
	nf_out_u64(o, U(p, li, NF_F(tcp_window_size_value)));
	for (unsigned i = l->first_field; i < (unsigned)l->first_field + l->nfields; i++) {
		const struct nf_field *f = &p->fields[i];

		if (f->fid == NFF_tcp_option_kind) {
			const char *k = f->v.u == 0 ? "eol" : f->v.u == 1 ? "nop" : f->v.u == 4 ? "sackOK" : NULL;

			nf_out_str(o, any ? "," : ", options [");
			any = true;
			if (k)
				nf_out_str(o, k);
			else if (f->v.u == 5)
				nf_out_str(o, "sack");
			else if (f->v.u != 2 && f->v.u != 3 && f->v.u != 8) {
				nf_out_str(o, "unknown-");
				nf_out_u64(o, f->v.u);
			}
		} else if (f->fid == NFF_tcp_options_mss_val) {
			nf_out_str(o, "mss ");
			nf_out_u64(o, f->v.u);
		} else if (f->fid == NFF_tcp_options_wscale_shift) {
			nf_out_str(o, "wscale ");
			nf_out_u64(o, f->v.u);
		} else if (f->fid == NFF_tcp_options_sack_le) {
			nf_out_str(o, " {");
			nf_out_u64(o, f->v.u);
			nf_out_char(o, ':');
		} else if (f->fid == NFF_tcp_options_sack_re) {
			nf_out_u64(o, f->v.u);
			nf_out_char(o, '}');
		} else if (f->fid == NFF_tcp_options_timestamp_tsval) {
			nf_out_str(o, "TS val ");
			nf_out_u64(o, f->v.u);
		} else if (f->fid == NFF_tcp_options_timestamp_tsecr) {
			nf_out_str(o, " ecr ");
			nf_out_u64(o, f->v.u);
		}
	}
	if (any)
		nf_out_char(o, ']');
	nf_out_str(o, ", length ");
	nf_out_u64(o, plen);
}

static void print_tls(struct nf_out *o, const struct nf_packet *p, int li)
{
	const struct nf_field *sni = F(p, li, NF_F(tls_handshake_extensions_server_name));
	const struct nf_layer *l = &p->layers[li];

	nf_out_str(o, ": TLS");
	for (unsigned i = l->first_field; i < (unsigned)l->first_field + l->nfields; i++) {
		const struct nf_field *f = &p->fields[i];

		if (f->fid == NFF_tls_handshake_type) {
			nf_out_str(o, f->v.u == 1 ? " ClientHello" : f->v.u == 2 ? " ServerHello" :
				   f->v.u == 11 ? " Certificate" : " Handshake-");
			if (f->v.u != 1 && f->v.u != 2 && f->v.u != 11)
				nf_out_u64(o, f->v.u);
		} else if (f->fid == NFF_tls_record_content_type && f->v.u != 22) {
			nf_out_str(o, f->v.u == 23 ? " ApplicationData" : f->v.u == 21 ? " Alert" :
				   f->v.u == 20 ? " ChangeCipherSpec" : " Record");
		}
	}
	if (sni) {
		nf_out_str(o, ", SNI ");
		out_field(o, sni);
	}
}

static void print_icmp(struct nf_out *o, const struct nf_packet *p, int li, uint64_t plen)
{
	uint64_t type = U(p, li, NF_F(icmp_type));

	nf_out_str(o, "ICMP ");
	switch (type) {
	case 0: nf_out_str(o, "echo reply"); break;
	case 8: nf_out_str(o, "echo request"); break;
	case 3: nf_out_str(o, "unreachable, code "); nf_out_u64(o, U(p, li, NF_F(icmp_code))); break;
	case 11: nf_out_str(o, "time exceeded in-transit"); break;
	default: nf_out_str(o, "type "); nf_out_u64(o, type); break;
	}
	if (type == 0 || type == 8) {
		nf_out_str(o, ", id ");
		nf_out_u64(o, U(p, li, NF_F(icmp_ident)));
		nf_out_str(o, ", seq ");
		nf_out_u64(o, U(p, li, NF_F(icmp_seq)));
	}
	nf_out_str(o, ", length ");
	nf_out_u64(o, plen);
}

static void print_icmp6(struct nf_out *o, const struct nf_packet *p, int li, uint64_t plen)
{
	uint64_t type = U(p, li, NF_F(icmpv6_type));

	nf_out_str(o, "ICMP6, ");
	switch (type) {
	case 1: nf_out_str(o, "destination unreachable"); break;
	case 2: nf_out_str(o, "packet too big, mtu "); nf_out_u64(o, U(p, li, NF_F(icmpv6_mtu))); break;
	case 3: nf_out_str(o, "time exceeded in-transit"); break;
	case 128:
	case 129:
		nf_out_str(o, type == 128 ? "echo request, id " : "echo reply, id ");
		nf_out_u64(o, U(p, li, NF_F(icmpv6_echo_identifier)));
		nf_out_str(o, ", seq ");
		nf_out_u64(o, U(p, li, NF_F(icmpv6_echo_sequence_number)));
		break;
	case 133: nf_out_str(o, "router solicitation"); break;
	case 134: nf_out_str(o, "router advertisement"); break;
	case 135:
		nf_out_str(o, "neighbor solicitation, who has ");
		out_field(o, F(p, li, NF_F(icmpv6_nd_ns_target_address)));
		break;
	case 136:
		nf_out_str(o, "neighbor advertisement, tgt is ");
		out_field(o, F(p, li, NF_F(icmpv6_nd_na_target_address)));
		break;
	default: nf_out_str(o, "type "); nf_out_u64(o, type); break;
	}
	nf_out_str(o, ", length ");
	nf_out_u64(o, plen);
}

static void print_arp(struct nf_out *o, const struct nf_packet *p, int li)
{
	uint64_t op = U(p, li, NF_F(arp_opcode));
	const struct nf_field *tpa = F(p, li, NF_F(arp_dst_proto_ipv4)), *spa = F(p, li, NF_F(arp_src_proto_ipv4));

	if (op == 1 && tpa && spa) {
		nf_out_str(o, "ARP, Request who-has ");
		out_field(o, tpa);
		nf_out_str(o, " tell ");
		out_field(o, spa);
	} else if (op == 2 && spa) {
		nf_out_str(o, "ARP, Reply ");
		out_field(o, spa);
		nf_out_str(o, " is-at ");
		out_field(o, F(p, li, NF_F(arp_src_hw_mac)));
	} else {
		nf_out_str(o, "ARP, opcode ");
		nf_out_u64(o, op);
	}
	/* tcpdump: the length of what follows the link header. */
	nf_out_str(o, ", length ");
	nf_out_u64(o, p->wirelen - p->layers[li].off);
}

static void print_quic(struct nf_out *o, const struct nf_packet *p, int li)
{
	static const char *const types[] = {"initial", "0rtt", "handshake", "retry"};
	const struct nf_field *t = F(p, li, NF_F(quic_long_packet_type));

	nf_out_str(o, "quic, ");
	if (!F(p, li, NF_F(quic_version))) {
		nf_out_str(o, "protected");
		return;
	}
	nf_out_str(o, t ? types[t->v.u & 3] : "version-negotiation");
	nf_out_str(o, ", v");
	nf_out_hex(o, U(p, li, NF_F(quic_version)), 1);
	nf_out_str(o, ", dcid ");
	out_hexbytes(o, F(p, li, NF_F(quic_dcid)));
	nf_out_str(o, ", scid ");
	out_hexbytes(o, F(p, li, NF_F(quic_scid)));
}

static void print_ip(struct nf_out *o, const struct nf_packet *p, int ni, bool v6)
{
	int ti = ni + 1 < p->nlayers ? ni + 1 : -1;
	unsigned tp = ti >= 0 ? p->layers[ti].pid : NFP__none;
	bool tcp = tp == NFP_tcp, udp = tp == NFP_udp;
	int ai = (tcp || udp) && ti + 1 < p->nlayers ? ti + 1 : -1;
	unsigned ap = ai >= 0 ? p->layers[ai].pid : NFP__none;
	uint64_t plen;

	/* Transport payload length from the IP lengths, as tcpdump computes it. */
	if (v6)
		plen = U(p, ni, NF_F(ipv6_plen));
	else if (U(p, ni, NF_F(ip_len)) >= U(p, ni, NF_F(ip_hdr_len)))
		plen = U(p, ni, NF_F(ip_len)) - U(p, ni, NF_F(ip_hdr_len));
	else
		plen = 0;
	nf_out_str(o, v6 ? "IP6 " : "IP ");
	out_field(o, F(p, ni, v6 ? NF_F(ipv6_src) : NF_F(ip_src)));
	if (tcp || udp) {
		nf_out_char(o, '.');
		out_field(o, F(p, ti, tcp ? NF_F(tcp_srcport) : NF_F(udp_srcport)));
	}
	nf_out_str(o, " > ");
	out_field(o, F(p, ni, v6 ? NF_F(ipv6_dst) : NF_F(ip_dst)));
	if (tcp || udp) {
		nf_out_char(o, '.');
		out_field(o, F(p, ti, tcp ? NF_F(tcp_dstport) : NF_F(udp_dstport)));
	}
	nf_out_str(o, ": ");
	if (!v6 && (U(p, ni, NF_F(ip_frag_offset)) || U(p, ni, NF_F(ip_flags_mf)))) {
		nf_out_str(o, "frag offset ");
		nf_out_u64(o, U(p, ni, NF_F(ip_frag_offset)) * 8);
		nf_out_str(o, U(p, ni, NF_F(ip_flags_mf)) ? "+, " : ", ");
	}
	if (tcp) {
		uint64_t h = U(p, ti, NF_F(tcp_hdr_len));
		print_tcp(o, p, ti, plen >= h ? plen - h : 0);
		if (ap == NFP_tls)
			print_tls(o, p, ai);
	} else if (udp) {
		if (ap == NFP_dns || ap == NFP_mdns) {
			print_dns(o, p, ai);
		} else if (ap == NFP_dhcp) {
			nf_out_str(o, "BOOTP/DHCP, ");
			nf_out_str(o, U(p, ai, NF_F(dhcp_type)) == 2 ? "Reply" : "Request from ");
			if (U(p, ai, NF_F(dhcp_type)) != 2)
				out_field(o, F(p, ai, NF_F(dhcp_hw_mac_addr)));
			nf_out_str(o, ", length ");
			nf_out_u64(o, U(p, ti, NF_F(udp_length)) >= 8 ? U(p, ti, NF_F(udp_length)) - 8 : 0);
		} else if (ap == NFP_quic) {
			print_quic(o, p, ai);
		} else {
			nf_out_str(o, "UDP, length ");
			nf_out_u64(o, U(p, ti, NF_F(udp_length)) >= 8 ? U(p, ti, NF_F(udp_length)) - 8 : 0);
		}
	} else if (tp == NFP_icmp) {
		print_icmp(o, p, ti, plen);
	} else if (tp == NFP_icmpv6) {
		print_icmp6(o, p, ti, plen);
	} else {
		nf_out_str(o, "ip-proto-");
		nf_out_u64(o, U(p, ni, v6 ? NF_F(ipv6_nxt) : NF_F(ip_proto)));
		nf_out_char(o, ' ');
		nf_out_u64(o, plen);
	}
}

/* First field fd in the first layer with protocol pd, or NULL. */
static const struct nf_field *lf(const struct nf_packet *p, const struct nf_fdesc *pd, const struct nf_fdesc *fd)
{
	return nf_field_in(p, nf_layer_index(p, 0, pd), fd);
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
	const struct nf_field *f, *ts = lf(p, NF_P(wlan), NF_F(wlan_fc_type_subtype));
	static const struct {
		const struct nf_fdesc *field;
		const char *label;
	} addrs[] = {{NF_F(wlan_bssid), "BSSID:"}, {NF_F(wlan_da), "DA:"}, {NF_F(wlan_sa), "SA:"},
		     {NF_F(wlan_ra), "RA:"}, {NF_F(wlan_ta), "TA:"}};

	if ((f = lf(p, NF_P(radiotap), NF_F(radiotap_datarate)))) {
		out_field(o, f);
		nf_out_str(o, f->type == NF_FT_UINT ? ".0 Mb/s " : " Mb/s ");
	}
	if ((f = lf(p, NF_P(radiotap), NF_F(radiotap_channel_freq)))) {
		out_field(o, f);
		nf_out_str(o, " MHz ");
	}
	if ((f = lf(p, NF_P(radiotap), NF_F(radiotap_dbm_antsignal)))) {
		nf_out_i64(o, f->v.i);
		nf_out_str(o, "dBm signal ");
	}
	if ((f = lf(p, NF_P(radiotap), NF_F(radiotap_antenna)))) {
		nf_out_str(o, "antenna ");
		out_field(o, f);
		nf_out_char(o, ' ');
	}
	for (unsigned i = 0; i < sizeof addrs / sizeof addrs[0]; i++) {
		/* RA/TA only where they differ from DA/SA (control frames,
		 * infrastructure and 4-address data). */
		const struct nf_field *same = i >= 3 ? lf(p, NF_P(wlan), i == 3 ? NF_F(wlan_da) : NF_F(wlan_sa)) : NULL;

		if ((f = lf(p, NF_P(wlan), addrs[i].field)) && !(same && !memcmp(same->v.addr, f->v.addr, 6))) {
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
	if ((f = lf(p, NF_P(wlan_mgt), NF_F(wlan_ssid)))) {
		nf_out_str(o, " (");
		out_field(o, f);
		nf_out_char(o, ')');
	}
	if ((f = lf(p, NF_P(wlan_mgt), NF_F(wlan_ds_current_channel)))) {
		nf_out_str(o, " CH: ");
		out_field(o, f);
	}
	if ((f = lf(p, NF_P(wlan_mgt), NF_F(wlan_fixed_reason_code)))) {
		nf_out_str(o, " (reason ");
		nf_out_u64(o, f->v.u);
		nf_out_char(o, ')');
	}
	if ((f = lf(p, NF_P(wlan_mgt), NF_F(wlan_apple_wac_name))) || (f = lf(p, NF_P(wlan_mgt), NF_F(wlan_apple_wac_model)))) {
		nf_out_str(o, " WAC ");
		out_field(o, f);
	}
	for (int li = 0; li < p->nlayers; li++) {
		const struct nf_layer *l = &p->layers[li];
		bool first = true;

		for (unsigned i = l->first_field; i < (unsigned)l->first_field + l->nfields; i++) {
			const struct nf_field *a = &p->fields[i];

			if (a->fid == NFF_nan_action_subtype) {
				nf_out_str(o, " NAN NAF subtype ");
				nf_out_str(o, "0x");
				nf_out_hex(o, a->v.u, 2);
			} else if (a->fid == NFF_nan_attribute_type) {
				if (first && l->pid == NFP_nan && !lf(p, NF_P(nan), NF_F(nan_action_subtype)))
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
	int ni = -1;
	bool printed_len = false;

	for (int i = 0; i < p->nlayers && ni < 0; i++) {
		unsigned pr = p->layers[i].pid;

		if (pr == NFP_ip || pr == NFP_ipv6 || pr == NFP_arp)
			ni = i;
	}
	if (ni >= 0 && p->layers[ni].pid == NFP_arp) {
		print_arp(o, p, ni);
		printed_len = true;
	} else if (ni >= 0 && F(p, ni, p->layers[ni].pid == NFP_ipv6 ? NF_F(ipv6_dst) : NF_F(ip_dst))) {
		print_ip(o, p, ni, p->layers[ni].pid == NFP_ipv6);
		printed_len = true; /* the IP forms end with their own length */
	} else {
		int li = nf_layer_index(p, 0, NF_P(llc));
		int ei = nf_layer_index(p, 0, NF_P(eth));

		if (nf_layer_index(p, 0, NF_P(wlan)) >= 0 || nf_layer_index(p, 0, NF_P(radiotap)) >= 0) {
			print_wlan(o, p);
		} else if (li >= 0) {
			nf_out_str(o, "LLC, dsap ");
			out_field(o, F(p, li, NF_F(llc_dsap)));
			nf_out_str(o, ", ssap ");
			out_field(o, F(p, li, NF_F(llc_ssap)));
			if (F(p, li, NF_F(llc_oui))) {
				nf_out_str(o, ", SNAP oui ");
				out_field(o, F(p, li, NF_F(llc_oui)));
				nf_out_str(o, " pid ");
				out_field(o, F(p, li, NF_F(llc_pid)) ? F(p, li, NF_F(llc_pid)) : F(p, li, NF_F(llc_type)));
			}
		} else if (ei >= 0 && (F(p, ei, NF_F(eth_type)) || F(p, ei, NF_F(eth_len)))) {
			const struct nf_field *t = F(p, ei, NF_F(eth_type));

			nf_out_str(o, "ethertype ");
			out_field(o, t ? t : F(p, ei, NF_F(eth_len)));
		} else {
			nf_out_str(o, p->nlayers ? p->layers[0].proto : "unknown link type");
		}
	}
	if (!printed_len) {
		nf_out_str(o, ", length ");
		nf_out_u64(o, p->wirelen);
	}
	for (unsigned i = 0; i < p->nfields; i++) {
		if (p->fields[i].fid == NFF__notes) {
			nf_out_str(o, " [note: ");
			out_field(o, &p->fields[i]);
			nf_out_char(o, ']');
		}
	}
	for (int i = 0; i < p->nlayers; i++) {
		const struct nf_layer *l = &p->layers[i];

		/* (after "port: " with nothing decoded, no second space) */
		bool sp = o->n > 0 && o->buf[o->n - 1] == ' ';

		if (l->status == NF_LAYER_TRUNCATED) {
			nf_out_str(o, sp ? "[|" : " [|");
			nf_out_str(o, l->proto);
			nf_out_char(o, ']');
		} else if (l->status == NF_LAYER_MALFORMED) {
			nf_out_str(o, sp ? "[malformed " : " [malformed ");
			nf_out_str(o, l->proto);
			nf_out_str(o, " at offset ");
			nf_out_u64(o, l->err_off);
			nf_out_str(o, ": ");
			nf_out_str(o, l->err);
			nf_out_char(o, ']');
		}
	}
	if (p->overflow)
		nf_out_str(o, " [overflow: output partial]");
	nf_out_char(o, '\n');
}
