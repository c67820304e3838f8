/* The structure-aware mutator (issue 13).  One call: record the input's
 * structure by running the target's own parser with recording on, apply one
 * operation to a field or element, repair every length and count the edit
 * broke, hand the bytes back.  A fifth of calls are plain byte mutation so
 * nothing the engine's own mutator finds is lost.  See docs/mutator.md. */
#include "mutate.h"

#include "dict.h"
#include "edit.h"
#include "text.h"

#include <string.h>

/* splitmix64: deterministic per seed, no global state. */
struct rng {
	uint64_t s;
};
static uint64_t rnd(struct rng *g)
{
	uint64_t z = (g->s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}
static size_t below(struct rng *g, size_t n) { return n ? (size_t)(rnd(g) % n) : 0; }

static struct nf_rec rec1, rec2;
static struct nf_edit ed;
static int last_broken = -1;

const struct nf_rec *nf_mut_last_record(int *broken)
{
	*broken = last_broken;
	return &rec1;
}

void nf_mut_record(const struct nf_mutator *m, struct nf_rec *r, const uint8_t *data, size_t size)
{
	nf_rec_begin(r, data, size);
	(void)m->run(data, size);
	nf_rec_end();
}

/* Engines mutate the same corpus entry many times, and cross-over picks a
 * second corpus entry each time: keep records in a direct-mapped table
 * keyed by a hash of the bytes (checked in full on a hit), so the parse
 * runs about once per distinct input, not once per mutation.  With 1024
 * slots half of rtmsg_darwin's corpus lookups missed (a 500-entry corpus
 * collides, and misses on our own outputs evicted corpus entries); 4096
 * slots hold a 5-minute corpus of the route targets' size.  A slot is
 * about 40 KB, but only the bytes and record entries in use are written,
 * so memory grows with the corpus, not with the table. */
#define CACHE_N 4096
#define CACHE_OUT 2 /* the last outputs: the next stacked mutation starts from one */
#define CACHE_MAX 4096
struct cached {
	uint64_t h;
	size_t size;
	int (*run)(const uint8_t *, size_t); /* the parser that made it */
	uint8_t bytes[CACHE_MAX];
	struct nf_rec rec;
};
/* Outputs go to their own small ring: most are never added to the corpus,
 * and putting them in the table would evict the corpus entries. */
static struct cached cache[CACHE_N], cache_out[CACHE_OUT];
static unsigned cache_out_next;
/* The hash of the last output handed back, whatever made it: a miss on it
 * (an engine stacking a mutation on our plain byte mutation) is recorded
 * into the ring, not the table. */
static uint64_t last_out_h;

/* A cache key, not a checksum (hits are compared in full): eight bytes per
 * multiply, where FNV-1a's byte loop was 2% of rtmsg_darwin's CPU (perf). */
static uint64_t hash_bytes(const uint8_t *d, size_t n)
{
	uint64_t h = 0x9e3779b97f4a7c15ULL ^ n, w;
	size_t i = 0;

	for (; i + 8 <= n; i += 8) {
		memcpy(&w, d + i, 8);
		h = (h ^ w) * 0xff51afd7ed558ccdULL;
		h ^= h >> 32;
	}
	for (; i < n; i++)
		h = (h ^ d[i]) * 0x100000001b3ULL;
	h ^= h >> 29;
	return h;
}

static void copy_rec(struct nf_rec *dst, const struct nf_rec *src)
{
	dst->base = src->base;
	dst->size = src->size;
	dst->overflow = src->overflow;
	dst->nspans = src->nspans;
	dst->nrels = src->nrels;
	dst->nfields = src->nfields;
	dst->nedges = src->nedges;
	memcpy(dst->span, src->span, src->nspans * sizeof src->span[0]);
	memcpy(dst->rel, src->rel, src->nrels * sizeof src->rel[0]);
	memcpy(dst->field, src->field, src->nfields * sizeof src->field[0]);
	memcpy(dst->edge, src->edge, src->nedges * sizeof src->edge[0]);
}

/* Store r as the record of data (hash h) in the table, or in the ring when
 * data is an output. */
static void cache_put(const struct nf_mutator *m, const struct nf_rec *r, const uint8_t *data, size_t size,
		      uint64_t h, bool output)
{
	struct cached *c;

	if (size > CACHE_MAX)
		return;
	c = output ? &cache_out[cache_out_next++ % CACHE_OUT] : &cache[h % CACHE_N];
	c->h = h;
	c->size = size;
	memcpy(c->bytes, data, size);
	copy_rec(&c->rec, r);
	c->run = m->run;
}

/* An output: remember its hash, and its record when it has one. */
static void note_output(const struct nf_mutator *m, const struct nf_rec *r, const uint8_t *data, size_t size)
{
	last_out_h = hash_bytes(data, size);
	if (r)
		cache_put(m, r, data, size, last_out_h, true);
}

static bool cache_hit(const struct cached *c, const struct nf_mutator *m, const uint8_t *data, size_t size,
		      uint64_t h)
{
	return c->h == h && c->size == size && c->run == m->run && !memcmp(c->bytes, data, size);
}

static void record_cached(const struct nf_mutator *m, struct nf_rec *r, const uint8_t *data, size_t size)
{
	const struct cached *hit = NULL;
	uint64_t h;

	if (size > CACHE_MAX) {
		nf_mut_record(m, r, data, size);
		return;
	}
	h = hash_bytes(data, size);
	/* The table first; an output found in the ring moves into the table,
	 * so the next call on the same bytes finds the same record there even
	 * after the ring has moved on (the mutator is deterministic per
	 * input and seed: mutator_selftest checks it). */
	if (cache_hit(&cache[h % CACHE_N], m, data, size, h))
		hit = &cache[h % CACHE_N];
	for (unsigned k = 0; k < CACHE_OUT && !hit; k++)
		if (cache_hit(&cache_out[k], m, data, size, h)) {
			hit = &cache_out[k];
			copy_rec(r, &hit->rec);
			r->base = data;
			cache_put(m, r, data, size, h, false);
			return;
		}
	if (hit) {
		copy_rec(r, &hit->rec);
		r->base = data;
		return;
	}
	nf_mut_record(m, r, data, size);
	cache_put(m, r, data, size, h, h == last_out_h);
}

/* Built-in byte mutation when the engine gives none (AFL++ runs its own
 * havoc beside us; tests): flip, set, insert or erase a byte. */
static size_t plain_bytes(struct rng *g, uint8_t *d, size_t size, size_t max)
{
	size_t at = below(g, size ? size : 1);

	switch (below(g, 4)) {
	case 0:
		if (size)
			d[at] ^= (uint8_t)(1u << below(g, 8));
		break;
	case 1:
		if (size)
			d[at] = (uint8_t)rnd(g);
		break;
	case 2:
		if (size < max) {
			memmove(d + at + 1, d + at, size - at);
			d[at] = (uint8_t)rnd(g);
			size++;
		}
		break;
	default:
		if (size) {
			memmove(d + at, d + at + 1, size - at - 1);
			size--;
		}
		break;
	}
	return size;
}

static size_t bytes(const struct nf_mutator *m, struct rng *g, uint8_t *d, size_t size, size_t max)
{
	if (m->bytes)
		return m->bytes(d, size, max);
	return plain_bytes(g, d, size, max);
}

/* Interesting values for a field of `bits` bits holding `cur`: the edges
 * parsers test (0, 1, max, max-1, half), bounds of 64/128/256 and one
 * either side, and neighbours of the current value. */
static uint64_t interesting(struct rng *g, unsigned bits, uint64_t cur)
{
	static const uint64_t small[] = {0, 1, 2, 3, 4, 7, 8, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 128, 129, 255, 256, 257};
	uint64_t max = bits >= 64 ? ~0ULL : (1ULL << bits) - 1;
	uint64_t v;

	switch (below(g, 6)) {
	case 0:
		v = small[below(g, sizeof small / sizeof small[0])];
		break;
	case 1:
		v = max - below(g, 2);
		break;
	case 2:
		v = (max >> 1) + below(g, 2);
		break;
	case 3:
		v = cur + 1 + below(g, 8);
		break;
	case 4:
		v = cur - 1 - below(g, 8);
		break;
	default:
		v = rnd(g);
		break;
	}
	return v & max;
}

static void put_uint(uint8_t *d, size_t off, unsigned width, bool le, uint64_t v)
{
	for (unsigned i = 0; i < width; i++)
		d[off + (le ? i : width - 1 - i)] = (uint8_t)(v >> (8 * i));
}

static int pick_span(struct rng *g, const struct nf_rec *r, bool nonempty)
{
	for (int tries = 0; tries < 16 && r->nspans; tries++) {
		uint32_t i = (uint32_t)below(g, r->nspans);

		if (!r->span[i].dead && (!nonempty || r->span[i].len))
			return (int)i;
	}
	return -1;
}

/* A span some length field describes (a TLV's value, a sockaddr, a
 * sub-element): growing one of these with its length repaired is the
 * "copies n bytes into a fixed buffer" bug in one step. */
static int pick_lengthed(struct rng *g, const struct nf_rec *r)
{
	for (int tries = 0; tries < 8 && r->nrels; tries++) {
		const struct nf_rel *l = &r->rel[below(g, r->nrels)];

		if (!l->dead && l->kind == NF_REL_LENGTH && l->span >= 0 && (uint32_t)l->span < r->nspans &&
		    !r->span[l->span].dead && r->span[l->span].len)
			return l->span;
	}
	return pick_span(g, r, true);
}

/* Prefer elements of a counted list: that is where bounds live. */
static int pick_element(struct rng *g, const struct nf_rec *r)
{
	if (below(g, 2)) {
		for (int tries = 0; tries < 16 && r->nspans; tries++) {
			uint32_t i = (uint32_t)below(g, r->nspans);

			if (!r->span[i].dead && r->span[i].len && r->span[i].list != NF_REC_NONE)
				return (int)i;
		}
	}
	return pick_span(g, r, true);
}

/* The element right after span x in the same list (or, outside lists, a
 * span that starts where x ends and has the same enclosing span). */
static int next_sibling(const struct nf_rec *r, int x)
{
	const struct nf_span *s = &r->span[x];

	for (uint32_t i = 0; i < r->nspans; i++) {
		const struct nf_span *t = &r->span[i];

		if ((int)i != x && !t->dead && t->len && t->off == s->off + s->len && t->list == s->list)
			return (int)i;
	}
	return -1;
}

static size_t repeat_count(struct rng *g)
{
	/* One step across the bounds parsers keep (NF_MAX_* are 16..256). */
	static const size_t n[] = {1, 2, 3, 7, 8, 15, 16, 31, 32, 63, 64, 65, 127, 128, 255, 256};

	return n[below(g, sizeof n / sizeof n[0])];
}

/* A dictionary value over field f: one of the field's own width when there
 * is one (a type code, a flag word), else any that fits from f on (a
 * sockaddr header, a magic).  Dictionary bytes are in wire order already. */
static bool put_dict(struct rng *g, struct nf_edit *e, const struct nf_dict *d, const struct nf_rec_int *f)
{
	size_t pick = d->n;

	for (int tries = 0; tries < 16; tries++) {
		size_t i = below(g, d->n);

		if (d->len[i] == f->width) {
			pick = i;
			break;
		}
		if (pick == d->n && d->len[i] <= e->size - f->off)
			pick = i;
	}
	if (pick == d->n)
		return false;
	memcpy(e->data + f->off, d->val[pick], d->len[pick]);
	return true;
}

static bool op_set_field(struct rng *g, struct nf_edit *e, const struct nf_dict *d)
{
	const struct nf_rec *r = e->rec;

	for (int tries = 0; tries < 8 && r->nfields; tries++) {
		const struct nf_rec_int *f = &r->field[below(g, r->nfields)];
		uint64_t cur;

		if (!f->width || f->off + f->width > e->size)
			continue;
		if (d && d->n && below(g, 4) == 0 && put_dict(g, e, d, f))
			return true;
		if (!nf_mut_get_uint(e->data, e->size, f->off, f->width, f->le, &cur))
			continue;
		put_uint(e->data, f->off, f->width, f->le, interesting(g, 8u * f->width, cur));
		return true;
	}
	return false;
}

/* A field the parser branches on, set to the value at its edge or one
 * either side (struct nf_rec_edge): the one exact value that tells two
 * paths apart, such as a Length/Type of 1500, is one pick in three here,
 * where set_field's generic values give it about one in 400,000 (random
 * 16-bit) and only for the field set_field happened to pick. */
static bool op_edge(struct rng *g, struct nf_edit *e)
{
	const struct nf_rec *r = e->rec;

	for (int tries = 0; tries < 8 && r->nedges; tries++) {
		const struct nf_rec_edge *x = &r->edge[below(g, r->nedges)];
		uint64_t max;

		if (!x->width || x->off + x->width > e->size)
			continue;
		max = x->width >= 4 ? 0xffffffffULL : (1ULL << (8 * x->width)) - 1;
		put_uint(e->data, x->off, x->width, x->le, ((uint64_t)x->v + below(g, 3) - 1) & max);
		return true;
	}
	return false;
}

static int op_break(struct rng *g, struct nf_edit *e)
{
	const struct nf_rec *r = e->rec;

	for (int tries = 0; tries < 8 && r->nrels; tries++) {
		int i = (int)below(g, r->nrels);
		const struct nf_rel *l = &r->rel[i];
		uint64_t want, v;

		if (!nf_mut_rel_want(r, l, e->data, e->size, &want))
			continue;
		/* "length says 40, 8 bytes follow": off by a little, or an edge. */
		v = below(g, 2) ? want + 1 + below(g, 32) : interesting(g, l->bits, want);
		if (below(g, 4) == 0 && want)
			v = want - 1;
		if (nf_mut_rel_set(l, e->data, e->size, v & (l->bits >= 64 ? ~0ULL : (1ULL << l->bits) - 1)))
			return i;
	}
	return -1;
}

static bool op_dup(struct rng *g, struct nf_edit *e, size_t times)
{
	int x = pick_element(g, e->rec);
	struct nf_span s;

	if (x < 0)
		return false;
	s = e->rec->span[x];
	if (times > 1 && s.len && (e->max - e->size) / s.len < times)
		times = (e->max - e->size) / s.len;
	if (!times)
		return false;
	for (size_t k = 0; k < times; k++) {
		if (!nf_edit_splice(e, s.off + s.len, s.off + s.len, e->data + s.off, s.len, x))
			return k > 0;
		/* A copy counts in its list: record it as an element. */
		if (s.list != NF_REC_NONE && e->rec->nspans < NF_REC_MAX_SPANS)
			e->rec->span[e->rec->nspans++] =
				(struct nf_span){.off = (uint32_t)(s.off + s.len), .len = s.len, .list = s.list};
	}
	return true;
}

static bool op_delete(struct rng *g, struct nf_edit *e)
{
	int x = pick_element(g, e->rec);
	struct nf_span s;

	if (x < 0)
		return false;
	s = e->rec->span[x];
	if (!nf_edit_splice(e, s.off, s.off + s.len, NULL, 0, -1))
		return false;
	e->rec->span[x].dead = true;
	return true;
}

static bool op_swap(struct rng *g, struct nf_edit *e)
{
	int x = pick_element(g, e->rec), y;
	struct nf_span a, b;

	if (x < 0 || (y = next_sibling(e->rec, x)) < 0)
		return false;
	a = e->rec->span[x];
	b = e->rec->span[y];
	/* [a][b] -> [b][a]: copy a after b, then cut the original a. */
	if (!nf_edit_splice(e, b.off + b.len, b.off + b.len, e->data + a.off, a.len, y))
		return false;
	if (!nf_edit_splice(e, a.off, a.off + a.len, NULL, 0, -1))
		return false;
	/* Lists keep their count; the record of the two moved spans is
	 * stale inside, so mark both dead but keep the list membership right. */
	e->rec->span[x].dead = true;
	if (e->rec->nspans < NF_REC_MAX_SPANS && a.list != NF_REC_NONE)
		e->rec->span[e->rec->nspans++] = (struct nf_span){.off = a.off + b.len, .len = a.len, .list = a.list};
	return true;
}

static bool op_insert(struct rng *g, struct nf_edit *e)
{
	int x = pick_element(g, e->rec), y = pick_span(g, e->rec, true);
	struct nf_span at, from;

	if (x < 0 || y < 0)
		return false;
	at = e->rec->span[x];
	from = e->rec->span[y];
	if (!nf_edit_splice(e, at.off, at.off, e->data + from.off, from.len, x))
		return false;
	if (at.list != NF_REC_NONE && e->rec->nspans < NF_REC_MAX_SPANS)
		e->rec->span[e->rec->nspans++] = (struct nf_span){.off = at.off, .len = from.len, .list = at.list};
	return true;
}

static bool op_span_bytes(const struct nf_mutator *m, struct rng *g, struct nf_edit *e)
{
	static uint8_t buf[NF_EDIT_TMP];
	int x = pick_span(g, e->rec, false);
	struct nf_span s;
	size_t room, n;

	if (x < 0)
		return false;
	s = e->rec->span[x];
	room = e->max - e->size;
	if (s.len > sizeof buf)
		return false;
	if (room > sizeof buf - s.len)
		room = sizeof buf - s.len;
	if (room > 64)
		room = 64;
	memcpy(buf, e->data + s.off, s.len);
	n = bytes(m, g, buf, s.len, s.len + room);
	if (n > s.len + room)
		return false;
	return nf_edit_splice(e, s.off, s.off + s.len, buf, n, -1);
}

/* Insert 1..64 bytes (zeros, copies of the span's own bytes, or random)
 * somewhere inside a span: the span and everything holding it grow, so a
 * sockaddr or a TLV can outgrow a fixed buffer with every length right. */
static bool op_grow(struct rng *g, struct nf_edit *e)
{
	static const size_t sizes[] = {1, 2, 4, 8, 16, 17, 24, 32, 33, 48, 64};
	uint8_t add[65];
	int x = below(g, 2) ? pick_lengthed(g, e->rec) : pick_span(g, e->rec, true);
	struct nf_span s;
	size_t k = sizes[below(g, sizeof sizes / sizeof sizes[0])], at;
	unsigned how = (unsigned)below(g, 3);

	if (x < 0)
		return false;
	s = e->rec->span[x];
	at = s.off + 1 + below(g, s.len); /* after the span's first byte */
	/* replace the byte before `at` by itself plus k new bytes: every span
	 * holding that byte grows */
	add[0] = e->data[at - 1];
	for (size_t i = 0; i < k; i++)
		add[1 + i] = how == 0 ? 0 : how == 1 ? e->data[s.off + below(g, s.len)] : (uint8_t)rnd(g);
	return nf_edit_splice(e, at - 1, at, add, k + 1, -1);
}

/* The operations as table rows: fn applies the row's operation to e and
 * returns false when the record offers nothing it applies to; *broken is
 * the relation it broke on purpose (break only).  */
typedef bool (*op_fn)(const struct nf_mutator *m, struct rng *g, struct nf_edit *e, int *broken);

static bool do_set_field(const struct nf_mutator *m, struct rng *g, struct nf_edit *e, int *broken)
{
	return op_set_field(g, e, m->dict);
}
static bool do_edge(const struct nf_mutator *m, struct rng *g, struct nf_edit *e, int *broken)
{
	return op_edge(g, e);
}
static bool do_break(const struct nf_mutator *m, struct rng *g, struct nf_edit *e, int *broken)
{
	return (*broken = op_break(g, e)) >= 0;
}
static bool do_dup(const struct nf_mutator *m, struct rng *g, struct nf_edit *e, int *broken)
{
	return op_dup(g, e, 1);
}
static bool do_repeat(const struct nf_mutator *m, struct rng *g, struct nf_edit *e, int *broken)
{
	return op_dup(g, e, repeat_count(g));
}
static bool do_delete(const struct nf_mutator *m, struct rng *g, struct nf_edit *e, int *broken)
{
	return op_delete(g, e);
}
static bool do_swap(const struct nf_mutator *m, struct rng *g, struct nf_edit *e, int *broken)
{
	return op_swap(g, e);
}
static bool do_insert(const struct nf_mutator *m, struct rng *g, struct nf_edit *e, int *broken)
{
	return op_insert(g, e);
}
static bool do_span_bytes(const struct nf_mutator *m, struct rng *g, struct nf_edit *e, int *broken)
{
	return op_span_bytes(m, g, e);
}
static bool do_grow(const struct nf_mutator *m, struct rng *g, struct nf_edit *e, int *broken)
{
	return op_grow(g, e);
}
static bool do_text(const struct nf_mutator *m, struct rng *g, struct nf_edit *e, int *broken)
{
	return nf_mut_text(e, m->dict, rnd(g)); /* text.c: its own random stream from this seed */
}

/* Every operation, its name (stats, tests) and how often nf_mutate picks
 * it among the structural ones: weight out of the column's sum.  bytes
 * (the fallback) and cross (nf_mutate_cross) are named here but never
 * picked (weight 0, no fn).  A new operation is one row. */
static const struct mut_op {
	enum nf_mut_op id;
	const char *name;
	op_fn fn;
	unsigned weight;
} ops[] = {
	{NF_MUT_BYTES, "bytes", NULL, 0},
	{NF_MUT_SET_FIELD, "set_field", do_set_field, 1},
	{NF_MUT_BREAK, "break", do_break, 1},
	{NF_MUT_DUP, "dup", do_dup, 1},
	{NF_MUT_REPEAT, "repeat", do_repeat, 1},
	{NF_MUT_DELETE, "delete", do_delete, 1},
	{NF_MUT_SWAP, "swap", do_swap, 1},
	{NF_MUT_INSERT, "insert", do_insert, 1},
	{NF_MUT_SPAN_BYTES, "span_bytes", do_span_bytes, 1},
	{NF_MUT_GROW, "grow", do_grow, 1},
	{NF_MUT_TEXT, "text", do_text, 1},
	{NF_MUT_EDGE, "edge", do_edge, 1},
	{NF_MUT_CROSS, "cross", NULL, 0},
};
#define NOPS_ROWS (sizeof ops / sizeof ops[0])

const char *nf_mut_op_name(enum nf_mut_op op)
{
	for (size_t i = 0; i < NOPS_ROWS; i++)
		if (ops[i].id == op)
			return ops[i].name;
	return "?";
}

static const struct mut_op *op_row(enum nf_mut_op op)
{
	for (size_t i = 0; i < NOPS_ROWS; i++)
		if (ops[i].id == op)
			return &ops[i];
	return NULL;
}

/* A row by weight. */
static const struct mut_op *pick_op(struct rng *g)
{
	static unsigned total;
	size_t r;

	if (!total)
		for (size_t i = 0; i < NOPS_ROWS; i++)
			total += ops[i].weight;
	r = below(g, total);
	for (size_t i = 0; i < NOPS_ROWS; i++) {
		if (r < ops[i].weight)
			return &ops[i];
		r -= ops[i].weight;
	}
	return NULL; /* not reached: r < total */
}

size_t nf_mutate(const struct nf_mutator *m, uint8_t *data, size_t size, size_t max, unsigned seed,
		 enum nf_mut_op *op)
{
	struct rng g = {.s = seed};
	enum nf_mut_op what = NF_MUT_BYTES;
	int broken = -1;
	bool done = false;

	if (size > max)
		size = max;
	last_broken = -1;
	if (below(&g, 5) != 0 && size) {
		record_cached(m, &rec1, data, size);
		ed.data = data;
		ed.size = size;
		/* Growth per call is bounded (libFuzzer turns -len_control off
		 * for custom mutators): inputs that balloon to MaxSize slow every
		 * execution.  A repeat of 65 small elements still fits. */
		ed.max = size + (size / 2 > 512 ? size / 2 : 512);
		if (ed.max > max)
			ed.max = max;
		ed.rec = &rec1;
		for (int tries = 0; tries < 4 && !done; tries++) {
			const struct mut_op *o = pick_op(&g);

			/* past half of MaxSize, shrink more often than grow */
			if (size > max / 2 && below(&g, 3) == 0)
				o = op_row(NF_MUT_DELETE);
			what = o->id;
			done = o->fn(m, &g, &ed, &broken);
		}
		if (done) {
			last_broken = broken;
			nf_mut_repair(&rec1, ed.data, ed.size, broken);
			size = ed.size;
		}
	}
	if (!done) {
		what = NF_MUT_BYTES;
		size = bytes(m, &g, data, size, max);
		if (size > max)
			size = max;
	}
	/* After an edit the edited record describes the output (what the edit
	 * cut through is marked dead): engines stack mutations, so the next
	 * call on these bytes needs no parse. */
	note_output(m, done ? &rec1 : NULL, data, size);
	if (op)
		*op = what;
	return size;
}

size_t nf_mutate_cross(const struct nf_mutator *m, const uint8_t *in1, size_t s1, const uint8_t *in2, size_t s2,
		       uint8_t *out, size_t max, unsigned seed)
{
	struct rng g = {.s = seed};
	size_t n1 = s1 < max ? s1 : max;
	int x, y;

	memcpy(out, in1, n1);
	/* libFuzzer asks for a cross-over as often as for a mutation, and
	 * each can cost two parses: three in four stay a plain byte mutation
	 * (with one in two, rtmsg_darwin spent 12% of its time here). */
	if (below(&g, 4)) {
		size_t n = bytes(m, &g, out, n1, max);

		n = n < max ? n : max;
		note_output(m, NULL, out, n);
		return n;
	}
	record_cached(m, &rec1, out, n1);
	record_cached(m, &rec2, in2, s2);
	ed.data = out;
	ed.size = n1;
	ed.max = max;
	ed.rec = &rec1;
	x = pick_element(&g, &rec1);
	y = pick_element(&g, &rec2);
	if (x >= 0 && y >= 0 &&
	    nf_edit_splice(&ed, rec1.span[x].off, rec1.span[x].off + rec1.span[x].len, in2 + rec2.span[y].off,
			   rec2.span[y].len, -1)) {
		nf_mut_repair(&rec1, ed.data, ed.size, -1);
		note_output(m, &rec1, ed.data, ed.size);
		return ed.size;
	}
	/* No structure on one side: a head of in1 and a tail of in2. */
	{
		size_t a = below(&g, n1 + 1), b = below(&g, s2 + 1), tail = s2 - b;

		if (tail > max - a)
			tail = max - a;
		memcpy(out + a, in2 + b, tail);
		note_output(m, NULL, out, a + tail);
		return a + tail;
	}
}
