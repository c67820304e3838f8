/* Test-only fuzz target with three planted bugs (tests/, not shipped, not
 * in `netfuzz list`), for the triage figures: a cut-down copy of
 * src/frame/radiotap.c's presence-word and field walk with bounds removed.
 * Radiotap: https://www.radiotap.org/ (it_version, it_pad, it_len little-
 * endian, then it_present words; bit 31 chains another word).
 *
 *   bug 1, rt_presence: no bound on the presence-word count (the real parser
 *          stops at NF_MAX_RADIOTAP_PRESENT_WORDS) -> 17 words overflow w[16]:
 *          Stack-buffer-overflow WRITE 4.  Smallest reproducer by hand:
 *          1 path byte + 4-byte header + 17 words = 73 bytes.
 *   bug 2, rt_presence (same function, another bug): peeks at the byte after
 *          the last presence word without asking the cursor whether there is
 *          one -> Heap-buffer-overflow READ 1 when the input ends there.
 *   bug 3, rt_fields: the alignment table is indexed by any present bit up
 *          to 28, but only bits 0..18 are defined -> Global-buffer-overflow
 *          READ 1.
 * Byte 0 picks the caller (even: dissect_capture, odd: dissect_tunnel,
 * which skips a 4-byte tunnel header), so each bug has two call paths and
 * so two crash states; grouping must put both in one group.
 *
 * -DPLANTED_ONLY=N (1, 2 or 3) compiles only bug N in, the other two fixed,
 * so a campaign yields crashes of that bug alone: bench/triage/
 * gen-planted-crashes.sh uses it to collect >= 20 files per bug.
 *
 * It records structure as src/frame/radiotap.c does (it_len is the length
 * of the header span; the presence words are a list), so triage's element
 * removal (src/mutate/drop.c) can cut whole words with it_len repaired. */
#include "netfuzz/cursor.h"
#include "netfuzz/structure.h"
#include "netfuzz/target.h"

#define RT_WORDS 16 /* NF_MAX_RADIOTAP_PRESENT_WORDS */
#define RT_EXT 31
#ifndef PLANTED_ONLY
#define PLANTED_ONLY 0 /* 0: all three bugs */
#endif
#define PLANTED(n) (PLANTED_ONLY == 0 || PLANTED_ONLY == (n))

static volatile unsigned planted_sink;

/* alignment of fields 0..18 (TSFT .. MCS), radiotap.org defined fields */
static const uint8_t rt_align[19] = {8, 1, 1, 2, 2, 1, 1, 2, 2, 2, 1, 1, 1, 1, 2, 2, 1, 1, 1};

static __attribute__((noinline)) void rt_fields(const uint32_t *w, unsigned nw)
{
	unsigned sum = 0;

	/* BUG 3: rt_align has 19 entries */
	for (unsigned bit = 0; bit < (PLANTED(3) ? 29u : 19u); bit++)
		if (w[0] & (1u << bit))
			sum += rt_align[bit];
	planted_sink = sum + nw;
}

static __attribute__((noinline)) unsigned rt_presence(struct nf_cur *hdr, uint32_t *w, int rwords)
{
	unsigned nw = 0;
	uint32_t word;

	do {
		size_t off = nf_cur_offset(hdr);

		if (!nf_cur_get_u32le(hdr, &word))
			return 0;
		(void)nf_rec_span(off, 4, rwords);
		if (!PLANTED(1) && nw == RT_WORDS)
			return 0;
		w[nw++] = word; /* BUG 1: no nw == RT_WORDS bound */
	} while (word & (1u << RT_EXT));
	if ((word & 1u) && (PLANTED(2) || nf_cur_len(hdr) > 0))
		planted_sink = nf_cur_data(hdr)[0]; /* BUG 2: may be past the end */
	return nw;
}

static __attribute__((noinline)) void dissect_radiotap(struct nf_cur *c)
{
	uint8_t version, pad;
	uint16_t len;
	uint32_t w[RT_WORDS];
	unsigned nw;
	struct nf_cur hdr;
	size_t base = nf_cur_offset(c);
	int rwords;

	if (!nf_cur_get_u8(c, &version) || !nf_cur_get_u8(c, &pad) || !nf_cur_get_u16le(c, &len) ||
	    version != 0 || len < 8 || !nf_cur_get_bytes(c, &hdr, (size_t)len - 4))
		return;
	nf_rec_len(base + 2, 2, true, 0, nf_rec_span(base, len, NF_REC_NONE));
	rwords = nf_rec_span(base + 4, 0, NF_REC_NONE);
	nw = rt_presence(&hdr, w, rwords);
	if (nw)
		rt_fields(w, nw);
}

static __attribute__((noinline)) void dissect_capture(struct nf_cur *c) { dissect_radiotap(c); }

static __attribute__((noinline)) void dissect_tunnel(struct nf_cur *c)
{
	if (nf_cur_skip(c, 4))
		dissect_radiotap(c);
}

NF_META(planted_radiotap, links, "none") /* only libnetfuzz-core.a: see include/netfuzz/target.h */
NF_TARGET(planted_radiotap, "test", "planted radiotap bugs")
{
	struct nf_cur c;
	uint8_t path;

	nf_cur_init(&c, data, size);
	if (!nf_cur_get_u8(&c, &path))
		return 0;
	if (path & 1)
		dissect_tunnel(&c);
	else
		dissect_capture(&c);
	return 0;
}
