/* ARP (RFC 826): hardware type, protocol type, address sizes, opcode, then
 * sender/target hardware and protocol addresses of the given sizes.
 * Ethernet/IPv4 addresses get typed fields; others are kept as bytes. */
#include "netfuzz/frame.h"

static void add_pair(struct nf_packet *pkt, struct nf_cur *c, bool ether_ip, uint8_t hs, uint8_t ps,
		     const struct nf_fdesc *hw_mac, const struct nf_fdesc *hw, const struct nf_fdesc *ip, const struct nf_fdesc *pr)
{
	uint8_t a[6];
	size_t off = nf_cur_offset(c);

	if (ether_ip && nf_cur_copy(c, a, 6))
		nf_add_addr(pkt, hw_mac, NF_FT_MAC, a, off);
	else if (!ether_ip) {
		nf_add_slice(pkt, hw, NF_FT_BYTES, c, hs);
		nf_cur_skip(c, hs);
	}
	off = nf_cur_offset(c);
	if (ether_ip && nf_cur_copy(c, a, 4))
		nf_add_addr(pkt, ip, NF_FT_IPV4, a, off);
	else if (!ether_ip) {
		nf_add_slice(pkt, pr, NF_FT_BYTES, c, ps);
		nf_cur_skip(c, ps);
	}
}

void nf_dissect_arp(struct nf_packet *pkt, struct nf_cur *c)
{
	uint16_t htype, ptype, op;
	uint8_t hs, ps;
	size_t off = nf_cur_offset(c);
	bool ether_ip;

	nf_layer_begin(pkt, NF_P(arp), c);
	if (!nf_cur_get_u16be(c, &htype) || !nf_cur_get_u16be(c, &ptype) || !nf_cur_get_u8(c, &hs) ||
	    !nf_cur_get_u8(c, &ps) || !nf_cur_get_u16be(c, &op)) {
		nf_layer_truncated(pkt, c);
		return;
	}
	nf_add_uint(pkt, NF_F(arp_hw_type), htype, off);
	nf_add_hex(pkt, NF_F(arp_proto_type), ptype, 4, off + 2);
	nf_add_uint(pkt, NF_F(arp_hw_size), hs, off + 4);
	nf_add_uint(pkt, NF_F(arp_proto_size), ps, off + 5);
	nf_add_uint(pkt, NF_F(arp_opcode), op, off + 6);
	if (nf_cur_len(c) < 2 * ((size_t)hs + ps)) {
		nf_layer_truncated(pkt, c);
		return;
	}
	ether_ip = htype == 1 && hs == 6 && ptype == 0x0800 && ps == 4;
	add_pair(pkt, c, ether_ip, hs, ps, NF_F(arp_src_hw_mac), NF_F(arp_src_hw), NF_F(arp_src_proto_ipv4), NF_F(arp_src_proto));
	add_pair(pkt, c, ether_ip, hs, ps, NF_F(arp_dst_hw_mac), NF_F(arp_dst_hw), NF_F(arp_dst_proto_ipv4), NF_F(arp_dst_proto));
}
