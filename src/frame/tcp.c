/* TCP (RFC 9293 section 3.1): ports, sequence and acknowledgment numbers,
 * data offset, flags, window, checksum, urgent pointer, options.
 * Options (RFC 9293 3.2; IANA tcp-parameters): 0 end of list, 1 no-op,
 * 2 MSS, 3 window scale (RFC 7323 2.2), 4 SACK permitted and 5 SACK blocks
 * (RFC 2018), 8 timestamps (RFC 7323 3.2); others shown by kind and length.
 * A payload that looks like a TLS record goes to the TLS dissector. */
#include "netfuzz/frame.h"
#include "netfuzz/limits.h"
#include "netfuzz/structure.h"

static bool option(struct nf_packet *pkt, uint8_t kind, struct nf_cur *o, size_t off)
{
	uint16_t mss;
	uint8_t shift;
	uint32_t a, b;

	switch (kind) {
	case 2:
		if (nf_cur_len(o) != 2 || !nf_cur_get_u16be(o, &mss))
			return false;
		nf_add_uint(pkt, NF_F(tcp_options_mss_val), mss, off + 2);
		return true;
	case 3:
		if (nf_cur_len(o) != 1 || !nf_cur_get_u8(o, &shift))
			return false;
		nf_add_uint(pkt, NF_F(tcp_options_wscale_shift), shift, off + 2);
		return true;
	case 4:
		if (!nf_cur_empty(o))
			return false;
		nf_add_bool(pkt, NF_F(tcp_options_sack_perm), true, off);
		return true;
	case 5:
		if (nf_cur_len(o) % 8 != 0 || nf_cur_empty(o))
			return false;
		for (size_t at = off + 2; nf_cur_get_u32be(o, &a) && nf_cur_get_u32be(o, &b); at += 8) {
			nf_add_uint(pkt, NF_F(tcp_options_sack_le), a, at);
			nf_add_uint(pkt, NF_F(tcp_options_sack_re), b, at + 4);
		}
		return true;
	case 8:
		if (nf_cur_len(o) != 8 || !nf_cur_get_u32be(o, &a) || !nf_cur_get_u32be(o, &b))
			return false;
		nf_add_uint(pkt, NF_F(tcp_options_timestamp_tsval), a, off + 2);
		nf_add_uint(pkt, NF_F(tcp_options_timestamp_tsecr), b, off + 6);
		return true;
	default:
		return true; /* unknown kind: shown by number and length only */
	}
}

static void dissect_options(struct nf_packet *pkt, struct nf_cur *opts)
{
	int list = nf_rec_span(nf_cur_offset(opts), nf_cur_len(opts), NF_REC_NONE); /* the options (mutator) */

	for (int i = 0; !nf_cur_empty(opts); i++) {
		uint8_t kind, len;
		struct nf_cur o;
		size_t off = nf_cur_offset(opts);

		if (i >= NF_MAX_TLV_ITEMS)
			return; /* unreachable: 40 option bytes at most */
		nf_cur_get_u8(opts, &kind);
		nf_add_uint(pkt, NF_F(tcp_option_kind), kind, off);
		if (kind == 0)
			return;
		if (kind == 1)
			continue;
		if (!nf_cur_get_u8(opts, &len) || len < 2 || !nf_cur_get_bytes(opts, &o, (size_t)len - 2)) {
			nf_layer_malformed(pkt, off, "bad TCP option: length below 2 or past the header");
			return;
		}
		nf_add_uint(pkt, NF_F(tcp_option_len), len, off + 1);
		/* kind, length (counting kind and length), data: one element */
		nf_rec_len(off + 1, 1, false, 0, nf_rec_span(off, len, list));
		if (!option(pkt, kind, &o, off)) {
			nf_layer_malformed(pkt, off, "bad TCP option: wrong length for its kind");
			return;
		}
	}
}

void nf_dissect_tcp(struct nf_packet *pkt, struct nf_cur *c)
{
	uint16_t sport, dport, offflags, win, sum, urg;
	uint32_t seq, ack;
	size_t off = nf_cur_offset(c), hlen;
	struct nf_cur opts;
	/* Checksum over header and data with the pseudo-header (RFC 9293 3.1). */
	int span = nf_rec_span(off, nf_cur_len(c), NF_REC_NONE);

	nf_layer_begin(pkt, NF_P(tcp), c);
	if (!nf_cur_get_u16be(c, &sport) || !nf_cur_get_u16be(c, &dport)) {
		nf_layer_truncated(pkt, c);
		return;
	}
	nf_add_uint(pkt, NF_F(tcp_srcport), sport, off);
	nf_add_uint(pkt, NF_F(tcp_dstport), dport, off + 2);
	if (!nf_cur_get_u32be(c, &seq) || !nf_cur_get_u32be(c, &ack) || !nf_cur_get_u16be(c, &offflags) ||
	    !nf_cur_get_u16be(c, &win) || !nf_cur_get_u16be(c, &sum) || !nf_cur_get_u16be(c, &urg)) {
		nf_layer_truncated(pkt, c);
		return;
	}
	hlen = (size_t)(offflags >> 12) * 4;
	nf_add_uint(pkt, NF_F(tcp_seq_raw), seq, off + 4);
	nf_add_uint(pkt, NF_F(tcp_ack_raw), ack, off + 8);
	nf_add_uint(pkt, NF_F(tcp_hdr_len), hlen, off + 12);
	nf_add_hex(pkt, NF_F(tcp_flags), offflags & 0x0fff, 4, off + 12);
	nf_add_uint(pkt, NF_F(tcp_window_size_value), win, off + 14);
	nf_add_hex(pkt, NF_F(tcp_checksum), sum, 4, off + 16);
	nf_add_uint(pkt, NF_F(tcp_urgent_pointer), urg, off + 18);
	if (hlen < 20) {
		nf_layer_malformed(pkt, off + 12, "bad data offset: below 5 (20 bytes)");
		return;
	}
	if (!nf_cur_get_bytes(c, &opts, hlen - 20)) {
		nf_layer_truncated(pkt, c);
		return;
	}
	/* Data offset: header length in 32-bit words, high 4 bits (RFC 9293 3.1). */
	nf_rec_len_bits(off + 12, 1, false, 4, 4, 4, nf_rec_span(off, hlen, NF_REC_NONE));
	nf_rec_csum(off + 16, span, 6, false, 0);
	dissect_options(pkt, &opts);
	if (pkt->layers[pkt->nlayers - 1].status != NF_LAYER_OK)
		return;
	if (!nf_cur_empty(c) && nf_looks_like_tls(c))
		nf_dissect_tls(pkt, c);
}
