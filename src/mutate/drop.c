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

int nf_mut_drop_element(int (*run)(const uint8_t *, size_t), const uint8_t *data, size_t size, unsigned k,
			uint8_t *out, size_t *out_size)
{
	static struct nf_rec rec;
	static struct nf_edit ed;
	static uint32_t order[NF_REC_MAX_SPANS];
	uint32_t n = 0, seen = 0;

	if (!record_in_child(run, &rec, data, size))
		return -1;
	for (uint32_t i = 0; i < rec.nspans; i++) {
		const struct nf_span *s = &rec.span[i];

		if (!s->dead && s->len && s->len < size && (size_t)s->off + s->len <= size)
			order[n++] = i;
	}
	qsort_r(order, n, sizeof order[0], cmp_span, rec.span);
	for (uint32_t j = 0; j < n; j++) {
		const struct nf_span *s = &rec.span[order[j]], *p = j ? &rec.span[order[j - 1]] : NULL;

		if (p && p->off == s->off && p->len == s->len)
			continue;
		if (seen++ != k)
			continue;
		memcpy(out, data, size);
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
