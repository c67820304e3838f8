/* libFuzzer driver (shell-safe paths only: safe.c): fork mode (-fork=J, one job per core asked for) with
 * crashes, timeouts and OOMs ignored so one campaign finds several bugs;
 * artifacts land in out/crashes/<t>/ under libFuzzer's names.  New inputs
 * go to out/work/<t>, then -merge=1 adds the ones with new coverage to
 * out/corpus/<t> (and, with --update-seeds, to the seed corpus). */
#include "fuzz.h"
#include "netfuzz/util.h"
#include "cli.h"
#include "../target_options.h"
#include "netfuzz/proc.h"

#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* Value after "key: " in a libFuzzer status line, -1 if absent. */
static long field(const char *line, const char *key)
{
	const char *p = strstr(line, key);

	return p ? strtol(p + strlen(key), NULL, 10) : -1;
}

/* Status lines:
 *   fork mode: "#1234: cov: 396 ft: 1020 corp: 245 exec/s: 35120 oom/timeout/crash: 0/0/1 time: 5s job: 3 dft_time: 0"
 *   in-process: "#65536\tpulse  cov: 396 ft: 1020 corp: 245/12Kb lim: 4096 exec/s: 32768 rss: 55Mb" */
static void on_line(struct fuzz_run *r, const char *line)
{
	long v;

	if (line[0] != '#' || (line[1] < '0' || line[1] > '9'))
		return;
	r->st.execs = strtoll(line + 1, NULL, 10);
	if ((v = field(line, "cov: ")) >= 0)
		r->st.cov = v;
	if ((v = field(line, "ft: ")) >= 0)
		r->st.ft = v;
	if ((v = field(line, "corp: ")) >= 0)
		r->st.corpus = v;
	if ((v = field(line, "exec/s: ")) >= 0)
		r->st.exec_s = v;
	else if (r->elapsed > 0.5)
		r->st.exec_s = (long)((double)r->st.execs / r->elapsed);
}

/* -merge=1 INTO FROM...: adds to INTO the inputs of FROM with new coverage.
 * Every path is one of the shell-safe aliases (safe.c): libFuzzer runs
 * the merge's inner process through the shell.  False if it did not
 * finish (stopped by a signal during the merge, or failed). */
static bool merge(struct fuzz_run *r, const char *bin, const char *art_dir, char *const env[], const char *into,
		  const char *from1, const char *from2)
{
	char art[PATH_MAX + 32];
	char *argv[] = {(char *)bin, "-merge=1", art, (char *)into, (char *)from1, (char *)from2, NULL};
	struct nf_proc_result res;
	bool ok;

	if (!nf_strfmt(art, sizeof art, "-artifact_prefix=%s/", art_dir))
		return false;
	if (!nf_proc_run(argv, env, nf_fuzz_merge_bound(), 1 << 20, &res))
		return false;
	ok = !res.stopped && !res.timed_out && WIFEXITED(res.status) && WEXITSTATUS(res.status) == 0;
	if (res.stopped || (res.timed_out && nf_fuzz_interrupted))
		fprintf(stderr, "netfuzz: fuzz: merge stopped after %.1fs (%s); the new inputs stay in %s and the "
				"next run takes them into the corpus\n", res.seconds,
			res.stopped ? "signal" : "interrupted run: merge bound", r->work);
	else if (!ok)
		fprintf(stderr, "netfuzz: fuzz: merge into %s exited with status %d (see %s)\n", into,
			WIFEXITED(res.status) ? WEXITSTATUS(res.status) : -1, r->log);
	FILE *log = fopen(r->log, "a");
	if (log) {
		fputs(res.output, log);
		fclose(log);
	}
	free(res.output);
	return ok;
}

/* The shell-safe aliases libFuzzer is given (safe.c). */
struct lf_paths {
	char bin[PATH_MAX], corpus[PATH_MAX], work[PATH_MAX], crashes[PATH_MAX], seeds[PATH_MAX], dict[PATH_MAX],
		art[PATH_MAX];
};

static bool aliases(struct fuzz_run *r, struct fuzz_safe *s, const char *bin, struct lf_paths *p)
{
	char art[PATH_MAX];

	if (!nf_path_join(art, sizeof art, r->out, "work", "merge-artifacts") || nf_fuzz_mkdirs(art) != 0)
		return false;
	p->seeds[0] = p->dict[0] = 0;
	return nf_fuzz_safe_alias(r, s, "bin", bin, p->bin, sizeof p->bin) &&
	       nf_fuzz_safe_alias(r, s, "corpus", r->corpus, p->corpus, sizeof p->corpus) &&
	       nf_fuzz_safe_alias(r, s, "new", r->work, p->work, sizeof p->work) &&
	       nf_fuzz_safe_alias(r, s, "crashes", r->crashes, p->crashes, sizeof p->crashes) &&
	       nf_fuzz_safe_alias(r, s, "merge-artifacts", art, p->art, sizeof p->art) &&
	       (!r->seeds[0] || nf_fuzz_safe_alias(r, s, "seeds", r->seeds, p->seeds, sizeof p->seeds)) &&
	       (!r->dict[0] || nf_fuzz_safe_alias(r, s, "dict", r->dict, p->dict, sizeof p->dict));
}

static int run(struct fuzz_run *r, struct fuzz_safe *s, const char *bin_real)
{
	static struct lf_paths p;
	char fork[32], total[32], prefix[PATH_MAX + 32], dict[PATH_MAX + 8];
	char *argv[64];
	struct nf_option o[NF_OPTIONS_MAX];
	char optargs[NF_OPTIONS_MAX][400];
	size_t n = nf_options_read(r->target, "libfuzzer", o, NF_OPTIONS_MAX), a = 0;
	char mut[64];
	char *env[16] = {"ASAN_OPTIONS=detect_leaks=1:symbolize=1:allocator_may_return_null=1", mut, s->tmpdir_env,
			 NULL};

	for (size_t i = 0, e = 3; r->inject_env && r->inject_env[i] && e < 15; i++) /* --inject (issue 23) */
		env[e++] = r->inject_env[i];

	/* src/mutate/glue/libfuzzer.c reads it: bytes turns the structure mutator off. */
	snprintf(mut, sizeof mut, "NETFUZZ_MUTATOR=%s", r->mutator ? r->mutator : "bytes");
	if (!aliases(r, s, bin_real, &p))
		return -1;
	snprintf(fork, sizeof fork, "-fork=%d", r->jobs);
	snprintf(total, sizeof total, "-max_total_time=%d", r->seconds);
	if (!nf_strfmt(prefix, sizeof prefix, "-artifact_prefix=%s/", p.crashes) ||
	    !nf_strfmt(dict, sizeof dict, "-dict=%s", p.dict))
		return -1;
	argv[a++] = p.bin;
	argv[a++] = fork;
	argv[a++] = "-ignore_crashes=1";
	argv[a++] = "-ignore_timeouts=1";
	argv[a++] = "-ignore_ooms=1";
	argv[a++] = total;
	argv[a++] = "-print_final_stats=1";
	argv[a++] = prefix;
	for (size_t i = 0; i < n && a < 56; i++) {
		if (!strcmp(o[i].key, "dict")) {
			if (p.dict[0])
				argv[a++] = dict;
			continue;
		}
		/* keys and values come from targets/<t>.options, in the tree;
		 * still, nothing unsafe goes to libFuzzer's shell */
		if (!nf_strfmt(optargs[i], sizeof optargs[i], "-%s=%s", o[i].key, o[i].value) ||
		    !nf_shell_safe(optargs[i] + 1)) {
			fprintf(stderr, "netfuzz: fuzz: %s.options: option '%s' skipped (not shell-safe)\n", r->target,
				o[i].key);
			continue;
		}
		argv[a++] = optargs[i];
	}
	argv[a++] = p.work;
	argv[a++] = p.corpus;
	if (p.seeds[0])
		argv[a++] = p.seeds;
	argv[a] = NULL;
	if (nf_fuzz_spawn(r, argv, env, on_line, NULL, r->seconds) != 0)
		return -1;
	if (r->st.exec_s <= 0 && r->elapsed > 0)
		r->st.exec_s = (long)((double)r->st.execs / r->elapsed);
	nf_fuzz_separate_artifacts(r);
	double t = nf_now();
	bool merged;
	nf_fuzz_merge_begin(r, nf_fuzz_count_files(r->work) + (r->seeds[0] ? nf_fuzz_count_files(r->seeds) : 0));
	nf_fuzz_merging = 1;
	merged = merge(r, p.bin, p.art, env, p.corpus, p.work, p.seeds[0] ? p.seeds : NULL);
	if (merged && r->update_seeds && p.seeds[0])
		merge(r, p.bin, p.art, env, p.seeds, p.corpus, NULL);
	nf_fuzz_merging = 0;
	nf_fuzz_merge_end(r, t);
	/* only a finished merge marks work/<t> as taken in; otherwise the next
	 * run adopts its inputs (nf_fuzz_recover) */
	if (merged)
		nf_fuzz_mark_merged(r->work);
	return 0;
}

int nf_fuzz_libfuzzer(struct fuzz_run *r)
{
	struct fuzz_safe s;
	char bin[PATH_MAX];
	int rc;

	if (!nf_target_binary_fresh("libfuzzer", "address", r->target, bin, sizeof bin))
		return -1;
	if (!nf_fuzz_safe_open(r, &s))
		return -1;
	rc = run(r, &s, bin);
	nf_fuzz_safe_close(r, &s);
	return rc;
}
