/* Crash minimization that keeps the bug: first element removal through the
 * structure record (the standalone driver cuts one recorded element and
 * repairs the lengths and counts that described it: src/mutate/drop.c),
 * then libFuzzer's crash minimizer (-minimize_crash_internal_step=1
 * -exact_artifact_path, the step -minimize_crash=1 runs in a loop), then
 * AFL++'s afl-tmin on the standalone build.  Every candidate is reproduced and kept only if it is
 * still the same bug: the same signature, or a signature the grouping rules
 * put in the same group (nf_triage_same_bug: a WRITE 17 that shrinks to a
 * WRITE 1 at the same place is still that bug).  When nothing shrinks the
 * bucket says why. */
#include "kinds.h"
#include "netfuzz/proc.h"
#include "netfuzz/triage.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define OUTPUT_CAP (1u << 20)
#define MINIMIZE_STEP_S 3 /* one libFuzzer step: long enough to find a cut */
#define MINIMIZE_MISSES 3 /* steps in a row without a kept cut end the search */
#define ELEMENT_RUNS 256  /* element-removal candidates tried at most */

static long size_of(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 ? (long)st.st_size : -1;
}

struct search {
	const struct nf_triage_runner *r;
	struct nf_bucket *b;
	const char *best, *cand;
	long best_size;
	int tried, slid; /* candidates smaller than best; of those, another bug */
};

/* Reproduce a smaller candidate; keep it as the new best if it is the same bug. */
static bool consider(struct search *s)
{
	long size = size_of(s->cand);
	struct nf_crash c = {0};
	char why[160];
	bool keep;

	if (size < 0 || size >= s->best_size)
		return false;
	s->tried++;
	keep = nf_triage_reproduce(s->r, s->cand, &c) && nf_triage_same_bug(&s->b->crash, &c, why, sizeof why) &&
	       rename(s->cand, s->best) == 0;
	if (keep) {
		nf_crash_free(&s->b->minimized_crash);
		s->b->minimized_crash = c;
		s->best_size = size;
		return true;
	}
	s->slid++;
	nf_crash_free(&c);
	return false;
}

/* Element removal: ask the standalone driver for candidate k of the best
 * input (NETFUZZ_DROP_ELEMENT, targets/driver/standalone.c); a kept cut
 * renumbers the elements, so k stays, otherwise the next one is tried.
 * Exit 3: no k-th element (or the target records no structure). */
static int element_steps(struct search *s, double deadline)
{
	char kv[64], outv[4300], *env[64];
	char *argv[] = {(char *)s->r->standalone, (char *)s->best, NULL};
	size_t ne = 0;
	unsigned k = 0;
	int kept = 0;

	for (char *const *e = s->r->env; e && *e && ne < 60; e++)
		env[ne++] = *e;
	env[ne++] = kv;
	env[ne++] = outv;
	env[ne] = NULL;
	snprintf(outv, sizeof outv, "NETFUZZ_DROP_OUT=%s", s->cand);
	for (int runs = 0; runs < ELEMENT_RUNS && nf_now() < deadline && s->best_size > 1; runs++) {
		struct nf_proc_result res;
		int left = (int)(deadline - nf_now());

		snprintf(kv, sizeof kv, "NETFUZZ_DROP_ELEMENT=%u", k);
		unlink(s->cand);
		if (left < 1 || !nf_proc_run(argv, env, left + s->r->timeout, OUTPUT_CAP, &res))
			break;
		free(res.output);
		if (res.timed_out || !WIFEXITED(res.status) || WEXITSTATUS(res.status) != 0)
			break; /* 3: no more elements; anything else: the driver could not */
		if (consider(s))
			kept++;
		else
			k++;
	}
	return kept;
}

static void libfuzzer_steps(struct search *s, double deadline)
{
	char arg_t[64], arg_s[64], arg_p[4200];
	int misses = 0;

	snprintf(arg_s, sizeof arg_s, "-timeout=%d", s->r->timeout);
	snprintf(arg_p, sizeof arg_p, "-exact_artifact_path=%s", s->cand);
	while (nf_now() < deadline && misses < MINIMIZE_MISSES && s->best_size > 1) {
		int left = (int)(deadline - nf_now()), step = left < MINIMIZE_STEP_S ? left : MINIMIZE_STEP_S;
		char *argv[] = {(char *)s->r->libfuzzer, "-minimize_crash_internal_step=1", arg_t, arg_s, arg_p,
				(char *)s->best, NULL};
		struct nf_proc_result res;

		if (step < 1)
			break;
		snprintf(arg_t, sizeof arg_t, "-max_total_time=%d", step);
		unlink(s->cand);
		if (!nf_proc_run(argv, s->r->env, step + 2 * s->r->timeout + 10, OUTPUT_CAP, &res))
			break;
		free(res.output);
		misses = consider(s) ? 0 : misses + 1;
	}
}

/* afl-tmin in crash mode on the standalone build (no AFL instrumentation:
 * AFL_SKIP_BIN_CHECK); ASan must abort for afl-tmin to see a crash. */
static void afl_tmin(struct search *s, double deadline)
{
	char tmo[32];
	char *env[] = {"AFL_SKIP_BIN_CHECK=1", "AFL_NO_UI=1",
		       "ASAN_OPTIONS=abort_on_error=1:symbolize=0:detect_leaks=0:allocator_may_return_null=1",
		       "UBSAN_OPTIONS=halt_on_error=1:abort_on_error=1", NULL};
	char *argv[] = {"afl-tmin", "-x", "-t", tmo, "-m", "none", "-i", (char *)s->best, "-o", (char *)s->cand,
			"--", (char *)s->r->standalone, "@@", NULL};
	struct nf_proc_result res;
	int left = (int)(deadline - nf_now());

	if (left < 1 || !s->r->afl_tmin || access(s->r->afl_tmin, X_OK) != 0)
		return;
	argv[0] = (char *)s->r->afl_tmin;
	snprintf(tmo, sizeof tmo, "%d", s->r->timeout * 1000);
	unlink(s->cand);
	if (!nf_proc_run(argv, env, left, OUTPUT_CAP, &res))
		return;
	free(res.output);
	consider(s);
}

void nf_triage_minimize(const struct nf_triage_runner *r, struct nf_bucket *b, const char *workdir, int seconds)
{
	char cand[4200], best[4200];
	double deadline = nf_now() + seconds;
	struct search s = {.r = r, .b = b, .best = best, .cand = cand, .best_size = b->smallest_size};
	const struct nf_crash_kind *kind;
	FILE *in, *out;
	size_t n;

	if (seconds <= 0) {
		b->minimize_note = "not tried (--minimize-seconds 0)";
		return;
	}
	if ((kind = nf_crash_kind(b->crash.type)) && kind->no_minimize) {
		b->minimize_note = "not tried for a timeout or out-of-memory (each step would take the full limit)";
		return;
	}
	snprintf(cand, sizeof cand, "%s/%s.step", workdir, b->crash.signature);
	snprintf(best, sizeof best, "%s/%s.min", workdir, b->crash.signature);
	in = fopen(b->smallest, "rb");
	out = fopen(best, "wb");
	if (in && out) {
		char buf[65536];
		while ((n = fread(buf, 1, sizeof buf, in)) > 0)
			fwrite(buf, 1, n, out);
	}
	if (in)
		fclose(in);
	if (!out || fclose(out) != 0) {
		b->minimize_note = "cannot write to the work directory";
		return;
	}
	{
		long before = s.best_size, after_elements, after_libfuzzer;
		/* at most half the budget: libFuzzer's byte-level cuts come next */
		int kept = r->standalone && r->standalone[0] ? element_steps(&s, nf_now() + seconds / 2.0) : 0;
		size_t k = 0;

		after_elements = s.best_size;
		if (r->libfuzzer && r->libfuzzer[0])
			libfuzzer_steps(&s, deadline);
		after_libfuzzer = s.best_size;
		afl_tmin(&s, deadline);
		b->minimized_by[0] = 0;
		if (after_elements < before)
			k += (size_t)snprintf(b->minimized_by, sizeof b->minimized_by, "%d element(s) removed", kept);
		if (after_libfuzzer < after_elements && k < sizeof b->minimized_by)
			k += (size_t)snprintf(b->minimized_by + k, sizeof b->minimized_by - k, "%slibFuzzer", k ? ", " : "");
		if (s.best_size < after_libfuzzer && k < sizeof b->minimized_by)
			snprintf(b->minimized_by + k, sizeof b->minimized_by - k, "%safl-tmin", k ? ", " : "");
	}
	unlink(cand);
	if (s.best_size < b->smallest_size) {
		snprintf(b->minimized, sizeof b->minimized, "%s", best);
		b->minimized_size = s.best_size;
		return;
	}
	unlink(best);
	if (b->smallest_size <= 1)
		b->minimize_note = "already 1 byte";
	else if (s.tried && s.slid == s.tried)
		b->minimize_note = "every smaller candidate was another bug (its signature left the group)";
	else if (nf_now() >= deadline)
		b->minimize_note = "the time budget ran out before a smaller input was found";
	else
		b->minimize_note = "no smaller crashing input found (the minimizers gave up)";
}
