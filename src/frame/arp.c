/* ARP (RFC 826): hardware type, protocol type, address sizes, opcode, then
 * sender/target hardware and protocol addresses of the given sizes.
 * Ethernet/IPv4 addresses get typed fields; others are kept as bytes. */
#include "netfuzz/frame.h"

static void add_pair(struct nf_packet *pkt, struct nf_cur *c, bool ether_ip, uint8_t hs, uint8_t ps,
		     const char *hw_mac, const char *hw, const char *ip, const char *pr)
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

	nf_layer_begin(pkt, "arp", c);
	if (!nf_cur_get_u16be(c, &htype) || !nf_cur_get_u16be(c, &ptype) || !nf_cur_get_u8(c, &hs) ||
	    !nf_cur_get_u8(c, &ps) || !nf_cur_get_u16be(c, &op)) {
		nf_layer_truncated(pkt, c);
		return;
	}
	nf_add_uint(pkt, "arp.hw.type", htype, off);
	nf_add_hex(pkt, "arp.proto.type", ptype, 4, off + 2);
	nf_add_uint(pkt, "arp.hw.size", hs, off + 4);
	nf_add_uint(pkt, "arp.proto.size", ps, off + 5);
	nf_add_uint(pkt, "arp.opcode", op, off + 6);
	if (nf_cur_len(c) < 2 * ((size_t)hs + ps)) {
		nf_layer_truncated(pkt, c);
		return;
	}
	ether_ip = htype == 1 && hs == 6 && ptype == 0x0800 && ps == 4;
	add_pair(pkt, c, ether_ip, hs, ps, "arp.src.hw_mac", "arp.src.hw", "arp.src.proto_ipv4", "arp.src.proto");
	add_pair(pkt, c, ether_ip, hs, ps, "arp.dst.hw_mac", "arp.dst.hw", "arp.dst.proto_ipv4", "arp.dst.proto");
}
