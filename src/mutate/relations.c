/* Reading, checking and repairing recorded relations (lengths, counts).
 * Repair works inside out by construction: every relation's field has a
 * fixed width, so rewriting one never moves another; a span's length is
 * already its final length when repair runs. */
#include "mutate.h"

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

/* The value relation l should hold; false when it cannot be expressed. */
bool nf_mut_rel_want(const struct nf_rec *r, const struct nf_rel *l, uint64_t *v)
{
	const struct nf_span *s;
	int64_t n;

	if (l->dead || l->span < 0 || (uint32_t)l->span >= r->nspans)
		return false;
	s = &r->span[l->span];
	if (s->dead)
		return false;
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

size_t nf_mut_repair(const struct nf_rec *r, uint8_t *data, size_t size, int skip)
{
	size_t changed = 0;

	for (uint32_t i = 0; i < r->nrels; i++) {
		uint64_t want, have;

		if ((int)i == skip || !nf_mut_rel_want(r, &r->rel[i], &want) ||
		    !nf_mut_rel_get(&r->rel[i], data, size, &have) || have == want)
			continue;
		if (nf_mut_rel_set(&r->rel[i], data, size, want))
			changed++;
	}
	return changed;
}

int nf_mut_check(const struct nf_rec *r, const uint8_t *data, size_t size)
{
	for (uint32_t i = 0; i < r->nrels; i++) {
		uint64_t want, have;

		if (!nf_mut_rel_want(r, &r->rel[i], &want))
			continue;
		if (!nf_mut_rel_get(&r->rel[i], data, size, &have) || have != want)
			return (int)i;
	}
	return -1;
}
