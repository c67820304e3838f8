/* IEEE 802.2 LLC (DSAP, SSAP, control: 1 byte for U-format PDUs whose low
 * two bits are 11, else 2) and SNAP (RFC 1042: DSAP = SSAP = 0xAA, UI, then
 * a 3-byte OUI and 2-byte protocol id; OUI 00:00:00 means the PID is an
 * EtherType). */
#include "netfuzz/frame.h"

void nf_dissect_llc(struct nf_packet *pkt, struct nf_cur *c)
{
	uint8_t dsap, ssap, ctl8;
	uint16_t ctl, pid;
	uint32_t oui;
	size_t off = nf_cur_offset(c);

	nf_layer_begin(pkt, NF_P(llc), c);
	if (!nf_cur_get_u8(c, &dsap) || !nf_cur_get_u8(c, &ssap) || !nf_cur_peek_u8(c, &ctl8)) {
		nf_layer_truncated(pkt, c);
		return;
	}
	nf_add_hex(pkt, NF_F(llc_dsap), dsap, 2, off);
	nf_add_hex(pkt, NF_F(llc_ssap), ssap, 2, off + 1);
	if ((ctl8 & 3) == 3) {
		nf_cur_skip(c, 1);
		ctl = ctl8;
	} else if (!nf_cur_get_u16be(c, &ctl)) {
		nf_layer_truncated(pkt, c);
		return;
	}
	nf_add_hex(pkt, NF_F(llc_control), ctl, ctl > 0xff ? 4 : 2, off + 2);
	if (dsap != 0xaa || ssap != 0xaa)
		return;
	if (!nf_cur_get_u24be(c, &oui) || !nf_cur_get_u16be(c, &pid)) {
		nf_layer_truncated(pkt, c);
		return;
	}
	nf_add_hex(pkt, NF_F(llc_oui), oui, 6, off + 3);
	/* Wireshark names the PID llc.type when it is an EtherType. */
	nf_add_hex(pkt, oui == 0 ? NF_F(llc_type) : NF_F(llc_pid), pid, 4, off + 6);
	if (oui == 0)
		nf_dissect_ethertype(pkt, pid, c);
}
