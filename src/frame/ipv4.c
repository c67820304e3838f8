/* IPv4 (RFC 791 section 3.1).  Options are listed by type; fragments are
 * flagged (ip.flags.mf, ip.frag_offset) and not reassembled: only a first
 * fragment (offset 0) is handed to the next layer. */
#include "netfuzz/frame.h"
#include "netfuzz/limits.h"
#include "netfuzz/structure.h"

static void dissect_options(struct nf_packet *pkt, struct nf_cur *opts)
{
	/* RFC 791 3.1 "Options": type 0 = end of list, 1 = no-op, others are
	 * type, length (including type and length), data. */
	for (int i = 0; i < NF_MAX_TLV_ITEMS && !nf_cur_empty(opts); i++) {
		uint8_t type, len;
		size_t off = nf_cur_offset(opts);
		struct nf_cur at = *opts;

		nf_cur_get_u8(opts, &type);
		nf_add_uint(pkt, NF_F(ip_opt_type), type, off);
		if (type == 0)
			return;
		if (type == 1)
			continue;
		if (!nf_cur_get_u8(opts, &len) || len < 2 || !nf_cur_skip(opts, (size_t)len - 2)) {
			nf_layer_malformed(pkt, off, "bad IPv4 option: length below 2 or past the header");
			return;
		}
		nf_rec_len(off + 1, 1, false, 0, nf_rec_span_between(&at, opts, NF_REC_NONE));
	}
}

void nf_dissect_ipv4(struct nf_packet *pkt, struct nf_cur *c)
{
	uint8_t vihl, tos, ttl, proto, src[4], dst[4];
	uint16_t tot, id, frag, sum;
	size_t off = nf_cur_offset(c), hlen;
	struct nf_cur opts;

	nf_layer_begin(pkt, NF_P(ip), c);
	if (!nf_cur_get_u8(c, &vihl)) {
		nf_layer_truncated(pkt, c);
		return;
	}
	nf_add_uint(pkt, NF_F(ip_version), vihl >> 4, off);
	if ((vihl >> 4) != 4) {
		nf_layer_malformed(pkt, off, "bad version: expected 4 in an IPv4 header");
		return;
	}
	hlen = (size_t)(vihl & 0x0f) * 4;
	nf_add_uint(pkt, NF_F(ip_hdr_len), hlen, off);
	if (!nf_cur_get_u8(c, &tos) || !nf_cur_get_u16be(c, &tot) || !nf_cur_get_u16be(c, &id) ||
	    !nf_cur_get_u16be(c, &frag) || !nf_cur_get_u8(c, &ttl) || !nf_cur_get_u8(c, &proto) ||
	    !nf_cur_get_u16be(c, &sum) || !nf_cur_copy(c, src, 4) || !nf_cur_copy(c, dst, 4)) {
		nf_layer_truncated(pkt, c);
		return;
	}
	nf_add_hex(pkt, NF_F(ip_dsfield), tos, 2, off + 1);
	nf_add_uint(pkt, NF_F(ip_len), tot, off + 2);
	nf_add_hex(pkt, NF_F(ip_id), id, 4, off + 4);
	nf_add_hex(pkt, NF_F(ip_flags), frag >> 13, 2, off + 6);
	nf_add_bool(pkt, NF_F(ip_flags_df), (frag >> 14) & 1, off + 6);
	nf_add_bool(pkt, NF_F(ip_flags_mf), (frag >> 13) & 1, off + 6);
	/* In 8-octet units, as tshark -T fields prints it. */
	nf_add_uint(pkt, NF_F(ip_frag_offset), frag & 0x1fff, off + 6);
	nf_add_uint(pkt, NF_F(ip_ttl), ttl, off + 8);
	nf_add_uint(pkt, NF_F(ip_proto), proto, off + 9);
	nf_add_hex(pkt, NF_F(ip_checksum), sum, 4, off + 10);
	nf_add_addr(pkt, NF_F(ip_src), NF_FT_IPV4, src, off + 12);
	nf_add_addr(pkt, NF_F(ip_dst), NF_FT_IPV4, dst, off + 16);
	if (hlen < 20) {
		nf_layer_malformed(pkt, off, "bad header length: IHL below 5 (20 bytes)");
		return;
	}
	if (!nf_cur_get_bytes(c, &opts, hlen - 20)) {
		nf_layer_truncated(pkt, c);
		return;
	}
	dissect_options(pkt, &opts);
	/* Structure (mutator): IHL is the header length in 32-bit words; the
	 * header checksum covers the header only (RFC 791 3.1, RFC 1071); the
	 * addresses feed the transport pseudo-header. */
	int hspan = nf_rec_span(off, hlen, NF_REC_NONE);
	nf_rec_len_bits(off, 1, false, 0, 4, 4, hspan);
	nf_rec_csum(off + 10, hspan, 0, false, 0);
	nf_rec_pseudo(off + 12, 4);
	if (tot < hlen) {
		nf_layer_malformed(pkt, off + 2, "bad total length: smaller than the header");
		return;
	}
	/* Drop link-layer padding past the IP datagram. */
	if (tot - hlen < nf_cur_len(c))
		nf_cur_truncate(c, tot - hlen);
	/* Total length covers header and payload (RFC 791 3.1). */
	nf_rec_len(off + 2, 2, false, 0, nf_rec_span(off, hlen + nf_cur_len(c), NF_REC_NONE));
	nf_rec_edge(off + 6, 2, false, 0); /* 0 a first fragment, 1 (offset 1, no flag) a later one */
	if ((frag & 0x1fff) != 0)
		return; /* a later fragment: no transport header here */
	nf_dissect_ipproto(pkt, proto, c);
}
