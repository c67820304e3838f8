/* Element removal for crash minimization (issue 16): the k-th candidate of
 * an input is the input with one recorded span cut out and every length,
 * count and checksum that described it repaired, so the parser still gets
 * past its consistency checks (a byte-level minimizer that cuts an element
 * leaves its list length wrong, and the shorter input is rejected early).
 *
 * The input is a crash reproducer: parsing it kills the process.  So the
 * parse that records the structure runs in a forked child whose record
 * lives in a shared mapping; what the parser recorded before the crash is
 * there when the child dies.  netfuzz triage asks the standalone driver
 * for candidate 0, 1, ... (targets/driver/standalone.c) and keeps one only
 * if it reproduces the same bug (src/triage/minimize.c). */
#include "edit.h"
#include "mutate.h"

#include <fcntl.h>
#include <stdint.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define DROP_RECORD_SECONDS 10 /* a parse that hangs is not waited for longer */

static bool record_in_child(int (*run)(const uint8_t *, size_t), struct nf_rec *out, const uint8_t *data,
			    size_t size)
{
	struct nf_rec *sh = mmap(NULL, sizeof *sh, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	pid_t pid;
	int st;

	if (sh == MAP_FAILED)
		return false;
	pid = fork();
	if (pid == 0) {
		int fd = open("/dev/null", O_WRONLY);

		if (fd >= 0) { /* the crash report is the parent's business, not ours */
			dup2(fd, 1);
			dup2(fd, 2);
		}
		alarm(DROP_RECORD_SECONDS);
		nf_rec_begin(sh, data, size);
		(void)run(data, size);
		nf_rec_end();
		_exit(0);
	}
	if (pid < 0 || waitpid(pid, &st, 0) != pid) {
		munmap(sh, sizeof *sh);
		return false;
	}
	memcpy(out, sh, sizeof *out);
	munmap(sh, sizeof *sh);
	out->base = data;
	/* A child killed in the middle of a record call may have counted one
	 * entry it had not written: keep the counts within the arrays. */
	if (out->nspans > NF_REC_MAX_SPANS)
		out->nspans = NF_REC_MAX_SPANS;
	if (out->nrels > NF_REC_MAX_RELS)
		out->nrels = NF_REC_MAX_RELS;
	if (out->nfields > NF_REC_MAX_FIELDS)
		out->nfields = NF_REC_MAX_FIELDS;
	return true;
}

/* Candidate order: larger spans first (one cut removes most), then by
 * offset; the whole input and empty spans are no candidates, and a span
 * recorded twice (same bytes) counts once. */
static int cmp_span(const void *a, const void *b, void *arg)
{
	const struct nf_span *s = arg;
	const struct nf_span *x = &s[*(const uint32_t *)a], *y = &s[*(const uint32_t *)b];

	if (x->len != y->len)
		return x->len > y->len ? -1 : 1;
	return x->off < y->off ? -1 : x->off > y->off;
}

/* A leaf body: a live span of 2 bytes or more that a live length
 * relation describes (so the format lets it be shorter: a length-prefixed
 * string, certificate, RDATA, attribute value) and that holds no other
 * recorded span (cutting into one would cut through structure). */
static bool leaf_body(const struct nf_rec *r, uint32_t i)
{
	const struct nf_span *s = &r->span[i];
	bool described = false;

	if (s->dead || s->len < 2)
		return false;
	for (uint32_t j = 0; j < r->nrels && !described; j++)
		described = !r->rel[j].dead && r->rel[j].kind == NF_REL_LENGTH && r->rel[j].span == (int32_t)i;
	if (!described)
		return false;
	for (uint32_t j = 0; j < r->nspans; j++) {
		const struct nf_span *t = &r->span[j];

		if (j == i || t->dead || (t->off == s->off && t->len == s->len))
			continue;
		if (t->off >= s->off && (size_t)t->off + t->len <= (size_t)s->off + s->len)
			return false;
	}
	return true;
}

/* The leaf recorded last is left whole: the parse was inside it when it
 * crashed (an SCT whose parse overflowed the table), and cut to one byte
 * it would be a malformed element, harmless until it is the one the crash
 * needs, so every later cut of the elements before it would fail. */
static uint32_t last_leaf(const struct nf_rec *r)
{
	for (uint32_t i = r->nspans; i-- > 0;)
		if (leaf_body(r, i))
			return i;
	return UINT32_MAX;
}

static int trimmable(const struct nf_rec *r)
{
	int n = 0;
	uint32_t last = last_leaf(r);

	for (uint32_t i = 0; i < r->nspans; i++)
		n += i != last && leaf_body(r, i);
	return n;
}

/* Cut every leaf body to its first byte (or its first half), from the last one back so the
 * offsets of those still to cut do not move, then repair every length
 * that held them.  One candidate for what would be one run per body: a
 * crash that needs N elements (the 33rd certificate) seldom needs their
 * contents.  Needs the record (static in the caller) to be writable. */
static int trim_leaves(struct nf_rec *rec, const uint8_t *data, size_t size, uint8_t *out, size_t *out_size,
		       bool half)
{
	static struct nf_edit ed;
	static uint32_t leaf[NF_REC_MAX_SPANS];
	uint32_t n = 0, last = last_leaf(rec);

	for (uint32_t i = 0; i < rec->nspans; i++)
		if (i != last && leaf_body(rec, i)) {
			uint32_t j = n++;
			/* insertion sort by offset, descending (duplicates: once) */
			while (j && rec->span[leaf[j - 1]].off < rec->span[i].off) {
				leaf[j] = leaf[j - 1];
				j--;
			}
			leaf[j] = i;
		}
	memcpy(out, data, size);
	ed.data = out;
	ed.size = size;
	ed.max = size;
	ed.rec = rec;
	for (uint32_t j = 0; j < n; j++) {
		const struct nf_span *s = &rec->span[leaf[j]];

		if (j && rec->span[leaf[j - 1]].off == s->off)
			continue;
		size_t keep = half ? s->len / 2 : 1;

		if (s->dead || s->len < 2 ||
		    !nf_edit_splice(&ed, (size_t)s->off + keep, (size_t)s->off + s->len, NULL, 0, -1))
			return -1;
	}
	nf_mut_repair(rec, ed.data, ed.size, -1);
	*out_size = ed.size;
	return 1;
}

int nf_mut_drop_element(int (*run)(const uint8_t *, size_t), const uint8_t *data, size_t size, unsigned k,
			uint8_t *out, size_t *out_size)
{
	return nf_mut_drop_element_below(run, data, size, k, SIZE_MAX, out, out_size);
}

int nf_mut_drop_element_below(int (*run)(const uint8_t *, size_t), const uint8_t *data, size_t size, unsigned k,
			      size_t below, uint8_t *out, size_t *out_size)
{
	static struct nf_rec rec;
	static struct nf_edit ed;
	static uint32_t order[NF_REC_MAX_SPANS];
	uint32_t n = 0, seen = 0;
	size_t reached = 0; /* the end of the last byte any recorded span covers */

	if (!record_in_child(run, &rec, data, size))
		return -1;
	for (uint32_t i = 0; i < rec.nspans; i++) {
		const struct nf_span *s = &rec.span[i];

		if (!s->dead && s->len && (size_t)s->off + s->len <= size && (size_t)s->off + s->len > reached)
			reached = (size_t)s->off + s->len;
		if (!s->dead && s->len && s->len < size && s->len < below && (size_t)s->off + s->len <= size)
			order[n++] = i;
	}
	/* Candidate 0: the bytes after everything the parser recorded before
	 * it crashed (a long trailing payload the crash never reached).  They
	 * lie in no span, so no relation describes them and nothing needs
	 * repair; if the parser did read them, the cut does not reproduce and
	 * costs one run. */
	if (reached && reached < size && below == SIZE_MAX) {
		if (k == 0) {
			memcpy(out, data, reached);
			*out_size = reached;
			return 1;
		}
		k--;
	}
	/* Next: every variable-length body cut to its first byte at once, then
	 * to its first half (a body that must be long, an AAAA's RDATA past
	 * 16 bytes, halves again in each pass of the caller). */
	if (below == SIZE_MAX && trimmable(&rec) > 0) {
		if (k <= 1)
			return trim_leaves(&rec, data, size, out, out_size, k == 1);
		k -= 2;
	}
	qsort_r(order, n, sizeof order[0], cmp_span, rec.span);
	for (uint32_t j = 0; j < n; j++) {
		const struct nf_span *s = &rec.span[order[j]], *p = j ? &rec.span[order[j - 1]] : NULL;

		if (p && p->off == s->off && p->len == s->len)
			continue;
		if (seen++ != k)
			continue;
		memcpy(out, data, size);
		/* A count goes down by one rather than being recounted: the
		 * parse died before it recorded the rest of the list (the
		 * answer with the long name and the ones after it), so the
		 * recorded elements are fewer than the real ones. */
		for (uint32_t i = 0; i < rec.nrels; i++) {
			struct nf_rel *l = &rec.rel[i];
			uint64_t v;

			if (l->dead || l->kind != NF_REL_COUNT || s->list == NF_REC_NONE || l->span != s->list)
				continue;
			if (nf_mut_rel_get(l, out, size, &v) && v > 0)
				(void)nf_mut_rel_set(l, out, size, v - 1);
			l->dead = true; /* the repair below leaves it as set here */
		}
		ed.data = out;
		ed.size = size;
		ed.max = size;
		ed.rec = &rec;
		if (!nf_edit_splice(&ed, s->off, (size_t)s->off + s->len, NULL, 0, -1))
			return -1;
		rec.span[order[j]].dead = true;
		nf_mut_repair(&rec, ed.data, ed.size, -1);
		*out_size = ed.size;
		return 1;
	}
	return 0;
}
