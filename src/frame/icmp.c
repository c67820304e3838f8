/* ICMP for IPv4 (RFC 792): type, code, checksum; echo and timestamp
 * messages carry identifier and sequence number; error messages (3
 * destination unreachable, 4 source quench, 5 redirect, 11 time exceeded,
 * 12 parameter problem) have 4 bytes (unused / gateway / RFC 1191 next-hop
 * MTU / pointer) and then quote the offending IP header and 8 bytes. */
#include "netfuzz/frame.h"
#include "netfuzz/limits.h"
#include "netfuzz/structure.h"

void nf_dissect_icmp(struct nf_packet *pkt, struct nf_cur *c)
{
	uint8_t type, code;
	uint16_t sum, a, b;
	size_t off = nf_cur_offset(c);

	nf_layer_begin(pkt, NF_P(icmp), c);
	if (!nf_cur_get_u8(c, &type) || !nf_cur_get_u8(c, &code) || !nf_cur_get_u16be(c, &sum)) {
		nf_layer_truncated(pkt, c);
		return;
	}
	nf_add_uint(pkt, NF_F(icmp_type), type, off);
	nf_add_uint(pkt, NF_F(icmp_code), code, off + 1);
	nf_add_hex(pkt, NF_F(icmp_checksum), sum, 4, off + 2);
	/* The checksum covers the whole ICMP message (RFC 792). */
	nf_rec_csum(off + 2, nf_rec_span(off, 4 + nf_cur_len(c), NF_REC_NONE), 0, false, 0);
	switch (type) {
	case 0:  /* echo reply */
	case 8:  /* echo request */
	case 13: /* timestamp */
	case 14: /* timestamp reply */
		if (!nf_cur_get_u16be(c, &a) || !nf_cur_get_u16be(c, &b)) {
			nf_layer_truncated(pkt, c);
			return;
		}
		nf_add_uint(pkt, NF_F(icmp_ident), a, off + 4);
		nf_add_uint(pkt, NF_F(icmp_seq), b, off + 6);
		break;
	case 3:
	case 4:
	case 5:
	case 11:
	case 12:
		if (!nf_cur_get_u16be(c, &a) || !nf_cur_get_u16be(c, &b)) {
			nf_layer_truncated(pkt, c);
			return;
		}
		if (type == 3 && code == 4)
			nf_add_uint(pkt, NF_F(icmp_mtu), b, off + 6);
		if (!nf_cur_empty(c) && nf_layer_count(pkt, NF_P(icmp)) <= NF_MAX_ICMP_NEST) {
			/* The quoted datagram is one element; its header and 8 data
			 * bytes are cut short by design, so nothing inside is repaired. */
			(void)nf_rec_span(nf_cur_offset(c), nf_cur_len(c), NF_REC_NONE);
			nf_rec_quote(true);
			nf_dissect_ipv4(pkt, c);
			nf_rec_quote(false);
		}
		break;
	default:
		break;
	}
}
