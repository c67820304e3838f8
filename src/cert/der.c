/* DER TLV walker (include/netfuzz/der.h).  X.690:
 *  - 8.1.2: identifier octets; tag number 31 in the low 5 bits means the
 *    number follows in base-128 octets, bit 8 set on all but the last;
 *    bit 6 (0x20) marks a constructed encoding;
 *  - 8.1.3: length octets: short form (one octet, bit 8 zero, 0..127) or
 *    long form (0x81..0xfe: that many octets follow, big-endian); 0x80 is
 *    the indefinite form, which DER forbids (10.1).
 * The walker records, for the mutator, a length relation per TLV over its
 * content.  Field widths are kept as found: a short-form length can hold
 * 0..127 and a long form of n octets up to 2^(8n)-1; a repair that needs
 * more is not made (the relation stays as the edit left it), because
 * resizing the length octets would move every later offset in the record
 * while it is being repaired. */
#include "netfuzz/der.h"

#include "netfuzz/structure.h"

#include <stdbool.h>

static enum nf_der_err walk(struct nf_cur *c, int depth, int list, bool trial, size_t *err_off);

/* Does this primitive content hold DER itself?  Tried on a copy of the
 * cursor with recording off, so a failed try records nothing.  A try does
 * not try the strings inside it, so nested strings cost a walk per level,
 * not 2^depth. */
static bool holds_der(const struct nf_cur *v, int depth)
{
	struct nf_rec *saved = nf_rec_active;
	struct nf_cur t = *v;
	size_t off;
	enum nf_der_err e;

	if (nf_cur_len(v) < 2)
		return false;
	nf_rec_active = NULL;
	e = walk(&t, depth, NF_REC_NONE, true, &off);
	nf_rec_active = saved;
	return e == NF_DER_OK;
}

static enum nf_der_err get_tag(struct nf_cur *c, uint8_t *id)
{
	uint8_t b;

	if (!nf_cur_get_u8(c, id))
		return NF_DER_TRUNCATED;
	if ((*id & 0x1f) != 0x1f)
		return NF_DER_OK;
	for (int i = 0; i < 4; i++) { /* X.690 8.1.2.4 */
		if (!nf_cur_get_u8(c, &b))
			return NF_DER_TRUNCATED;
		if (!(b & 0x80))
			return NF_DER_OK;
	}
	return NF_DER_LONG_TAG;
}

/* Length octets (X.690 8.1.3); *width is how many follow the first octet
 * (0 for the short form). */
static enum nf_der_err get_len(struct nf_cur *c, size_t *len, unsigned *width)
{
	uint8_t b;

	if (!nf_cur_get_u8(c, &b))
		return NF_DER_TRUNCATED;
	*width = 0;
	if (b < 0x80) {
		*len = b;
		return NF_DER_OK;
	}
	if (b == 0x80)
		return NF_DER_INDEFINITE;
	*width = b & 0x7f;
	if (*width > NF_DER_MAX_LEN_OCTETS)
		return NF_DER_LONG_LEN;
	*len = 0;
	for (unsigned i = 0; i < *width; i++) {
		if (!nf_cur_get_u8(c, &b))
			return NF_DER_TRUNCATED;
		*len = *len << 8 | b;
	}
	return NF_DER_OK;
}

static enum nf_der_err walk(struct nf_cur *c, int depth, int list, bool trial, size_t *err_off)
{
	if (depth > NF_DER_MAX_DEPTH) {
		*err_off = nf_cur_offset(c);
		return NF_DER_DEEP;
	}
	while (!nf_cur_empty(c)) {
		size_t off = nf_cur_offset(c), loff, len;
		unsigned width;
		uint8_t id;
		struct nf_cur v;
		enum nf_der_err e;
		int content;

		if ((e = get_tag(c, &id)) != NF_DER_OK) {
			*err_off = off;
			return e;
		}
		loff = nf_cur_offset(c);
		if ((e = get_len(c, &len, &width)) != NF_DER_OK) {
			*err_off = loff;
			return e;
		}
		if (!nf_cur_get_bytes(c, &v, len)) {
			*err_off = loff;
			return NF_DER_TRUNCATED;
		}
		/* the TLV is an element of its parent; its content the span the
		 * length octets describe (short form: 7 bits; long: width octets) */
		(void)nf_rec_span(off, nf_cur_offset(c) - off, list);
		content = nf_rec_span(nf_cur_offset(&v), len, NF_REC_NONE);
		if (width == 0)
			nf_rec_len_bits(loff, 1, false, 0, 7, 1, content);
		else
			nf_rec_len(loff + 1, width, false, 0, content);
		if (id & 0x20) {
			if ((e = walk(&v, depth + 1, content, trial, err_off)) != NF_DER_OK)
				return e;
		} else if (trial) {
			continue;
		} else if (id == 0x04 && holds_der(&v, depth + 1)) {
			/* OCTET STRING wrapping DER: extnValue (RFC 5280 4.1), PKCS#12
			 * AuthenticatedSafe and bags (RFC 7292 4.1) */
			(void)walk(&v, depth + 1, content, false, err_off);
		} else if (id == 0x03 && nf_cur_len(&v) > 1) {
			/* BIT STRING: an unused-bits octet, then maybe DER (a public
			 * key such as RSAPublicKey, RFC 3279 2.3.1) */
			struct nf_cur bits = v;
			uint8_t unused;

			if (nf_cur_get_u8(&bits, &unused) && unused == 0 && holds_der(&bits, depth + 1))
				(void)walk(&bits, depth + 1, content, false, err_off);
		}
	}
	return NF_DER_OK;
}

enum nf_der_err nf_der_walk(struct nf_cur *c, size_t *err_off)
{
	*err_off = 0;
	return walk(c, 0, NF_REC_NONE, false, err_off);
}
