/* Embedded SCT list, our own parser (RFC 6962 3.2, 3.3), cross-checked
 * against OpenSSL's o2i_SCT_LIST by the sct_list target.
 *
 *   extnValue  = OCTET STRING { SignedCertificateTimestampList }   (3.3)
 *   SignedCertificateTimestampList: SerializedSCT sct_list<1..2^16-1>;
 *   SerializedSCT: opaque<1..2^16-1>
 *   SignedCertificateTimestamp (3.2):
 *     Version sct_version (v1 = 0); LogID id (32 bytes); uint64 timestamp;
 *     CtExtensions extensions<0..2^16-1>;
 *     digitally-signed struct { hash u8, sig u8, opaque signature<0..2^16-1> }
 *       (RFC 5246 4.7, 7.4.1.4.1)
 * A v1 SCT must end exactly at its signature.  SCTs of other versions are
 * counted but kept opaque (RFC 6962 says clients ignore unknown versions). */
#include "netfuzz/cert.h"
#include "netfuzz/structure.h"

#include <string.h>

const char *nf_sct_strerror(enum nf_sct_err e)
{
	switch (e) {
	case NF_SCT_OK: return "ok";
	case NF_SCT_BAD_OCTET_STRING: return "extension value is not one DER OCTET STRING";
	case NF_SCT_TRUNCATED: return "a length field runs past the end";
	case NF_SCT_LIST_LENGTH: return "SCT list length does not match the extension";
	case NF_SCT_EMPTY_SCT: return "zero-length SerializedSCT";
	case NF_SCT_SHORT_V1: return "v1 SCT shorter than its fixed fields";
	case NF_SCT_TRAILING: return "bytes after the end of a v1 SCT";
	case NF_SCT_TOO_MANY: return "more SCTs than netfuzz keeps (NF_MAX_SCTS)";
	}
	return "unknown error";
}

static enum nf_sct_err parse_one(struct nf_cur *s, struct nf_sct *out)
{
	struct nf_cur ext, sig;

	memset(out, 0, sizeof *out);
	out->len = (uint16_t)nf_cur_len(s);
	if (!nf_cur_get_u8(s, &out->version))
		return NF_SCT_EMPTY_SCT;
	if (out->version != 0) {
		nf_cur_skip(s, nf_cur_len(s));
		return NF_SCT_OK;
	}
	if (!nf_cur_copy(s, out->log_id, sizeof out->log_id) || !nf_cur_get_u64be(s, &out->timestamp))
		return NF_SCT_SHORT_V1;
	if (!nf_cur_get_u16be_prefixed(s, &ext))
		return NF_SCT_TRUNCATED;
	out->ext_len = (uint16_t)nf_cur_len(&ext);
	if (!nf_cur_get_u8(s, &out->hash_alg) || !nf_cur_get_u8(s, &out->sig_alg) ||
	    !nf_cur_get_u16be_prefixed(s, &sig))
		return NF_SCT_TRUNCATED;
	out->sig_len = (uint16_t)nf_cur_len(&sig);
	if (!nf_cur_empty(s))
		return NF_SCT_TRAILING;
	return NF_SCT_OK;
}

enum nf_sct_err nf_sct_list_parse(struct nf_cur *c, struct nf_sct_list *out, size_t *err_off)
{
	struct nf_cur list;
	int rl;

	out->n = 0;
	*err_off = nf_cur_offset(c);
	if (!nf_cur_get_u16be_prefixed(c, &list))
		return NF_SCT_TRUNCATED;
	rl = nf_rec_span(nf_cur_offset(&list), nf_cur_len(&list), NF_REC_NONE); /* the list, for the mutator */
	if (!nf_cur_empty(c) || nf_cur_empty(&list)) { /* <1..2^16-1>, fills the value */
		*err_off = nf_cur_offset(c);
		return NF_SCT_LIST_LENGTH;
	}
	while (!nf_cur_empty(&list)) {
		struct nf_cur one;
		enum nf_sct_err e;

		*err_off = nf_cur_offset(&list);
		if (out->n == NF_MAX_SCTS)
			return NF_SCT_TOO_MANY;
		if (!nf_cur_get_u16be_prefixed(&list, &one))
			return NF_SCT_TRUNCATED;
		(void)nf_rec_span(nf_cur_offset(&one) - 2, nf_cur_len(&one) + 2, rl); /* SerializedSCT: an element */
		if (nf_cur_empty(&one))
			return NF_SCT_EMPTY_SCT;
		e = parse_one(&one, &out->sct[out->n]);
		if (e != NF_SCT_OK) {
			*err_off = nf_cur_offset(&one);
			return e;
		}
		out->n++;
	}
	return NF_SCT_OK;
}

/* DER OCTET STRING header: tag 0x04, then a definite length in the
 * shortest form (X.690 8.1.3, 10.1); the contents must fill the value. */
enum nf_sct_err nf_sct_ext_parse(struct nf_cur *c, struct nf_sct_list *out, size_t *err_off)
{
	struct nf_cur in = *c, body;
	uint8_t tag, l0;
	size_t len = 0;

	out->n = 0;
	*err_off = nf_cur_offset(c);
	if (!nf_cur_get_u8(&in, &tag) || tag != 0x04 || !nf_cur_get_u8(&in, &l0))
		return NF_SCT_BAD_OCTET_STRING;
	if (l0 < 0x80) {
		len = l0;
	} else {
		uint8_t nb = l0 & 0x7f, b;

		if (nb == 0 || nb > 2) /* indefinite, or more than the 2^16 list allows */
			return NF_SCT_BAD_OCTET_STRING;
		for (uint8_t i = 0; i < nb; i++) {
			if (!nf_cur_get_u8(&in, &b) || (i == 0 && b == 0))
				return NF_SCT_BAD_OCTET_STRING;
			len = len << 8 | b;
		}
		if (len < 0x80)
			return NF_SCT_BAD_OCTET_STRING; /* not the shortest form */
	}
	if (!nf_cur_get_bytes(&in, &body, len) || !nf_cur_empty(&in))
		return NF_SCT_BAD_OCTET_STRING;
	*c = in;
	return nf_sct_list_parse(&body, out, err_off);
}

size_t nf_sct_distinct_logs(const struct nf_sct_list *l)
{
	size_t n = 0;

	for (size_t i = 0; i < l->n; i++) {
		bool seen = false;

		if (l->sct[i].version != 0)
			continue;
		for (size_t j = 0; j < i && !seen; j++)
			seen = l->sct[j].version == 0 &&
			       !memcmp(l->sct[i].log_id, l->sct[j].log_id, sizeof l->sct[i].log_id);
		n += !seen;
	}
	return n;
}
