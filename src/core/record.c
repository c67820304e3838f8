/* Structure recording (include/netfuzz/structure.h).  Fixed arrays, no
 * allocation: parsers call this on the hot path when a mutator asks. */
#include "netfuzz/structure.h"

__thread struct nf_rec *nf_rec_active;

void nf_rec_begin(struct nf_rec *r, const uint8_t *base, size_t size)
{
	r->base = base;
	r->size = size;
	r->nspans = r->nrels = r->nfields = r->nedges = 0;
	r->overflow = false;
	r->pseudo_off = 0;
	r->pseudo_len = 0;
	r->quoted = 0;
	r->shift = 0;
	nf_rec_active = r;
}

void nf_rec_end(void)
{
	nf_rec_active = NULL;
}

static bool inside(const struct nf_rec *r, size_t off, size_t len)
{
	return off <= r->size && len <= r->size - off && off <= UINT32_MAX;
}

int nf_rec_span_(size_t off, size_t len, int list)
{
	struct nf_rec *r = nf_rec_active;
	struct nf_span *s;

	off += r->shift;
	if (!inside(r, off, len))
		return NF_REC_NONE;
	/* list < -1 is a tag that keeps two otherwise equal list spans apart
	 * (DNS names its four sections by empty spans at one offset). */
	if (list >= 0 && (uint32_t)list >= r->nspans)
		list = NF_REC_NONE;
	/* The same span seen twice (a parser run for unicast DNS and mDNS) is one span. */
	for (uint32_t i = r->nspans; i-- > 0 && i + 8 >= r->nspans;)
		if (r->span[i].off == off && r->span[i].len == len && r->span[i].list == list)
			return (int)i;
	if (r->nspans == NF_REC_MAX_SPANS) {
		r->overflow = true;
		return NF_REC_NONE;
	}
	s = &r->span[r->nspans];
	s->off = (uint32_t)off;
	s->len = (uint32_t)len;
	s->list = list;
	s->dead = false;
	return (int)r->nspans++;
}

void nf_rec_rel_(enum nf_rel_kind kind, size_t field_off, unsigned width, bool le, unsigned shift,
		 unsigned bits, unsigned unit, int bias, int span)
{
	struct nf_rec *r = nf_rec_active;
	struct nf_rel *l;

	field_off += r->shift;
	if (span < 0 || (uint32_t)span >= r->nspans || width == 0 || width > 4 || !inside(r, field_off, width) ||
	    bits == 0 || shift + bits > 8 * width || unit == 0 || r->quoted)
		return;
	for (uint32_t i = 0; i < r->nrels; i++)
		if (r->rel[i].off == field_off && r->rel[i].span == span && r->rel[i].kind == kind)
			return;
	if (r->nrels == NF_REC_MAX_RELS) {
		r->overflow = true;
		return;
	}
	l = &r->rel[r->nrels++];
	*l = (struct nf_rel){.kind = kind, .off = (uint32_t)field_off, .width = (uint8_t)width, .le = le,
			     .shift = (uint8_t)shift, .bits = (uint8_t)bits, .unit = (uint8_t)unit, .bias = bias,
			     .span = span};
}

void nf_rec_field_(size_t off, unsigned width, bool le)
{
	struct nf_rec *r = nf_rec_active;

	off += r->shift;
	if (!inside(r, off, width))
		return;
	/* Fields are read again and again (peek then get): keep one. */
	for (uint32_t i = r->nfields; i-- > 0 && i + 4 >= r->nfields;)
		if (r->field[i].off == off && r->field[i].width == width)
			return;
	if (r->nfields == NF_REC_MAX_FIELDS) {
		r->overflow = true;
		return;
	}
	r->field[r->nfields++] = (struct nf_rec_int){.off = (uint32_t)off, .width = (uint8_t)width, .le = le};
}

void nf_rec_edge_(size_t off, unsigned width, bool le, uint32_t v)
{
	struct nf_rec *r = nf_rec_active;

	off += r->shift;
	if (width == 0 || width > 4 || !inside(r, off, width))
		return;
	for (uint32_t i = 0; i < r->nedges; i++)
		if (r->edge[i].off == off && r->edge[i].v == v)
			return; /* a parser run twice over the same bytes */
	if (r->nedges == NF_REC_MAX_EDGES)
		return; /* a hint: past the table the edit ops still work (not overflow) */
	r->edge[r->nedges++] = (struct nf_rec_edge){.off = (uint32_t)off, .v = v, .width = (uint8_t)width, .le = le};
}

void nf_rec_csum_(size_t field_off, int span, unsigned proto, bool udp, unsigned cur)
{
	struct nf_rec *r = nf_rec_active;
	uint32_t before = r->nrels;

	if (udp && cur == 0 && r->pseudo_len == 4)
		return;

	nf_rec_rel_(NF_REL_CSUM, field_off, 2, false, 0, 16, 1, 0, span);
	if (r->nrels == before || !proto)
		return;
	if (!r->pseudo_len || !inside(r, r->pseudo_off, 2u * r->pseudo_len)) {
		r->nrels--; /* no addresses to build the pseudo-header from */
		return;
	}
	r->rel[before].addr_off = r->pseudo_off;
	r->rel[before].addr_len = r->pseudo_len;
	r->rel[before].proto = (uint8_t)proto;
	r->rel[before].udp = udp;
}
