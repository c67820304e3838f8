/* Crash files -> buckets (one per signature and target) -> minimized,
 * filed cases.  The caller says how to run a target (struct nf_triage_job's
 * runner callback: it knows the build tree); this file decides what runs.
 *
 * Speed (issue 16: 100 files under 30 s): a symbolized sanitizer run costs
 * ~0.4 s of wall time here (llvm-symbolizer starts in every process), an
 * unsymbolized one ~0.03 s.  So every reproduction runs unsymbolized, and
 * inputs whose crash has the same type and the same raw stack (the
 * module+offset of every frame) share one symbolized re-run: the same PCs
 * symbolize to the same frames, so they get the same signature.  100 files
 * of 5 distinct stacks: 300 fast runs and 5 symbolized ones, where there
 * were 100 symbolized and 200 fast. */
#include "kinds.h"
#include "netfuzz/project.h"
#include "netfuzz/triage.h"
#include "netfuzz/util.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct raw { /* the inputs that crashed with one unsymbolized stack */
	char key[17];
	struct nf_bucket acc; /* counts, runs, first and smallest input */
	struct nf_crash fast; /* the unsymbolized report */
};

static long file_size(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 ? (long)st.st_size : -1;
}

/* The raw stack of an unsymbolized report: the "(module+0xoffset)" of each
 * "#N 0xPC (module+0xoffset)" line, hashed with the type (and the state,
 * for a kind whose state is not its stack: a socket divergence). */
void nf_triage_raw_key(const char *target, const struct nf_crash *c, char out[17])
{
	size_t cap = 256 + (c->text ? c->text_len : 0), o = 0;
	char *stack = malloc(cap);
	const struct nf_crash_kind *kind;
	const char *s = c->text ? c->text : "";

	if (!stack) {
		nf_triage_signature(c->type, c->state, out);
		return;
	}
	o = (size_t)snprintf(stack, cap, "%s\n", target);
	/* one trap site for every rule (src/sock/exec.c nf_sock_trap): the
	 * op and rule of the report are what tell two divergences apart */
	kind = nf_crash_kind(c->type);
	if (kind && kind->state_not_stack) {
		size_t sl = strlen(c->state);
		char *grown = realloc(stack, cap + sl + 2);

		if (grown) {
			stack = grown, cap += sl + 2;
			o += (size_t)snprintf(stack + o, cap - o, "%s\n", c->state);
		}
	}
	while (*s) {
		const char *nl = strchr(s, '\n'), *end = nl ? nl : s + strlen(s), *t = s;

		while (t < end && (*t == ' ' || *t == '\t'))
			t++;
		if (t < end && *t == '#') {
			const char *open = memchr(t, '(', (size_t)(end - t));
			if (open && o + (size_t)(end - open) + 2 < cap) {
				memcpy(stack + o, open, (size_t)(end - open));
				o += (size_t)(end - open);
				stack[o++] = '\n';
			}
		}
		s = nl ? nl + 1 : end;
	}
	stack[o] = 0;
	nf_triage_signature(c->type, stack, out);
	free(stack);
}

static void note_input(struct nf_bucket *b, const char *path, long size)
{
	if (!b->count++) {
		snprintf(b->first, sizeof b->first, "%s", path);
		snprintf(b->smallest, sizeof b->smallest, "%s", path);
		b->smallest_size = size;
	} else if (size < b->smallest_size) {
		snprintf(b->smallest, sizeof b->smallest, "%s", path);
		b->smallest_size = size;
	}
}

/* Add raw group A's inputs and runs to bucket B. */
static void merge(struct nf_bucket *b, const struct nf_bucket *a)
{
	if (!b->count) {
		snprintf(b->first, sizeof b->first, "%s", a->first);
		snprintf(b->smallest, sizeof b->smallest, "%s", a->smallest);
		b->smallest_size = a->smallest_size;
	} else if (a->smallest_size < b->smallest_size) {
		snprintf(b->smallest, sizeof b->smallest, "%s", a->smallest);
		b->smallest_size = a->smallest_size;
	}
	b->count += a->count;
	b->runs += a->runs;
	b->crashed += a->crashed;
	if (b->crashed < b->runs)
		b->note = "flaky";
}

/* Run PATH job->runs times unsymbolized; its raw stack's entry in R. */
static int reproduce_fast(const struct nf_triage_job *job, const char *path, const char *t, struct raw **r,
			  size_t *nr, size_t *norepro)
{
	struct nf_triage_runner fast;
	struct nf_crash first = {0}, c;
	const struct nf_crash_kind *kind;
	int crashed = 0;
	char key[17];
	size_t k;

	if (!job->runner(job->ctx, t, false, false, &fast))
		return -1;
	for (int i = 0; i < job->runs; i++) {
		memset(&c, 0, sizeof c);
		if (!nf_triage_reproduce(&fast, path, &c))
			continue;
		if (!crashed++)
			first = c;
		else
			nf_crash_free(&c);
		if ((kind = nf_crash_kind(first.type)) && kind->run_once)
			break; /* a second wait would only repeat the same hang */
	}
	if (!crashed) {
		fprintf(stderr, "netfuzz: triage: %s (%s) did not crash in %d run(s)\n", path, t, job->runs);
		(*norepro)++;
		return 0;
	}
	nf_triage_raw_key(t, &first, key);
	for (k = 0; k < *nr; k++)
		if (!strcmp((*r)[k].key, key))
			break;
	if (k == *nr) {
		struct raw *grown = realloc(*r, (*nr + 1) * sizeof **r);
		if (!grown) {
			nf_crash_free(&first);
			return -1;
		}
		*r = grown;
		memset(&(*r)[k], 0, sizeof **r);
		snprintf((*r)[k].key, sizeof (*r)[k].key, "%s", key);
		snprintf((*r)[k].acc.target, sizeof (*r)[k].acc.target, "%s", t);
		(*r)[k].fast = first;
		(*nr)++;
	} else {
		nf_crash_free(&first);
	}
	note_input(&(*r)[k].acc, path, file_size(path));
	kind = nf_crash_kind((*r)[k].fast.type);
	(*r)[k].acc.runs += kind && kind->run_once ? 1 : job->runs;
	(*r)[k].acc.crashed += crashed;
	return 0;
}

/* The symbolized report of one raw stack: its first input re-run with
 * symbols, else its smallest; the unsymbolized report if neither crashes
 * again (a flaky crash). */
static int symbolize(const struct nf_triage_job *job, struct raw *r, struct nf_crash *out)
{
	struct nf_triage_runner sym;
	const char *try[2] = {r->acc.first, r->acc.smallest};

	if (!job->runner(job->ctx, r->acc.target, true, false, &sym))
		return -1;
	for (int i = 0; i < 2; i++) {
		memset(out, 0, sizeof *out);
		if ((i == 0 || strcmp(try[0], try[1])) && nf_triage_reproduce(&sym, try[i], out))
			return 0;
	}
	*out = r->fast;
	memset(&r->fast, 0, sizeof r->fast);
	return 0;
}

int nf_triage_bucket_inputs(const struct nf_triage_job *job, char *const *inputs, char *const *targets, size_t n,
			    struct nf_bucket *b, size_t *nb, size_t *norepro)
{
	struct raw *r = NULL;
	size_t nr = 0;
	int rc = 0;

	*nb = 0;
	for (size_t i = 0; i < n && rc == 0; i++)
		rc = reproduce_fast(job, inputs[i], targets[i], &r, &nr, norepro);
	for (size_t i = 0; i < nr && rc == 0; i++) {
		struct nf_crash c;
		size_t k;

		if ((rc = symbolize(job, &r[i], &c)) != 0)
			break;
		for (k = 0; k < *nb; k++)
			if (!strcmp(b[k].crash.signature, c.signature) && !strcmp(b[k].target, r[i].acc.target))
				break;
		if (k == *nb) {
			memset(&b[k], 0, sizeof b[k]);
			b[k].crash = c;
			snprintf(b[k].target, sizeof b[k].target, "%s", r[i].acc.target);
			(*nb)++;
		} else {
			nf_crash_free(&c);
		}
		merge(&b[k], &r[i].acc);
	}
	for (size_t i = 0; i < nr; i++)
		nf_crash_free(&r[i].fast);
	free(r);
	return rc;
}

int nf_triage_minimize_and_file(const struct nf_triage_job *job, struct nf_bucket *b, size_t nb)
{
	nf_triage_group(b, nb);
	for (size_t k = 0; k < nb; k++) {
		struct nf_group g;
		struct nf_triage_runner x, fast;
		char dir[PATH_MAX];

		nf_triage_group_summary(b, nb, b[k].group, &g);
		if (!job->per_bucket && g.smallest != k)
			continue;
		snprintf(dir, sizeof dir, "%s/out/triage/%s", nf_project_root(), b[k].target);
		if (job->minimize_seconds > 0 &&
		    (nf_mkdir_p(dir) != 0 || !job->runner(job->ctx, b[k].target, true, true, &x)))
			b[k].minimize_note = "cannot prepare out/triage/ or the target's builds";
		else if (job->minimize_seconds > 0)
			nf_triage_minimize(&x, job->runner(job->ctx, b[k].target, false, true, &fast) ? &fast : NULL,
					   &b[k], dir, job->minimize_seconds);
		else
			nf_triage_minimize(NULL, NULL, &b[k], dir, 0);
		if (job->file && nf_triage_file_case(&b[k], job->regdir, job->fault) != 0)
			return -1;
	}
	return 0;
}
