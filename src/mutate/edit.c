/* Splicing an input while keeping its structure record true: every span and
 * relation field after the edit moves, every span that holds the edit grows
 * or shrinks, and whatever the edit cut through is marked dead. */
#include "edit.h"

#include <string.h>

/* Does span s hold the edit?  For a pure insertion (a == b) the anchor
 * says where the new bytes belong: inside every span that holds the anchor
 * element, but not inside the anchor itself. */
static bool holds(const struct nf_rec *r, uint32_t i, size_t a, size_t b, int anchor)
{
	const struct nf_span *s = &r->span[i];

	if (anchor >= 0) {
		const struct nf_span *x = &r->span[anchor];

		return (int)i != anchor && s->off <= x->off && x->off + x->len <= s->off + s->len &&
		       s->off <= a && a <= s->off + s->len;
	}
	return s->off <= a && b <= s->off + s->len;
}

bool nf_edit_splice(struct nf_edit *e, size_t a, size_t b, const uint8_t *src, size_t n, int anchor)
{
	struct nf_rec *r = e->rec;
	size_t cut = b - a, newsize;

	if (a > b || b > e->size || n > e->max || e->size - cut > e->max - n)
		return false;
	newsize = e->size - cut + n;
	/* src may point into data itself (duplicating an element): copy it first. */
	if (n > sizeof e->tmp)
		return false;
	if (n)
		memcpy(e->tmp, src, n);
	memmove(e->data + a + n, e->data + b, e->size - b);
	if (n)
		memcpy(e->data + a, e->tmp, n);
	e->size = newsize;

	for (uint32_t i = 0; i < r->nspans; i++) {
		struct nf_span *s = &r->span[i];
		size_t end = (size_t)s->off + s->len;

		if (s->dead)
			continue;
		if (holds(r, i, a, b, anchor))
			s->len = (uint32_t)(s->len - cut + n);
		else if (s->off >= b)
			s->off = (uint32_t)(s->off - cut + n);
		else if (end <= a)
			;
		else
			s->dead = true;
	}
	for (uint32_t i = 0; i < r->nrels; i++) {
		struct nf_rel *l = &r->rel[i];

		if (l->dead)
			continue;
		if (l->off >= b)
			l->off = (uint32_t)(l->off - cut + n);
		else if (l->off + l->width <= a)
			;
		else
			l->dead = true;
		/* a checksum's pseudo-header addresses move the same way */
		if (!l->addr_len || l->dead)
			continue;
		if (l->addr_off >= b)
			l->addr_off = (uint32_t)(l->addr_off - cut + n);
		else if (l->addr_off + 2u * l->addr_len > a)
			l->dead = true;
	}
	for (uint32_t i = 0; i < r->nfields; i++) {
		struct nf_rec_int *f = &r->field[i];

		if (f->off >= b)
			f->off = (uint32_t)(f->off - cut + n);
		else if (f->off + f->width > a && a < b)
			f->width = 0; /* edited away */
	}
	for (uint32_t i = 0; i < r->nedges; i++) {
		struct nf_rec_edge *x = &r->edge[i];

		if (x->off >= b)
			x->off = (uint32_t)(x->off - cut + n);
		else if (x->off + x->width > a && a < b)
			x->width = 0;
	}
	return true;
}
