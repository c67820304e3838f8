/* Structure records: where a parser found its elements and lists, and which
 * field is the length or count of which span (docs/mutator.md, "What it
 * does").
 *
 * Recording is off unless a caller sets nf_rec_active to a record (the
 * structure-aware mutator in src/mutate/ does, around one parse).  Every
 * recording call starts with one predictable branch on that pointer, so
 * dissect and the normal targets pay nothing measurable.
 *
 * Offsets are absolute offsets in the buffer the record was started on:
 * the cursor's nf_cur_offset(), which for every target is the offset in the
 * fuzz input.  A record that would fall outside the buffer is dropped, so a
 * parser that runs a cursor over some other buffer records nothing wrong. */
#ifndef NETFUZZ_STRUCTURE_H
#define NETFUZZ_STRUCTURE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "netfuzz/cursor.h"

/* Fixed capacities: recording never allocates.  Past them, calls are no-ops
 * and nf_rec.overflow is set. */
#define NF_REC_MAX_SPANS 512
#define NF_REC_MAX_RELS 512
#define NF_REC_MAX_FIELDS 1024
#define NF_REC_MAX_EDGES 64 /* past it edges are dropped without overflow: they are hints */

#define NF_REC_NONE (-1)

enum nf_rel_kind {
	NF_REL_LENGTH, /* field = (span.len + bias) / unit */
	NF_REL_COUNT,  /* field = number of live elements of list `span` */
	NF_REL_CSUM,   /* field = Internet checksum (RFC 1071) of span, with the
			* field itself taken as 0, plus a pseudo-header when
			* addr_len is 4 or 16 (RFC 768, RFC 9293 3.1, RFC 8200 8.1) */
};

struct nf_span {
	uint32_t off, len;
	int32_t list; /* span index of the list this element belongs to, NF_REC_NONE, or a tag < -1 */
	bool dead;    /* edited away: no longer describes the bytes */
};

/* An integer the parser read: a candidate for "set to interesting value". */
struct nf_rec_int {
	uint32_t off;
	uint8_t width; /* bytes: 1..8 */
	bool le;
};

/* A value at which the parser changes path for a field it read: it takes
 * one path up to v and another past it (an IEEE 802.3 Length/Type of 1500
 * is a length, 1501 is not; an IPv6 fragment offset field of 7 is a first
 * fragment, 8 a later one; a route metric of 0 is "none").  The mutator's
 * `edge` op sets the field to v - 1, v or v + 1. */
struct nf_rec_edge {
	uint32_t off;
	uint32_t v;
	uint8_t width; /* bytes: 1..4; 0: edited away */
	bool le;
};

struct nf_rel {
	enum nf_rel_kind kind;
	uint32_t off;  /* the field */
	uint8_t width; /* bytes, 1..4 */
	bool le;
	uint8_t shift, bits; /* value lives in bits [shift, shift+bits) of the field */
	uint8_t unit;        /* length counted in units of this many bytes (IPv4 IHL: 4) */
	int32_t bias;        /* added to the span length before dividing */
	int32_t span;
	bool dead;
	/* NF_REL_CSUM: source then destination address (addr_len bytes each)
	 * at addr_off, the pseudo-header's protocol; udp: a sum of 0 is sent
	 * as 0xffff (RFC 768). */
	uint32_t addr_off;
	uint8_t addr_len, proto;
	bool udp;
};

struct nf_rec {
	const uint8_t *base; /* the buffer recorded on (the cursor checks it reads from it) */
	size_t size;         /* its length */
	uint32_t nspans, nrels, nfields, nedges;
	bool overflow;
	/* While recording: the addresses the next transport checksum's
	 * pseudo-header uses (set by IPv4/IPv6), and how deep inside an ICMP
	 * quoted datagram the parser is (relations there are not recorded: a
	 * quote is cut short by design, RFC 792 / RFC 4443 2.4(c)). */
	uint32_t pseudo_off;
	uint8_t pseudo_len;
	uint8_t quoted;
	/* Added to every offset recorded: a packet inside a capture file is
	 * dissected with offsets from its own start (nf_rec_shift()). */
	uint32_t shift;
	struct nf_span span[NF_REC_MAX_SPANS];
	struct nf_rel rel[NF_REC_MAX_RELS];
	struct nf_rec_int field[NF_REC_MAX_FIELDS];
	struct nf_rec_edge edge[NF_REC_MAX_EDGES];
};

/* The record being written, or NULL (the normal case). */
extern __thread struct nf_rec *nf_rec_active;

/* -DNF_NO_STRUCTURE compiles every hook out: only to measure what the
 * hooks cost when recording is off (docs/mutator.md, "Cost"). */
#ifdef NF_NO_STRUCTURE
#define NF_REC_ON() 0
#else
#define NF_REC_ON() __builtin_expect(nf_rec_active != NULL, 0)
#endif

void nf_rec_begin(struct nf_rec *r, const uint8_t *base, size_t size);
void nf_rec_end(void);

/* Out-of-line bodies; call the inline wrappers below. */
int nf_rec_span_(size_t off, size_t len, int list);
void nf_rec_rel_(enum nf_rel_kind kind, size_t field_off, unsigned width, bool le, unsigned shift,
		 unsigned bits, unsigned unit, int bias, int span);
void nf_rec_field_(size_t off, unsigned width, bool le);
void nf_rec_edge_(size_t off, unsigned width, bool le, uint32_t v);

/* A span (element, list, layer) of len bytes at off; list is the span index
 * of the list it is an element of (or NF_REC_NONE).  Returns its index, or
 * NF_REC_NONE when not recording. */
static inline int nf_rec_span(size_t off, size_t len, int list)
{
	return NF_REC_ON() ? nf_rec_span_(off, len, list) : NF_REC_NONE;
}

/* "The width-byte field at field_off holds the length of span" (plus bias:
 * a field that also counts a 4-byte header not in the span has bias 4). */
static inline void nf_rec_len(size_t field_off, unsigned width, bool le, int bias, int span)
{
	if (NF_REC_ON())
		nf_rec_rel_(NF_REL_LENGTH, field_off, width, le, 0, 8 * width, 1, bias, span);
}

/* The same with the value in a bit field and counted in units of `unit`
 * bytes (IPv4 IHL: low 4 bits of one byte, in 32-bit words). */
static inline void nf_rec_len_bits(size_t field_off, unsigned width, bool le, unsigned shift, unsigned bits,
				   unsigned unit, int span)
{
	if (NF_REC_ON())
		nf_rec_rel_(NF_REL_LENGTH, field_off, width, le, shift, bits, unit, 0, span);
}

/* "The field at field_off counts the elements of list" (a span index). */
static inline void nf_rec_count(size_t field_off, unsigned width, bool le, int list)
{
	if (NF_REC_ON())
		nf_rec_rel_(NF_REL_COUNT, field_off, width, le, 0, 8 * width, 1, 0, list);
}

void nf_rec_csum_(size_t field_off, int span, unsigned proto, bool udp, unsigned cur);

/* "The 16-bit big-endian field at field_off is the Internet checksum of
 * span" (IPv4 header, ICMP: proto 0, no pseudo-header).  With proto != 0
 * the pseudo-header of the last nf_rec_pseudo() is included.  udp: the
 * field (now cur) is UDP's, where 0 over IPv4 means "no checksum" (RFC
 * 768) and is left alone. */
static inline void nf_rec_csum(size_t field_off, int span, unsigned proto, bool udp, unsigned cur)
{
	if (NF_REC_ON())
		nf_rec_csum_(field_off, span, proto, udp, cur);
}

/* An IPv4 (len 4) or IPv6 (len 16) header's source address at off, the
 * destination right after it: the next pseudo-header's addresses. */
static inline void nf_rec_pseudo(size_t off, unsigned len)
{
	if (NF_REC_ON() && !nf_rec_active->quoted && off <= UINT32_MAX - nf_rec_active->shift) {
		nf_rec_active->pseudo_off = (uint32_t)off + nf_rec_active->shift;
		nf_rec_active->pseudo_len = (uint8_t)len;
	}
}

/* Around the dissection of an ICMP/ICMPv6 quoted datagram. */
static inline void nf_rec_quote(bool enter)
{
	if (NF_REC_ON())
		nf_rec_active->quoted = (uint8_t)(enter ? nf_rec_active->quoted + 1 :
						  nf_rec_active->quoted ? nf_rec_active->quoted - 1 : 0);
}

/* Cursor-relative helpers: a span from the position of `start` to the
 * current position of `end` (same buffer). */
static inline int nf_rec_span_between(const struct nf_cur *start, const struct nf_cur *end, int list)
{
	if (!NF_REC_ON() || nf_cur_offset(end) < nf_cur_offset(start))
		return NF_REC_NONE;
	return nf_rec_span_(nf_cur_offset(start), nf_cur_offset(end) - nf_cur_offset(start), list);
}

/* "The parser takes one path when the width-byte field at off is at most
 * v, another when it is past v" (struct nf_rec_edge): one line beside the
 * comparison, so the mutator can reach the value on either side, which
 * set_field's generic values rarely hit (1500 in a 16-bit field). */
static inline void nf_rec_edge(size_t off, unsigned width, bool le, uint32_t v)
{
	if (NF_REC_ON())
		nf_rec_edge_(off, width, le, v);
}

/* Called by the cursor's getters (src/core/cursor.c). */
static inline void nf_rec_field(size_t off, unsigned width, bool le)
{
	if (NF_REC_ON())
		nf_rec_field_(off, width, le);
}

#endif
