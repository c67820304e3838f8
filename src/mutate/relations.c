/* Reading, checking and repairing recorded relations (lengths, counts).
 * Repair works inside out by construction: every relation's field has a
 * fixed width, so rewriting one never moves another; a span's length is
 * already its final length when repair runs. */
#include "mutate.h"

#include <stdint.h>
#include <string.h>

/* An unsigned integer of width 1..8 bytes at off, read through the cursor
 * (never past size).  The one integer reader of the mutator: relations,
 * set_field and the selftest use it. */
bool nf_mut_get_uint(const uint8_t *data, size_t size, size_t off, unsigned width, bool le, uint64_t *v)
{
	struct nf_cur c, f;
	uint8_t b[8];

	nf_cur_init(&c, data, size);
	if (width == 0 || width > 8 || !nf_cur_view(&c, off, width, &f) || !nf_cur_copy(&f, b, width))
		return false;
	*v = 0;
	for (unsigned i = 0; i < width; i++)
		*v = (*v << 8) | b[le ? width - 1 - i : i];
	return true;
}

static bool read_field(const uint8_t *data, size_t size, const struct nf_rel *l, uint64_t *v)
{
	return nf_mut_get_uint(data, size, l->off, l->width, l->le, v);
}

static uint64_t bits_mask(const struct nf_rel *l)
{
	return (l->bits >= 64 ? ~0ULL : ((1ULL << l->bits) - 1)) << l->shift;
}

bool nf_mut_rel_get(const struct nf_rel *l, const uint8_t *data, size_t size, uint64_t *v)
{
	uint64_t raw;

	if (!read_field(data, size, l, &raw))
		return false;
	*v = (raw & bits_mask(l)) >> l->shift;
	return true;
}

/* Write v into the relation's bits; false when it does not fit. */
bool nf_mut_rel_set(const struct nf_rel *l, uint8_t *data, size_t size, uint64_t v)
{
	uint64_t raw;

	if (!read_field(data, size, l, &raw) || (l->bits < 64 && v >> l->bits))
		return false;
	raw = (raw & ~bits_mask(l)) | (v << l->shift);
	for (unsigned i = 0; i < l->width; i++)
		data[l->off + (l->le ? i : l->width - 1 - i)] = (uint8_t)(raw >> (8 * i));
	return true;
}

size_t nf_mut_count(const struct nf_rec *r, int list)
{
	size_t n = 0;

	for (uint32_t i = 0; i < r->nspans; i++)
		if (r->span[i].list == list && !r->span[i].dead)
			n++;
	return n;
}

/* RFC 1071 one's-complement sum of the 16-bit big-endian words of
 * data[off, off+len) (an odd last byte is padded with zero), added to sum;
 * the bytes at skip (a checksum field, 2 bytes) count as zero.  Read
 * through the cursor; false if the range is not inside data. */
static bool ones_sum(const uint8_t *data, size_t size, size_t off, size_t len, size_t skip, uint64_t *sum)
{
	struct nf_cur c, v;
	uint8_t b[2];

	nf_cur_init(&c, data, size);
	if (!nf_cur_view(&c, off, len, &v))
		return false;
	for (size_t at = off; nf_cur_len(&v) > 0; at += 2) {
		size_t n = nf_cur_len(&v) < 2 ? 1 : 2;

		b[1] = 0;
		if (!nf_cur_copy(&v, b, n))
			return false;
		if (at != skip)
			*sum += (uint64_t)b[0] << 8 | b[1];
	}
	return true;
}

/* The checksum relation l wants over the current bytes. */
static bool csum_want(const struct nf_rel *l, const struct nf_span *s, const uint8_t *data, size_t size, uint64_t *v)
{
	uint64_t sum = 0;

	if (l->addr_len) {
		/* Pseudo-header (RFC 768; RFC 9293 3.1; RFC 8200 8.1): source and
		 * destination address, protocol, upper-layer length.  The IPv4
		 * and IPv6 layouts sum to the same words. */
		if (!ones_sum(data, size, l->addr_off, 2u * l->addr_len, SIZE_MAX, &sum))
			return false;
		sum += l->proto + (uint64_t)(s->len & 0xffff) + (uint64_t)(s->len >> 16);
	}
	if (l->off < s->off || (l->off - s->off) % 2 || !ones_sum(data, size, s->off, s->len, l->off, &sum))
		return false;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	*v = ~sum & 0xffff;
	if (l->udp && *v == 0)
		*v = 0xffff; /* RFC 768: an all-zero result is sent as all ones */
	return true;
}

/* The value relation l should hold; false when it cannot be expressed.
 * data is only read for checksums. */
bool nf_mut_rel_want(const struct nf_rec *r, const struct nf_rel *l, const uint8_t *data, size_t size,
		     uint64_t *v)
{
	const struct nf_span *s;
	int64_t n;

	if (l->dead || l->span < 0 || (uint32_t)l->span >= r->nspans)
		return false;
	s = &r->span[l->span];
	if (s->dead)
		return false;
	if (l->kind == NF_REL_CSUM)
		return csum_want(l, s, data, size, v);
	if (l->kind == NF_REL_COUNT) {
		*v = nf_mut_count(r, l->span);
	} else {
		n = (int64_t)s->len + l->bias;
		if (n < 0 || n % l->unit)
			return false;
		*v = (uint64_t)(n / l->unit);
	}
	/* A value the field cannot hold (257 elements, u8 count) cannot be
	 * repaired: the relation is left as the edit made it. */
	return l->bits >= 64 || *v >> l->bits == 0;
}

static uint32_t rel_span_len(const struct nf_rec *r, uint32_t i)
{
	int32_t x = r->rel[i].span;

	return x >= 0 && (uint32_t)x < r->nspans ? r->span[x].len : 0;
}

static bool repair_one(const struct nf_rec *r, uint32_t i, uint8_t *data, size_t size)
{
	uint64_t want, have;

	if (!nf_mut_rel_want(r, &r->rel[i], data, size, &want) || !nf_mut_rel_get(&r->rel[i], data, size, &have) ||
	    have == want)
		return false;
	return nf_mut_rel_set(&r->rel[i], data, size, want);
}

/* Lengths and counts first (fixed widths: rewriting one moves nothing),
 * then checksums, because they cover those fields; inner checksums (the
 * shorter span) before the outer ones that cover them. */
size_t nf_mut_repair(const struct nf_rec *r, uint8_t *data, size_t size, int skip)
{
	static uint32_t sums[NF_REC_MAX_RELS];
	size_t changed = 0, nsums = 0;

	for (uint32_t i = 0; i < r->nrels; i++) {
		if ((int)i == skip)
			continue;
		if (r->rel[i].kind == NF_REL_CSUM) {
			size_t k = nsums++;
			uint32_t len = rel_span_len(r, i);

			/* insertion sort by span length */
			for (; k > 0 && rel_span_len(r, sums[k - 1]) > len; k--)
				sums[k] = sums[k - 1];
			sums[k] = i;
			continue;
		}
		changed += repair_one(r, i, data, size);
	}
	for (size_t k = 0; k < nsums; k++)
		changed += repair_one(r, sums[k], data, size);
	return changed;
}

int nf_mut_check(const struct nf_rec *r, const uint8_t *data, size_t size)
{
	for (uint32_t i = 0; i < r->nrels; i++) {
		uint64_t want, have;

		if (!nf_mut_rel_want(r, &r->rel[i], data, size, &want))
			continue;
		if (!nf_mut_rel_get(&r->rel[i], data, size, &have) || have != want)
			return (int)i;
	}
	return -1;
}
