/* IPv6 (RFC 8200 section 3) and its extension header chain (section 4):
 * hop-by-hop (0), routing (43), fragment (44) and destination options (60)
 * are walked with a bounded count; each has Next Header then Hdr Ext Len in
 * 8-octet units not counting the first 8 (fragment: fixed 8 bytes). */
#include "netfuzz/frame.h"
#include "netfuzz/structure.h"
#include "netfuzz/limits.h"

enum { IPV6_HOPOPTS = 0, IPV6_ROUTING = 43, IPV6_FRAGMENT = 44, IPV6_DSTOPTS = 60 };

void nf_dissect_ipv6(struct nf_packet *pkt, struct nf_cur *c)
{
	uint32_t vtf;
	uint16_t plen;
	uint8_t nxt, hlim, src[16], dst[16];
	size_t off = nf_cur_offset(c);

	nf_layer_begin(pkt, NF_P(ipv6), c);
	if (!nf_cur_get_u32be(c, &vtf)) {
		nf_layer_truncated(pkt, c);
		return;
	}
	nf_add_uint(pkt, NF_F(ipv6_version), vtf >> 28, off);
	if ((vtf >> 28) != 6) {
		nf_layer_malformed(pkt, off, "bad version: expected 6 in an IPv6 header");
		return;
	}
	nf_add_hex(pkt, NF_F(ipv6_tclass), (vtf >> 20) & 0xff, 8, off);
	nf_add_hex(pkt, NF_F(ipv6_flow), vtf & 0xfffff, 5, off + 1);
	if (!nf_cur_get_u16be(c, &plen) || !nf_cur_get_u8(c, &nxt) || !nf_cur_get_u8(c, &hlim) ||
	    !nf_cur_copy(c, src, 16) || !nf_cur_copy(c, dst, 16)) {
		nf_layer_truncated(pkt, c);
		return;
	}
	nf_add_uint(pkt, NF_F(ipv6_plen), plen, off + 4);
	nf_add_uint(pkt, NF_F(ipv6_nxt), nxt, off + 6);
	nf_add_uint(pkt, NF_F(ipv6_hlim), hlim, off + 7);
	nf_add_addr(pkt, NF_F(ipv6_src), NF_FT_IPV6, src, off + 8);
	nf_add_addr(pkt, NF_F(ipv6_dst), NF_FT_IPV6, dst, off + 24);
	/* Pseudo-header addresses for the upper layer (RFC 8200 8.1; with a
	 * routing header the real destination is its last address: not done). */
	nf_rec_pseudo(off + 8, 16);
	if (plen < nf_cur_len(c))
		nf_cur_truncate(c, plen); /* drop link-layer padding */
	/* Payload length: everything after the 40-byte header (RFC 8200 3). */
	nf_rec_len(off + 4, 2, false, 0, nf_rec_span(nf_cur_offset(c), nf_cur_len(c), NF_REC_NONE));

	for (int n = 0;; n++) {
		uint8_t next, elen;
		uint16_t fragoff;
		size_t eoff = nf_cur_offset(c);

		if (nxt != IPV6_HOPOPTS && nxt != IPV6_ROUTING && nxt != IPV6_FRAGMENT && nxt != IPV6_DSTOPTS)
			break;
		if (n >= NF_MAX_IPV6_EXT_HEADERS) {
			nf_layer_malformed(pkt, eoff, "too many extension headers (bound NF_MAX_IPV6_EXT_HEADERS)");
			return;
		}
		if (!nf_cur_get_u8(c, &next) || !nf_cur_get_u8(c, &elen)) {
			nf_layer_truncated(pkt, c);
			return;
		}
		if (nxt == IPV6_FRAGMENT) {
			/* RFC 8200 4.5: offset (13 bits, 8-octet units), res, M; ident. */
			uint32_t ident;

			if (!nf_cur_get_u16be(c, &fragoff) || !nf_cur_get_u32be(c, &ident)) {
				nf_layer_truncated(pkt, c);
				return;
			}
			nf_add_uint(pkt, NF_F(ipv6_fraghdr_nxt), next, eoff);
			nf_add_uint(pkt, NF_F(ipv6_fraghdr_offset), fragoff >> 3, eoff + 2);
			nf_add_bool(pkt, NF_F(ipv6_fraghdr_more), fragoff & 1, eoff + 2);
			nf_add_hex(pkt, NF_F(ipv6_fraghdr_ident), ident, 8, eoff + 4);
			/* 7 (offset 0, every flag bit) is a first fragment, 8 (offset 1) a later one */
			nf_rec_edge(eoff + 2, 2, false, 7);
			if ((fragoff >> 3) != 0)
				return; /* a later fragment: not reassembled */
		} else {
			const struct nf_fdesc *nxt_name = nxt == IPV6_HOPOPTS ? NF_F(ipv6_hopopts_nxt) :
					       nxt == IPV6_ROUTING ? NF_F(ipv6_routing_nxt) : NF_F(ipv6_dstopts_nxt);
			const struct nf_fdesc *len_name = nxt == IPV6_HOPOPTS ? NF_F(ipv6_hopopts_len) :
					       nxt == IPV6_ROUTING ? NF_F(ipv6_routing_len) : NF_F(ipv6_dstopts_len);
			struct nf_cur body;
			uint8_t rtype, segleft;

			nf_add_uint(pkt, nxt_name, next, eoff);
			nf_add_uint(pkt, len_name, elen, eoff + 1);
			if (!nf_cur_get_bytes(c, &body, (size_t)elen * 8 + 6)) {
				nf_layer_truncated(pkt, c);
				return;
			}
			/* Hdr Ext Len: 8-octet units, not counting the first 8 (RFC 8200 4.3). */
			if (NF_REC_ON())
				nf_rec_rel_(NF_REL_LENGTH, eoff + 1, 1, false, 0, 8, 8, -8,
					    nf_rec_span_(eoff, (size_t)elen * 8 + 8, NF_REC_NONE));
			/* RFC 8200 4.4: routing type and segments left come first. */
			if (nxt == IPV6_ROUTING && nf_cur_get_u8(&body, &rtype) && nf_cur_get_u8(&body, &segleft)) {
				nf_add_uint(pkt, NF_F(ipv6_routing_type), rtype, eoff + 2);
				nf_add_uint(pkt, NF_F(ipv6_routing_segleft), segleft, eoff + 3);
			}
		}
		nxt = next;
	}
	nf_dissect_ipproto(pkt, nxt, c);
}
