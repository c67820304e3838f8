/* QUIC long-header packets (RFC 9000 section 17.2): header form (1), fixed
 * bit, long packet type (2 bits), version (32), DCID and SCID each with a
 * one-byte length (at most 20 bytes in version 1; other versions may use
 * up to 255, RFC 8999 5.1).  Version 0 is Version Negotiation (17.2.1).
 * Initial (17.2.2) has a token (varint length) and every type but Retry
 * has a Length varint covering packet number and payload, which are
 * header-protected and not decoded.  Coalesced packets (12.2) are walked
 * with a bound.  Short-header packets (17.3) carry nothing decodable. */
#include "netfuzz/frame.h"
#include "netfuzz/limits.h"

enum { QUIC_INITIAL = 0, QUIC_0RTT = 1, QUIC_HANDSHAKE = 2, QUIC_RETRY = 3 };

/* One long-header packet; returns false when the walk must stop. */
static bool long_packet(struct nf_packet *pkt, struct nf_cur *c)
{
	uint8_t b0, type;
	uint32_t ver;
	uint64_t tlen, len;
	struct nf_cur dcid, scid, tok;
	size_t off = nf_cur_offset(c);

	if (!nf_cur_get_u8(c, &b0) || !nf_cur_get_u32be(c, &ver)) {
		nf_layer_truncated(pkt, c);
		return false;
	}
	type = (b0 >> 4) & 3;
	nf_add_uint(pkt, NF_F(quic_header_form), b0 >> 7, off);
	nf_add_bool(pkt, NF_F(quic_fixed_bit), (b0 >> 6) & 1, off);
	if (ver != 0)
		nf_add_uint(pkt, NF_F(quic_long_packet_type), type, off);
	nf_add_hex(pkt, NF_F(quic_version), ver, 8, off + 1);
	if (!nf_cur_get_u8_prefixed(c, &dcid)) {
		nf_layer_truncated(pkt, c);
		return false;
	}
	nf_add_uint(pkt, NF_F(quic_dcil), nf_cur_len(&dcid), off + 5);
	if (!nf_cur_empty(&dcid))
		nf_add_slice(pkt, NF_F(quic_dcid), NF_FT_BYTES, &dcid, nf_cur_len(&dcid));
	if (!nf_cur_get_u8_prefixed(c, &scid)) {
		nf_layer_truncated(pkt, c);
		return false;
	}
	nf_add_uint(pkt, NF_F(quic_scil), nf_cur_len(&scid), nf_cur_offset(&scid) - 1);
	if (!nf_cur_empty(&scid))
		nf_add_slice(pkt, NF_F(quic_scid), NF_FT_BYTES, &scid, nf_cur_len(&scid));
	if (ver == 1 && (nf_cur_len(&dcid) > 20 || nf_cur_len(&scid) > 20)) {
		nf_layer_malformed(pkt, off + 5, "connection ID longer than 20 bytes in QUIC version 1");
		return false;
	}
	if (ver == 0) { /* Version Negotiation: supported versions to the end */
		uint32_t v;

		for (size_t at = nf_cur_offset(c); nf_cur_get_u32be(c, &v); at += 4)
			nf_add_hex(pkt, NF_F(quic_supported_version), v, 8, at);
		return false;
	}
	if (type == QUIC_RETRY) /* token, then a 16-byte integrity tag */
		return false;
	if (type == QUIC_INITIAL) {
		size_t at = nf_cur_offset(c);

		if (!nf_cur_get_quic_varint(c, &tlen)) {
			nf_layer_truncated(pkt, c);
			return false;
		}
		nf_add_uint(pkt, NF_F(quic_token_length), tlen, at);
		if (tlen > nf_cur_len(c) || !nf_cur_get_bytes(c, &tok, (size_t)tlen)) {
			nf_layer_truncated(pkt, c);
			return false;
		}
		if (tlen)
			nf_add_slice(pkt, NF_F(quic_token), NF_FT_BYTES, &tok, nf_cur_len(&tok));
	}
	size_t at = nf_cur_offset(c);
	if (!nf_cur_get_quic_varint(c, &len)) {
		nf_layer_truncated(pkt, c);
		return false;
	}
	nf_add_uint(pkt, NF_F(quic_length), len, at);
	if (len > nf_cur_len(c)) {
		nf_layer_truncated(pkt, c);
		return false;
	}
	nf_cur_skip(c, (size_t)len); /* packet number + protected payload */
	return true;
}

void nf_dissect_quic(struct nf_packet *pkt, struct nf_cur *c)
{
	nf_layer_begin(pkt, NF_P(quic), c);
	for (int i = 0; !nf_cur_empty(c); i++) {
		uint8_t b0;

		if (i >= NF_MAX_QUIC_PACKETS) {
			nf_layer_malformed(pkt, nf_cur_offset(c), "too many coalesced packets (bound NF_MAX_QUIC_PACKETS)");
			return;
		}
		nf_cur_peek_u8(c, &b0);
		if (!(b0 & 0x80)) { /* short header: not decodable without keys */
			if (i == 0)
				nf_add_uint(pkt, NF_F(quic_header_form), 0, nf_cur_offset(c));
			return;
		}
		if (!long_packet(pkt, c))
			return;
	}
}
