/* UDP (RFC 768): source port, destination port, length, checksum. */
#include "netfuzz/frame.h"
#include "netfuzz/structure.h"

void nf_dissect_udp(struct nf_packet *pkt, struct nf_cur *c)
{
	uint16_t sport, dport, len, sum;
	size_t off = nf_cur_offset(c);

	nf_layer_begin(pkt, NF_P(udp), c);
	if (!nf_cur_get_u16be(c, &sport) || !nf_cur_get_u16be(c, &dport)) {
		nf_layer_truncated(pkt, c);
		return;
	}
	nf_add_uint(pkt, NF_F(udp_srcport), sport, off);
	nf_add_uint(pkt, NF_F(udp_dstport), dport, off + 2);
	if (!nf_cur_get_u16be(c, &len) || !nf_cur_get_u16be(c, &sum)) {
		nf_layer_truncated(pkt, c);
		return;
	}
	nf_add_uint(pkt, NF_F(udp_length), len, off + 4);
	nf_add_hex(pkt, NF_F(udp_checksum), sum, 4, off + 6);
	if (len < 8) {
		/* RFC 768: length includes the 8-byte header.  (0 is only legal
		 * for IPv6 jumbograms, RFC 2675, which we do not decode.) */
		nf_layer_malformed(pkt, off + 4, "bad length: UDP length below the 8-byte header");
		return;
	}
	if ((size_t)len - 8 < nf_cur_len(c))
		nf_cur_truncate(c, (size_t)len - 8);
	/* Length covers header and data; the checksum covers them and the
	 * pseudo-header (RFC 768). */
	int span = nf_rec_span(off, 8 + nf_cur_len(c), NF_REC_NONE);
	nf_rec_len(off + 4, 2, false, 0, span);
	nf_rec_csum(off + 6, span, 17, true, sum);
	nf_dissect_udp_payload(pkt, sport, dport, c);
}
