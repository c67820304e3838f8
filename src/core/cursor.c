/* Bounded cursor implementation (see include/netfuzz/cursor.h).  This file
 * is the only place in netfuzz that does pointer arithmetic on input. */
#include "netfuzz/cursor.h"
#include "netfuzz/structure.h"

#include <string.h>

void nf_cur_init(struct nf_cur *c, const uint8_t *data, size_t len)
{
	c->data = len ? data : NULL;
	c->len = data ? len : 0;
	c->off = 0;
}

static void advance(struct nf_cur *c, size_t n)
{
	if (n == 0) /* an empty cursor has data NULL: NULL + 0 is UB in C */
		return;
	c->data += n;
	c->len -= n;
	c->off += n;
}

/* Read an n-byte unsigned integer without consuming. */
static bool peek_uint(const struct nf_cur *c, size_t n, bool le, uint64_t *out)
{
	uint64_t v = 0;

	if (c->len < n)
		return false;
	for (size_t i = 0; i < n; i++) {
		size_t k = le ? n - 1 - i : i;
		v = (v << 8) | c->data[k];
	}
	*out = v;
	return true;
}

/* Structure recording (include/netfuzz/structure.h): true when c reads the
 * recorded buffer at its own offset, so c->off is a position in it. */
static bool rec_here(const struct nf_cur *c)
{
	const struct nf_rec *r = nf_rec_active;
	size_t at = (size_t)r->shift + c->off; /* shift: see nf_rec_shift() */

	return c->data && at < r->size && c->data == r->base + at;
}

static bool get_uint(struct nf_cur *c, size_t n, bool le, uint64_t *out)
{
	if (!peek_uint(c, n, le, out))
		return false;
	if (NF_REC_ON() && rec_here(c))
		nf_rec_field_(c->off, (unsigned)n, le);
	advance(c, n);
	return true;
}

#define GETTER(name, type, n, le)                                  \
	bool nf_cur_get_##name(struct nf_cur *c, type *out)        \
	{                                                          \
		uint64_t v;                                        \
		if (!get_uint(c, n, le, &v))                       \
			return false;                              \
		*out = (type)v;                                    \
		return true;                                       \
	}
#define PEEKER(name, type, n, le)                                      \
	bool nf_cur_peek_##name(const struct nf_cur *c, type *out)     \
	{                                                              \
		uint64_t v;                                            \
		if (!peek_uint(c, n, le, &v))                          \
			return false;                                  \
		*out = (type)v;                                        \
		return true;                                           \
	}

GETTER(u8, uint8_t, 1, false)
GETTER(u16be, uint16_t, 2, false)
GETTER(u16le, uint16_t, 2, true)
GETTER(u24be, uint32_t, 3, false)
GETTER(u32be, uint32_t, 4, false)
GETTER(u32le, uint32_t, 4, true)
GETTER(u64be, uint64_t, 8, false)
GETTER(u64le, uint64_t, 8, true)
PEEKER(u8, uint8_t, 1, false)
PEEKER(u16be, uint16_t, 2, false)
PEEKER(u16le, uint16_t, 2, true)
PEEKER(u32be, uint32_t, 4, false)
PEEKER(u32le, uint32_t, 4, true)

bool nf_cur_skip(struct nf_cur *c, size_t n)
{
	if (c->len < n)
		return false;
	advance(c, n);
	return true;
}

bool nf_cur_copy(struct nf_cur *c, void *dst, size_t n)
{
	if (c->len < n)
		return false;
	if (n)
		memcpy(dst, c->data, n);
	advance(c, n);
	return true;
}

bool nf_cur_get_bytes(struct nf_cur *c, struct nf_cur *out, size_t n)
{
	if (c->len < n)
		return false;
	out->data = n ? c->data : NULL;
	out->len = n;
	out->off = c->off;
	advance(c, n);
	return true;
}

void nf_cur_get_rest(struct nf_cur *c, struct nf_cur *out)
{
	(void)nf_cur_get_bytes(c, out, c->len);
}

static bool get_prefixed(struct nf_cur *c, struct nf_cur *out, size_t n, bool le)
{
	struct nf_cur tmp = *c;
	uint64_t len;

	if (!get_uint(&tmp, n, le, &len) || len > tmp.len)
		return false;
	if (!nf_cur_get_bytes(&tmp, out, (size_t)len))
		return false;
	/* Every length-prefixed read is an element (prefix + body) whose
	 * prefix is the length of its body: parsers get this for free. */
	if (NF_REC_ON() && rec_here(c)) {
		int body = nf_rec_span_(out->off, (size_t)len, NF_REC_NONE);

		(void)nf_rec_span_(c->off, n + (size_t)len, NF_REC_NONE);
		nf_rec_rel_(NF_REL_LENGTH, c->off, (unsigned)n, le, 0, 8 * (unsigned)n, 1, 0, body);
	}
	*c = tmp;
	return true;
}

bool nf_cur_get_u8_prefixed(struct nf_cur *c, struct nf_cur *out) { return get_prefixed(c, out, 1, false); }
bool nf_cur_get_u16be_prefixed(struct nf_cur *c, struct nf_cur *out) { return get_prefixed(c, out, 2, false); }
bool nf_cur_get_u16le_prefixed(struct nf_cur *c, struct nf_cur *out) { return get_prefixed(c, out, 2, true); }
bool nf_cur_get_u24be_prefixed(struct nf_cur *c, struct nf_cur *out) { return get_prefixed(c, out, 3, false); }

bool nf_cur_view(const struct nf_cur *c, size_t at, size_t n, struct nf_cur *out)
{
	if (at > c->len || n > c->len - at)
		return false;
	out->data = n ? c->data + at : NULL;
	out->len = n;
	out->off = c->off + at;
	return true;
}

bool nf_cur_truncate(struct nf_cur *c, size_t n)
{
	if (n > c->len)
		return false;
	c->len = n;
	if (n == 0)
		c->data = NULL;
	return true;
}

bool nf_cur_align(struct nf_cur *c, size_t base, size_t align)
{
	size_t rel, pad;

	if (align == 0 || (align & (align - 1)) != 0 || c->off < base)
		return false;
	rel = c->off - base;
	pad = (align - (rel & (align - 1))) & (align - 1);
	return nf_cur_skip(c, pad);
}

bool nf_cur_get_quic_varint(struct nf_cur *c, uint64_t *out)
{
	uint8_t first;
	uint64_t v;
	size_t n;

	if (!nf_cur_peek_u8(c, &first))
		return false;
	n = (size_t)1 << (first >> 6); /* RFC 9000 16: 2-bit length prefix */
	if (!peek_uint(c, n, false, &v))
		return false;
	v &= (n == 8) ? 0x3fffffffffffffffULL : ((1ULL << (8 * n - 2)) - 1);
	advance(c, n);
	*out = v;
	return true;
}

bool nf_cur_mem_equal(const struct nf_cur *c, const void *p, size_t n)
{
	/* plain memcmp: netfuzz compares public protocol bytes, not secrets,
	 * so CBS_mem_equal's constant-time compare is not needed */
	return c->len == n && (n == 0 || memcmp(c->data, p, n) == 0);
}

bool nf_cur_find(const struct nf_cur *c, const void *needle, size_t n, size_t *at)
{
	const uint8_t *hit;

	if (n == 0 || c->len < n)
		return false;
	hit = memmem(c->data, c->len, needle, n);
	if (!hit)
		return false;
	*at = (size_t)(hit - c->data);
	return true;
}
