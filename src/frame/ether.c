/* Ethernet II (IEEE 802.3 clause 3.2.6 Length/Type field >= 0x0600 is an
 * EtherType; RFC 894).  802.3 length frames with LLC/SNAP go to llc. */
#include "netfuzz/frame.h"
#include "netfuzz/structure.h"

void nf_dissect_ether(struct nf_packet *pkt, struct nf_cur *c)
{
	uint8_t dst[6], src[6];
	uint16_t type;
	size_t off = nf_cur_offset(c);

	nf_layer_begin(pkt, NF_P(eth), c);
	if (!nf_cur_copy(c, dst, 6) || !nf_cur_copy(c, src, 6)) {
		nf_layer_truncated(pkt, c);
		return;
	}
	nf_add_addr(pkt, NF_F(eth_dst), NF_FT_MAC, dst, off);
	nf_add_addr(pkt, NF_F(eth_src), NF_FT_MAC, src, off + 6);
	if (!nf_cur_get_u16be(c, &type)) {
		nf_layer_truncated(pkt, c);
		return;
	}
	nf_rec_edge(off + 12, 2, false, 1500); /* 1500 a length, 1501 a type: the branch below */
	if (type <= 1500) {
		/* IEEE 802.3 length field: the payload is an LLC PDU. */
		nf_add_uint(pkt, NF_F(eth_len), type, off + 12);
		if (type < nf_cur_len(c))
			nf_cur_truncate(c, type); /* drop Ethernet padding */
		nf_dissect_llc(pkt, c);
		return;
	}
	nf_add_hex(pkt, NF_F(eth_type), type, 4, off + 12);
	nf_dissect_ethertype(pkt, type, c);
}
