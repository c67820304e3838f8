/* TLS records and handshake messages (RFC 8446 sections 4 and 5.1; the
 * TLS 1.2 layouts are RFC 5246 7.4).  Records are walked one after another
 * in the segment, bounded; no reassembly across segments: a record or
 * message cut short is reported as truncated.
 *   ClientHello (1): version, random, session id, cipher suites,
 *     compression methods, extensions;  ServerHello (2): the same with one
 *     cipher suite and one compression method;
 *   extensions: server_name (0, RFC 6066 3), ALPN (16, RFC 7301 3.1),
 *     supported_versions (43, RFC 8446 4.2.1), key_share (51, 4.2.8);
 *   Certificate (11): the TLS 1.2 list of DER certificates (RFC 5246
 *     7.4.2), or the TLS 1.3 one with a request context and per-entry
 *     extensions (RFC 8446 4.4.2).  Each certificate is recorded as bytes
 *     (tls.handshake.certificate) for the certificate module. */
#include "netfuzz/frame.h"
#include "netfuzz/limits.h"

enum { TLS_HANDSHAKE = 22, HS_CLIENT_HELLO = 1, HS_SERVER_HELLO = 2, HS_CERTIFICATE = 11 };
enum { EXT_SNI = 0, EXT_ALPN = 16, EXT_SUPPORTED_VERSIONS = 43, EXT_KEY_SHARE = 51 };

#define BAD(pkt, cur, msg) (nf_layer_malformed(pkt, nf_cur_offset(cur), msg), false)

static bool ext_sni(struct nf_packet *pkt, struct nf_cur *e)
{
	struct nf_cur list, name;
	uint8_t type;

	if (!nf_cur_get_u16be_prefixed(e, &list))
		return BAD(pkt, e, "bad server_name extension: list length past the extension");
	for (int i = 0; !nf_cur_empty(&list); i++) {
		if (i >= NF_MAX_TLV_ITEMS || !nf_cur_get_u8(&list, &type) || !nf_cur_get_u16be_prefixed(&list, &name))
			return BAD(pkt, &list, "bad server_name entry: length past the list");
		nf_add_uint(pkt, NF_F(tls_handshake_extensions_server_name_len), nf_cur_len(&name), nf_cur_offset(&name) - 2);
		if (type == 0) /* host_name */
			nf_add_slice(pkt, NF_F(tls_handshake_extensions_server_name), NF_FT_STR, &name, nf_cur_len(&name));
	}
	return true;
}

static bool ext_alpn(struct nf_packet *pkt, struct nf_cur *e)
{
	struct nf_cur list, proto;

	if (!nf_cur_get_u16be_prefixed(e, &list))
		return BAD(pkt, e, "bad ALPN extension: list length past the extension");
	for (int i = 0; !nf_cur_empty(&list); i++) {
		if (i >= NF_MAX_TLV_ITEMS || !nf_cur_get_u8_prefixed(&list, &proto))
			return BAD(pkt, &list, "bad ALPN protocol name: length past the list");
		nf_add_slice(pkt, NF_F(tls_handshake_extensions_alpn_str), NF_FT_STR, &proto, nf_cur_len(&proto));
	}
	return true;
}

static bool ext_versions(struct nf_packet *pkt, struct nf_cur *e, bool client)
{
	struct nf_cur list;
	uint16_t v;

	if (!client) { /* ServerHello: the selected version only */
		if (nf_cur_len(e) != 2 || !nf_cur_get_u16be(e, &v))
			return BAD(pkt, e, "bad supported_versions: ServerHello carries exactly 2 bytes");
		nf_add_hex(pkt, NF_F(tls_handshake_extensions_supported_version), v, 4, nf_cur_offset(e) - 2);
		return true;
	}
	if (!nf_cur_get_u8_prefixed(e, &list) || nf_cur_len(&list) % 2)
		return BAD(pkt, e, "bad supported_versions list length");
	for (size_t at = nf_cur_offset(&list); nf_cur_get_u16be(&list, &v); at += 2)
		nf_add_hex(pkt, NF_F(tls_handshake_extensions_supported_version), v, 4, at);
	return true;
}

static bool key_share_entry(struct nf_packet *pkt, struct nf_cur *c)
{
	uint16_t group;
	struct nf_cur key;
	size_t at = nf_cur_offset(c);

	if (!nf_cur_get_u16be(c, &group) || !nf_cur_get_u16be_prefixed(c, &key))
		return BAD(pkt, c, "bad key_share entry: key length past the extension");
	nf_add_uint(pkt, NF_F(tls_handshake_extensions_key_share_group), group, at);
	return true;
}

static bool ext_key_share(struct nf_packet *pkt, struct nf_cur *e, bool client)
{
	struct nf_cur list;
	uint16_t group;

	if (!client) {
		/* ServerHello: one KeyShareEntry; HelloRetryRequest: a group. */
		if (nf_cur_len(e) == 2 && nf_cur_get_u16be(e, &group)) {
			nf_add_uint(pkt, NF_F(tls_handshake_extensions_key_share_group), group, nf_cur_offset(e) - 2);
			return true;
		}
		return key_share_entry(pkt, e);
	}
	if (!nf_cur_get_u16be_prefixed(e, &list))
		return BAD(pkt, e, "bad key_share list length");
	for (int i = 0; !nf_cur_empty(&list); i++)
		if (i >= NF_MAX_TLV_ITEMS || !key_share_entry(pkt, &list))
			return false;
	return true;
}

static bool extensions(struct nf_packet *pkt, struct nf_cur *c, bool client)
{
	struct nf_cur all, e;
	uint16_t type;

	if (nf_cur_empty(c))
		return true; /* extensions are optional before TLS 1.3 */
	if (!nf_cur_get_u16be_prefixed(c, &all))
		return BAD(pkt, c, "bad extensions length: past the handshake message");
	for (int i = 0; !nf_cur_empty(&all); i++) {
		size_t at = nf_cur_offset(&all);
		bool ok = true;

		if (i >= NF_MAX_TLV_ITEMS || !nf_cur_get_u16be(&all, &type) || !nf_cur_get_u16be_prefixed(&all, &e))
			return BAD(pkt, &all, "bad extension: length past the extensions block");
		nf_add_uint(pkt, NF_F(tls_handshake_extension_type), type, at);
		nf_add_uint(pkt, NF_F(tls_handshake_extension_len), nf_cur_len(&e), at + 2);
		switch (type) {
		case EXT_SNI:
			ok = client ? ext_sni(pkt, &e) : true; /* a server's SNI is empty */
			break;
		case EXT_ALPN:
			ok = ext_alpn(pkt, &e);
			break;
		case EXT_SUPPORTED_VERSIONS:
			ok = ext_versions(pkt, &e, client);
			break;
		case EXT_KEY_SHARE:
			ok = ext_key_share(pkt, &e, client);
			break;
		default:
			break;
		}
		if (!ok)
			return false;
	}
	return true;
}

static bool hello(struct nf_packet *pkt, struct nf_cur *m, bool client)
{
	uint16_t ver, cs;
	uint8_t comp;
	struct nf_cur sid, suites, comps;
	size_t at = nf_cur_offset(m);

	if (!nf_cur_get_u16be(m, &ver) || nf_cur_len(m) < 32)
		return BAD(pkt, m, "hello shorter than version and random");
	nf_add_hex(pkt, NF_F(tls_handshake_version), ver, 4, at);
	nf_add_slice(pkt, NF_F(tls_handshake_random), NF_FT_BYTES, m, 32);
	nf_cur_skip(m, 32);
	if (!nf_cur_get_u8_prefixed(m, &sid) || nf_cur_len(&sid) > 32)
		return BAD(pkt, m, "bad session id length (0..32, within the message)");
	nf_add_uint(pkt, NF_F(tls_handshake_session_id_length), nf_cur_len(&sid), nf_cur_offset(&sid) - 1);
	if (!nf_cur_empty(&sid))
		nf_add_slice(pkt, NF_F(tls_handshake_session_id), NF_FT_BYTES, &sid, nf_cur_len(&sid));
	if (client) {
		if (!nf_cur_get_u16be_prefixed(m, &suites) || nf_cur_len(&suites) % 2)
			return BAD(pkt, m, "bad cipher suites length");
		for (size_t a = nf_cur_offset(&suites); nf_cur_get_u16be(&suites, &cs); a += 2)
			nf_add_hex(pkt, NF_F(tls_handshake_ciphersuite), cs, 4, a);
		if (!nf_cur_get_u8_prefixed(m, &comps))
			return BAD(pkt, m, "bad compression methods length");
	} else {
		if (!nf_cur_get_u16be(m, &cs) || !nf_cur_get_u8(m, &comp))
			return BAD(pkt, m, "ServerHello ends before cipher suite and compression");
		nf_add_hex(pkt, NF_F(tls_handshake_ciphersuite), cs, 4, nf_cur_offset(m) - 3);
	}
	return extensions(pkt, m, client);
}

/* TLS 1.2 Certificate: certificate_list<0..2^24-1> of ASN.1Cert<1..2^24-1>.
 * TLS 1.3 adds certificate_request_context<0..255> before the list and
 * extensions<0..2^16-1> after each certificate. */
static bool certificates(struct nf_packet *pkt, struct nf_cur *m)
{
	struct nf_cur t = *m, list, cert, exts, ctx;
	bool tls13 = false;
	uint32_t n;

	/* TLS 1.2 if the 3-byte list length is exactly the rest. */
	if (!nf_cur_get_u24be(&t, &n) || n != nf_cur_len(&t)) {
		tls13 = true;
		if (!nf_cur_get_u8_prefixed(m, &ctx))
			return BAD(pkt, m, "bad certificate request context length");
	}
	if (!nf_cur_get_u24be_prefixed(m, &list))
		return BAD(pkt, m, "bad certificate list length: past the message");
	nf_add_uint(pkt, NF_F(tls_handshake_certificates_length), nf_cur_len(&list), nf_cur_offset(&list) - 3);
	for (int i = 0; !nf_cur_empty(&list); i++) {
		if (i >= NF_MAX_TLV_ITEMS || !nf_cur_get_u24be_prefixed(&list, &cert))
			return BAD(pkt, &list, "bad certificate length: past the list");
		nf_add_uint(pkt, NF_F(tls_handshake_certificate_length), nf_cur_len(&cert), nf_cur_offset(&cert) - 3);
		nf_add_slice(pkt, NF_F(tls_handshake_certificate), NF_FT_BYTES, &cert, nf_cur_len(&cert));
		if (tls13 && !nf_cur_get_u16be_prefixed(&list, &exts))
			return BAD(pkt, &list, "bad certificate entry extensions length");
	}
	return true;
}

static bool handshake(struct nf_packet *pkt, struct nf_cur *rec)
{
	for (int i = 0; !nf_cur_empty(rec); i++) {
		uint8_t type;
		uint32_t len;
		struct nf_cur m;
		size_t at = nf_cur_offset(rec);

		if (i >= NF_MAX_TLS_HANDSHAKES)
			return BAD(pkt, rec, "too many handshake messages (bound NF_MAX_TLS_HANDSHAKES)");
		if (!nf_cur_get_u8(rec, &type) || !nf_cur_get_u24be(rec, &len)) {
			nf_layer_truncated(pkt, rec);
			return false;
		}
		nf_add_uint(pkt, NF_F(tls_handshake_type), type, at);
		nf_add_uint(pkt, NF_F(tls_handshake_length), len, at + 1);
		if (!nf_cur_get_bytes(rec, &m, len)) {
			nf_layer_truncated(pkt, rec); /* spans records: not reassembled */
			return false;
		}
		bool ok = true;
		if (type == HS_CLIENT_HELLO || type == HS_SERVER_HELLO)
			ok = hello(pkt, &m, type == HS_CLIENT_HELLO);
		else if (type == HS_CERTIFICATE)
			ok = certificates(pkt, &m);
		if (!ok)
			return false;
	}
	return true;
}

void nf_dissect_tls(struct nf_packet *pkt, struct nf_cur *c)
{
	nf_layer_begin(pkt, NF_P(tls), c);
	for (int i = 0; !nf_cur_empty(c); i++) {
		uint8_t type;
		uint16_t ver;
		struct nf_cur rec;
		size_t at = nf_cur_offset(c);

		if (i >= NF_MAX_TLS_RECORDS) {
			nf_layer_malformed(pkt, at, "too many records (bound NF_MAX_TLS_RECORDS)");
			return;
		}
		if (!nf_cur_get_u8(c, &type) || !nf_cur_get_u16be(c, &ver)) {
			nf_layer_truncated(pkt, c);
			return;
		}
		if (type < 20 || type > 24 || (ver >> 8) != 3) {
			nf_layer_malformed(pkt, at, "not a TLS record: bad content type or version");
			return;
		}
		nf_add_uint(pkt, NF_F(tls_record_content_type), type, at);
		nf_add_hex(pkt, NF_F(tls_record_version), ver, 4, at + 1);
		if (!nf_cur_get_u16be_prefixed(c, &rec)) {
			uint16_t len = 0;

			if (nf_cur_get_u16be(c, &len))
				nf_add_uint(pkt, NF_F(tls_record_length), len, at + 3);
			nf_layer_truncated(pkt, c);
			return;
		}
		nf_add_uint(pkt, NF_F(tls_record_length), nf_cur_len(&rec), at + 3);
		if (type == TLS_HANDSHAKE && !handshake(pkt, &rec))
			return;
	}
}
