/* IEEE 802.1Q VLAN tag (TPID 0x8100) and 802.1ad service tag (0x88a8, QinQ):
 * 16-bit TCI = PCP(3) DEI(1) VID(12), then the inner EtherType. */
#include "netfuzz/frame.h"
#include "netfuzz/structure.h"

void nf_dissect_vlan(struct nf_packet *pkt, struct nf_cur *c, uint16_t tpid)
{
	uint16_t tci, type;
	size_t off = nf_cur_offset(c);

	/* The tag, TPID (the EtherType before it) and TCI, is one element: a
	 * copy of it is one more stacked tag, deleting it one fewer. */
	if (off >= 2)
		(void)nf_rec_span(off - 2, 4, NF_REC_NONE);
	if (tpid == 0x88a8) {
		/* Wireshark names the 802.1ad service tag ieee8021ad. */
		nf_layer_begin(pkt, NF_P(ieee8021ad), c);
		if (!nf_cur_get_u16be(c, &tci) || !nf_cur_get_u16be(c, &type)) {
			nf_layer_truncated(pkt, c);
			return;
		}
		nf_add_uint(pkt, NF_F(ieee8021ad_priority), tci >> 13, off);
		nf_add_uint(pkt, NF_F(ieee8021ad_dei), (tci >> 12) & 1, off);
		nf_add_uint(pkt, NF_F(ieee8021ad_id), tci & 0x0fff, off);
		nf_dissect_ethertype(pkt, type, c);
		return;
	}
	nf_layer_begin(pkt, NF_P(vlan), c);
	if (!nf_cur_get_u16be(c, &tci) || !nf_cur_get_u16be(c, &type)) {
		nf_layer_truncated(pkt, c);
		return;
	}
	nf_add_uint(pkt, NF_F(vlan_priority), tci >> 13, off);
	nf_add_uint(pkt, NF_F(vlan_dei), (tci >> 12) & 1, off);
	nf_add_uint(pkt, NF_F(vlan_id), tci & 0x0fff, off);
	nf_add_hex(pkt, NF_F(vlan_etype), type, 4, off + 2);
	nf_dissect_ethertype(pkt, type, c);
}
