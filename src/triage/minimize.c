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
	const struct nf_triage_runner *r, *fast; /* symbolized; unsymbolized (or NULL) */
	struct nf_bucket *b;
	const char *best, *cand;
	long best_size;
	int tried, slid; /* candidates smaller than best; of those, another bug */
	char raw[17];    /* the input's raw stack (nf_triage_raw_key), "" if unknown */
	bool stale;      /* best was kept on its raw stack: b->minimized_crash is older */
	char *env[72];   /* the unsymbolized settings plus NETFUZZ_MUTATOR=bytes */
};

/* Is the candidate the same bug?  A symbolized run costs ~0.4 s here
 * (llvm-symbolizer starts in every process), an unsymbolized one ~0.03-0.1
 * s, and a minimization tries dozens of candidates: so a candidate runs
 * unsymbolized first.  Its raw stack equal to the input's is the same bug
 * (the same PCs symbolize to the same frames); no crash is no candidate;
 * only a crash on another raw stack (a WRITE 17 become a WRITE 1, another
 * caller) is run with symbols and judged by the grouping rules. */
static bool same_bug(struct search *s, struct nf_crash *c)
{
	char why[160], key[17];

	if (s->raw[0]) {
		struct nf_crash f = {0};
		bool crashed = nf_triage_reproduce(s->fast, s->cand, &f);

		if (crashed)
			nf_triage_raw_key(s->r->target, &f, key);
		nf_crash_free(&f);
		if (!crashed)
			return false;
		if (!strcmp(key, s->raw)) {
			s->stale = true;
			return true;
		}
	}
	if (!nf_triage_reproduce(s->r, s->cand, c))
		return false;
	if (!nf_triage_same_bug(&s->b->crash, c, why, sizeof why))
		return false;
	if (s->raw[0]) /* the new best's raw stack is the one to match from now on */
		s->raw[0] = 0, s->stale = false;
	return true;
}

/* NETFUZZ_TRIAGE_TRACE=1: one stderr line per candidate (what made it,
 * its size, kept or not, the seconds its check took), to see where a
 * minimization's time goes. */
static void trace(const char *step, long k, long size, long best, const char *result, double secs)
{
	static int on = -1;

	if (on < 0)
		on = getenv("NETFUZZ_TRIAGE_TRACE") != NULL;
	if (on)
		fprintf(stderr, "netfuzz: triage: minimize %s %ld: %ld bytes (best %ld): %s, %.2f s\n", step, k, size,
			best, result, secs);
}

/* Reproduce a smaller candidate; keep it as the new best if it is the same bug. */
static bool consider(struct search *s, const char *step, long k)
{
	long size = size_of(s->cand), best = s->best_size;
	struct nf_crash c = {0};
	double t0 = nf_now();
	bool keep;

	if (size < 0 || size >= s->best_size) {
		trace(step, k, size, best, size < 0 ? "none" : "not smaller", 0);
		return false;
	}
	s->tried++;
	keep = same_bug(s, &c) && rename(s->cand, s->best) == 0;
	trace(step, k, size, best, keep ? "kept" : "rejected", nf_now() - t0);
	if (keep) {
		if (c.type[0]) {
			nf_crash_free(&s->b->minimized_crash);
			s->b->minimized_crash = c;
		}
		s->best_size = size;
		return true;
	}
	s->slid++;
	nf_crash_free(&c);
	return false;
}

/* The raw stack the candidates are matched against: the best input's,
 * unsymbolized (nothing if there is no fast runner or it does not crash). */
static void learn_raw(struct search *s)
{
	struct nf_crash f = {0};

	s->raw[0] = 0;
	if (s->fast && nf_triage_reproduce(s->fast, s->best, &f))
		nf_triage_raw_key(s->r->target, &f, s->raw);
	nf_crash_free(&f);
}

/* Element removal: ask the standalone driver for candidate k of the best
 * input (NETFUZZ_DROP_ELEMENT, targets/driver/standalone.c); a kept cut
 * renumbers the elements, so k stays, otherwise the next one is tried.
 * Exit 3: no k-th element (or the target records no structure).  A pass
 * that kept a cut is followed by another from candidate 0: a cut can make
 * a new candidate (an element the crash now reaches was past the record
 * before; a body to trim), as ddmin repeats until nothing shrinks. */
static int element_pass(struct search *s, double deadline, int *runs);

static int element_steps(struct search *s, double deadline)
{
	int kept = 0, runs = 0, k;

	while ((k = element_pass(s, deadline, &runs)) > 0)
		kept += k;
	return kept;
}

/* Candidates come larger first, so equal spans (the words, nexthops or
 * certificates of one list) come in a run; when a bug needs N of them,
 * every cut in the run fails once N are left.  After SAME_FAILS such
 * failures in a row the rest of the run is skipped (NETFUZZ_DROP_BELOW:
 * only shorter spans from then on); the next pass tries it again. */
#define SAME_FAILS 3

static int element_pass(struct search *s, double deadline, int *runs)
{
	char kv[64], outv[4300], bv[64] = "NETFUZZ_DROP_BELOW_UNSET=1", *env[64];
	char *argv[] = {(char *)s->r->standalone, (char *)s->best, NULL};
	size_t ne = 0;
	unsigned k = 0;
	int kept = 0, same = 0;
	long last_cut = -1;

	for (char *const *e = (s->fast ? s->fast : s->r)->env; e && *e && ne < 60; e++)
		env[ne++] = *e; /* the recording child's crash report is thrown away: no symbols */
	env[ne++] = kv;
	env[ne++] = outv;
	env[ne++] = bv;
	env[ne] = NULL;
	snprintf(outv, sizeof outv, "NETFUZZ_DROP_OUT=%s", s->cand);
	for (; *runs < ELEMENT_RUNS && nf_now() < deadline && s->best_size > 1; ++*runs) {
		struct nf_proc_result res;
		int left = (int)(deadline - nf_now());

		snprintf(kv, sizeof kv, "NETFUZZ_DROP_ELEMENT=%u", k);
		unlink(s->cand);
		if (left < 1 || !nf_proc_run(argv, env, left + s->r->timeout, OUTPUT_CAP, &res))
			break;
		free(res.output);
		if (res.timed_out || !WIFEXITED(res.status) || WEXITSTATUS(res.status) != 0) {
			trace("element", (long)k, -1, s->best_size,
			      WIFEXITED(res.status) && WEXITSTATUS(res.status) == 3 ? "no more candidates" : "driver failed", 0);
			break; /* 3: no more elements; anything else: the driver could not */
		}
		long cut = s->best_size - size_of(s->cand);

		if (consider(s, "element", (long)k)) {
			kept++;
			if (!s->raw[0])
				learn_raw(s);
			same = 0, last_cut = -1;
			continue;
		}
		k++;
		same = cut == last_cut ? same + 1 : 1;
		last_cut = cut;
		if (same >= SAME_FAILS && cut > 0) {
			snprintf(bv, sizeof bv, "NETFUZZ_DROP_BELOW=%ld", cut);
			trace("element", (long)k, cut, s->best_size, "the rest of this run of equal cuts skipped", 0);
			k = 0, same = 0, last_cut = -1;
		}
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
		if (!nf_proc_run(argv, s->env, step + 2 * s->r->timeout + 10, OUTPUT_CAP, &res))
			break;
		free(res.output);
		if (consider(s, "libfuzzer", 0)) {
			misses = 0;
			if (!s->raw[0])
				learn_raw(s);
		} else {
			misses++;
		}
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
	consider(s, "afl-tmin", 0);
}

void nf_triage_minimize(const struct nf_triage_runner *r, const struct nf_triage_runner *fast, struct nf_bucket *b,
			const char *workdir, int seconds)
{
	char cand[4200], best[4200];
	double deadline = nf_now() + seconds;
	struct search s = {.r = r, .fast = fast, .b = b, .best = best, .cand = cand, .best_size = b->smallest_size};
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
		size_t ne = 0;

		/* libFuzzer's steps: unsymbolized (each step's crash report is
		 * only read for its raw stack) and with libFuzzer's own byte
		 * mutations: -minimize_crash asks the mutator for inputs shorter
		 * than the crash (MaxMutationLen = size - 1), which the
		 * structure mutator, made to keep structure, is not for
		 * (measured: 191 -> 191 bytes in 5 steps with it, -> 75 without) */
		for (char *const *e = (fast ? fast : r)->env; e && *e && ne < 70; e++)
			s.env[ne++] = *e;
		s.env[ne++] = "NETFUZZ_MUTATOR=bytes";
		s.env[ne] = NULL;
	}
	learn_raw(&s);
	{
		long before = s.best_size, after_elements, after_libfuzzer;
		/* at most 80% of the budget: libFuzzer's byte-level cuts come
		 * next.  Element cuts shrink far more per run (one repaired cut
		 * of a word, a certificate, a record) than libFuzzer's blind
		 * ones, which cannot repair a length. */
		int kept = r->standalone && r->standalone[0] ? element_steps(&s, nf_now() + seconds * 0.8) : 0;
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
	if (s.stale) { /* one symbolized run gives the kept input's report */
		struct nf_crash c = {0};

		if (nf_triage_reproduce(r, best, &c)) {
			nf_crash_free(&b->minimized_crash);
			b->minimized_crash = c;
		} else {
			nf_crash_free(&c);
		}
	}
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
