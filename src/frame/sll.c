/* Linux "cooked" capture headers.
 * LINKTYPE_LINUX_SLL (https://www.tcpdump.org/linktypes/LINKTYPE_LINUX_SLL.html):
 *   packet type(2) ARPHRD type(2) address length(2) address(8) protocol(2).
 * LINKTYPE_LINUX_SLL2 (https://www.tcpdump.org/linktypes/LINKTYPE_LINUX_SLL2.html):
 *   protocol(2) reserved(2) interface index(4) ARPHRD type(2) packet type(1)
 *   address length(1) address(8).
 * The protocol is an EtherType, except 0x0001 (Novell 802.3) and 0x0004
 * (an 802.2 LLC frame follows), per linux/if_ether.h ETH_P_802_3/802_2. */
#include "netfuzz/frame.h"

static void add_addr(struct nf_packet *pkt, uint16_t hatype, uint16_t halen,
		     const uint8_t addr[8], size_t off)
{
	/* ARPHRD_ETHER (1) and ARPHRD_LOOPBACK (772) carry a MAC address. */
	if ((hatype == 1 || hatype == 772) && halen == 6)
		nf_add_addr(pkt, NF_F(sll_src_eth), NF_FT_MAC, addr, off);
}

static void payload(struct nf_packet *pkt, uint16_t proto, struct nf_cur *c)
{
	if (proto == 0x0004)
		nf_dissect_llc(pkt, c);
	else if (proto > 0x05ff)
		nf_dissect_ethertype(pkt, proto, c);
}

void nf_dissect_sll(struct nf_packet *pkt, struct nf_cur *c)
{
	uint16_t ptype, hatype, halen, proto;
	uint8_t addr[8];
	size_t off = nf_cur_offset(c);

	nf_layer_begin(pkt, NF_P(sll), c);
	if (!nf_cur_get_u16be(c, &ptype) || !nf_cur_get_u16be(c, &hatype) ||
	    !nf_cur_get_u16be(c, &halen) || !nf_cur_copy(c, addr, 8) || !nf_cur_get_u16be(c, &proto)) {
		nf_layer_truncated(pkt, c);
		return;
	}
	nf_add_uint(pkt, NF_F(sll_pkttype), ptype, off);
	nf_add_uint(pkt, NF_F(sll_hatype), hatype, off + 2);
	nf_add_uint(pkt, NF_F(sll_halen), halen, off + 4);
	add_addr(pkt, hatype, halen, addr, off + 6);
	nf_add_hex(pkt, proto > 0x05ff ? NF_F(sll_etype) : NF_F(sll_ltype), proto, 4, off + 14);
	payload(pkt, proto, c);
}

void nf_dissect_sll2(struct nf_packet *pkt, struct nf_cur *c)
{
	uint16_t proto, rsv, hatype;
	uint32_t ifindex;
	uint8_t ptype, halen, addr[8];
	size_t off = nf_cur_offset(c);

	nf_layer_begin(pkt, NF_P(sll), c);
	if (!nf_cur_get_u16be(c, &proto) || !nf_cur_get_u16be(c, &rsv) ||
	    !nf_cur_get_u32be(c, &ifindex) || !nf_cur_get_u16be(c, &hatype) ||
	    !nf_cur_get_u8(c, &ptype) || !nf_cur_get_u8(c, &halen) || !nf_cur_copy(c, addr, 8)) {
		nf_layer_truncated(pkt, c);
		return;
	}
	nf_add_hex(pkt, proto > 0x05ff ? NF_F(sll_etype) : NF_F(sll_ltype), proto, 4, off);
	nf_add_uint(pkt, NF_F(sll_ifindex), ifindex, off + 4);
	nf_add_uint(pkt, NF_F(sll_hatype), hatype, off + 8);
	nf_add_uint(pkt, NF_F(sll_pkttype), ptype, off + 10);
	nf_add_uint(pkt, NF_F(sll_halen), halen, off + 11);
	add_addr(pkt, hatype, halen, addr, off + 12);
	payload(pkt, proto, c);
}
