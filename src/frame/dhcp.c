/* DHCPv4 / BOOTP (RFC 2131 section 2, figure 1): op, htype, hlen, hops,
 * xid, secs, flags, ciaddr, yiaddr, siaddr, giaddr, chaddr(16), sname(64),
 * file(128), then the magic cookie 99.130.83.99 and options (RFC 2132):
 * 0 pad and 255 end are single bytes, every other option is code, length,
 * data.  Options decoded: 1 subnet mask, 3 router, 6 DNS servers,
 * 12 host name, 50 requested address, 51 lease time, 53 message type,
 * 54 server identifier, 55 parameter request list; others by number. */
#include "netfuzz/frame.h"
#include "netfuzz/limits.h"

static bool addr_list(struct nf_packet *pkt, const struct nf_fdesc *name, struct nf_cur *o)
{
	uint8_t a[4];

	if (nf_cur_len(o) == 0 || nf_cur_len(o) % 4 != 0)
		return false;
	for (size_t at = nf_cur_offset(o); nf_cur_copy(o, a, 4); at += 4)
		nf_add_addr(pkt, name, NF_FT_IPV4, a, at);
	return true;
}

static bool option(struct nf_packet *pkt, uint8_t code, struct nf_cur *o)
{
	uint8_t b;
	uint32_t v;
	size_t at = nf_cur_offset(o);

	switch (code) {
	case 1:
		return nf_cur_len(o) == 4 && addr_list(pkt, NF_F(dhcp_option_subnet_mask), o);
	case 3:
		return addr_list(pkt, NF_F(dhcp_option_router), o);
	case 6:
		return addr_list(pkt, NF_F(dhcp_option_domain_name_server), o);
	case 12:
		nf_add_slice(pkt, NF_F(dhcp_option_hostname), NF_FT_STR, o, nf_cur_len(o));
		return true;
	case 50:
		return nf_cur_len(o) == 4 && addr_list(pkt, NF_F(dhcp_option_requested_ip_address), o);
	case 51:
		if (nf_cur_len(o) != 4 || !nf_cur_get_u32be(o, &v))
			return false;
		nf_add_uint(pkt, NF_F(dhcp_option_ip_address_lease_time), v, at);
		return true;
	case 53:
		if (nf_cur_len(o) != 1 || !nf_cur_get_u8(o, &b))
			return false;
		nf_add_uint(pkt, NF_F(dhcp_option_dhcp), b, at);
		return true;
	case 54:
		return nf_cur_len(o) == 4 && addr_list(pkt, NF_F(dhcp_option_dhcp_server_id), o);
	case 55:
		while (nf_cur_get_u8(o, &b))
			nf_add_uint(pkt, NF_F(dhcp_option_request_list_item), b, at++);
		return true;
	default:
		return true;
	}
}

void nf_dissect_dhcp(struct nf_packet *pkt, struct nf_cur *c)
{
	uint8_t op, htype, hlen, hops, ci[4], yi[4], si[4], gi[4], mac[6];
	uint16_t secs, flags;
	uint32_t xid, cookie;
	size_t off = nf_cur_offset(c);

	nf_layer_begin(pkt, NF_P(dhcp), c);
	if (!nf_cur_get_u8(c, &op) || !nf_cur_get_u8(c, &htype) || !nf_cur_get_u8(c, &hlen) ||
	    !nf_cur_get_u8(c, &hops) || !nf_cur_get_u32be(c, &xid) || !nf_cur_get_u16be(c, &secs) ||
	    !nf_cur_get_u16be(c, &flags) || !nf_cur_copy(c, ci, 4) || !nf_cur_copy(c, yi, 4) ||
	    !nf_cur_copy(c, si, 4) || !nf_cur_copy(c, gi, 4) || !nf_cur_copy(c, mac, 6) ||
	    !nf_cur_skip(c, 10 + 64 + 128)) {
		nf_layer_truncated(pkt, c);
		return;
	}
	nf_add_uint(pkt, NF_F(dhcp_type), op, off);
	nf_add_hex(pkt, NF_F(dhcp_hw_type), htype, 2, off + 1);
	nf_add_uint(pkt, NF_F(dhcp_hw_len), hlen, off + 2);
	nf_add_uint(pkt, NF_F(dhcp_hops), hops, off + 3);
	nf_add_hex(pkt, NF_F(dhcp_id), xid, 8, off + 4);
	nf_add_uint(pkt, NF_F(dhcp_secs), secs, off + 8);
	nf_add_hex(pkt, NF_F(dhcp_flags), flags, 4, off + 10);
	nf_add_addr(pkt, NF_F(dhcp_ip_client), NF_FT_IPV4, ci, off + 12);
	nf_add_addr(pkt, NF_F(dhcp_ip_your), NF_FT_IPV4, yi, off + 16);
	nf_add_addr(pkt, NF_F(dhcp_ip_server), NF_FT_IPV4, si, off + 20);
	nf_add_addr(pkt, NF_F(dhcp_ip_relay), NF_FT_IPV4, gi, off + 24);
	if (htype == 1 && hlen == 6)
		nf_add_addr(pkt, NF_F(dhcp_hw_mac_addr), NF_FT_MAC, mac, off + 28);
	if (nf_cur_empty(c))
		return; /* plain BOOTP without vendor area */
	if (!nf_cur_get_u32be(c, &cookie)) {
		nf_layer_truncated(pkt, c);
		return;
	}
	if (cookie != 0x63825363) {
		nf_layer_malformed(pkt, off + 236, "bad magic cookie: expected 99.130.83.99");
		return;
	}
	for (int i = 0; !nf_cur_empty(c); i++) {
		uint8_t code;
		struct nf_cur o;
		size_t at = nf_cur_offset(c);

		if (i >= NF_MAX_TLV_ITEMS) {
			nf_layer_malformed(pkt, at, "too many DHCP options (bound NF_MAX_TLV_ITEMS)");
			return;
		}
		struct nf_cur pad = *c;

		nf_cur_get_u8(c, &code);
		if (code == 0) {
			/* A run of pad bytes is one item, as Wireshark shows it. */
			size_t n = 1;
			uint8_t b;

			while (nf_cur_peek_u8(c, &b) && b == 0 && nf_cur_skip(c, 1))
				n++;
			nf_add_uint(pkt, NF_F(dhcp_option_type), 0, at);
			nf_add_slice(pkt, NF_F(dhcp_option_padding), NF_FT_BYTES, &pad, n);
			continue;
		}
		nf_add_uint(pkt, NF_F(dhcp_option_type), code, at);
		if (code == 255) {
			nf_add_uint(pkt, NF_F(dhcp_option_end), code, at);
			return;
		}
		if (!nf_cur_get_u8_prefixed(c, &o)) {
			nf_layer_truncated(pkt, c);
			return;
		}
		nf_add_uint(pkt, NF_F(dhcp_option_length), nf_cur_len(&o), at + 1);
		if (!option(pkt, code, &o)) {
			nf_layer_malformed(pkt, at, "bad DHCP option: wrong length for its code");
			return;
		}
	}
}
