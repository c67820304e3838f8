/* netfuzz fuzz [TARGET...] [--engine libfuzzer|afl] [--seconds N] [--jobs N]
 *              [--out DIR] [--update-seeds]
 *
 * A campaign: each target in turn (one fuzzer at a time; --jobs spreads
 * that target over cores), with its seeds, dictionary and options, a live
 * progress line, and a summary table at the end.  With no TARGET every
 * target is fuzzed for the default budget.  Ctrl-C stops the running
 * engine cleanly (SIGINT is forwarded to its process group), skips the rest
 * and still prints the summary. */
#include "fuzz/fuzz.h"
#include "netfuzz/cli.h"
#include "netfuzz/structure.h"
#include "netfuzz/util.h"
#include "netfuzz/target.h"
#include "target_options.h"
#include "netfuzz/proc.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define FUZZ_DEFAULT_SECONDS 10
#define FUZZ_MAX_TARGETS 256

static void on_sigint(int sig)
{
	(void)sig;
	nf_fuzz_interrupted = 1;
	if (nf_proc_current > 0)
		kill(-nf_proc_current, SIGINT);
}

static bool is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int setup(struct fuzz_run *r, const char *out)
{
	const char *root = nf_project_root(), *tdir = nf_target_dir(r->target);
	struct nf_option o[NF_OPTIONS_MAX];
	size_t n;
	char stats[PATH_MAX * 2], logs[PATH_MAX + 8], cmd[PATH_MAX + 32];

	snprintf(r->out, sizeof r->out, "%s", out);
	snprintf(r->corpus, sizeof r->corpus, "%s/corpus/%s", out, r->target);
	snprintf(r->work, sizeof r->work, "%s/work/%s", out, r->target);
	snprintf(r->crashes, sizeof r->crashes, "%s/crashes/%s", out, r->target);
	snprintf(r->timeouts, sizeof r->timeouts, "%s/timeouts/%s", out, r->target);
	snprintf(r->ooms, sizeof r->ooms, "%s/ooms/%s", out, r->target);
	snprintf(logs, sizeof logs, "%s/logs", out);
	snprintf(r->log, sizeof r->log, "%s/logs/%s.log", out, r->target);
	snprintf(r->seeds, sizeof r->seeds, "%s/corpora/%s", root, r->target);
	if (!is_dir(r->seeds))
		snprintf(r->seeds, sizeof r->seeds, "%s/tests/corpora/%s", root, r->target);
	if (!is_dir(r->seeds))
		r->seeds[0] = 0;
	r->dict[0] = 0;
	n = nf_options_read(r->target, strcmp(r->engine, "afl") ? "libfuzzer" : "AFL", o, NF_OPTIONS_MAX);
	for (size_t i = 0; i < n; i++)
		if (!strcmp(o[i].key, "dict"))
			snprintf(r->dict, sizeof r->dict, "%s/%s/%s", root, tdir, o[i].value);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", r->work);
	if (system(cmd) != 0)
		return -1;
	if (nf_fuzz_mkdirs(r->corpus) || nf_fuzz_mkdirs(r->work) || nf_fuzz_mkdirs(r->crashes) ||
	    nf_fuzz_mkdirs(r->timeouts) || nf_fuzz_mkdirs(r->ooms) || nf_fuzz_mkdirs(logs))
		return -1;
	snprintf(stats, sizeof stats, "%s/stats", out);
	if (nf_fuzz_mkdirs(stats))
		return -1;
	snprintf(stats, sizeof stats, "%s/stats/%s.csv", out, r->target);
	r->csv = fopen(stats, "w");
	if (!r->csv) {
		fprintf(stderr, "netfuzz: fuzz: cannot write %s\n", stats);
		return -1;
	}
	fprintf(r->csv, "elapsed_s,execs,exec_per_s,cov,ft,corpus,crashes,timeouts,ooms,mutator\n");
	unlink(r->log);
	r->corpus_before = nf_fuzz_count_files(r->corpus);
	return 0;
}

static void summary(struct fuzz_run *runs, size_t n, const char *out)
{
	int crashes = 0, timeouts = 0, ooms = 0;

	printf("\n%-22s %6s %12s %8s %7s %7s %15s %8s %9s %5s\n", "TARGET", "TIME", "EXECS", "EXEC/S", "COV",
	       "FT", "CORPUS", "CRASHES", "TIMEOUTS", "OOMS");
	for (size_t i = 0; i < n; i++) {
		struct fuzz_run *r = &runs[i];
		char corpus[32];

		snprintf(corpus, sizeof corpus, "%ld -> %ld", r->corpus_before, r->corpus_after);
		printf("%-22s %5.0fs %12lld %8ld %7ld %7ld %15s %8d %9d %5d%s\n", r->target, r->elapsed,
		       r->st.execs, r->st.exec_s, r->st.cov, r->st.ft, corpus, r->st.crashes, r->st.timeouts,
		       r->st.ooms, r->interrupted ? "  (interrupted)" : "");
		crashes += r->st.crashes;
		timeouts += r->st.timeouts;
		ooms += r->st.ooms;
	}
	printf("\n");
	if (crashes + timeouts + ooms == 0) {
		printf("no crashes; corpora in %s/corpus/, stats in %s/stats/, logs in %s/logs/\n", out, out, out);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		struct fuzz_run *r = &runs[i];
		if (r->st.crashes)
			printf("%d crash(es) in %s/\n", r->st.crashes, r->crashes);
		if (r->st.timeouts)
			printf("%d timeout(s) in %s/\n", r->st.timeouts, r->timeouts);
		if (r->st.ooms)
			printf("%d OOM(s) in %s/\n", r->st.ooms, r->ooms);
	}
	printf("next: bin/netfuzz triage %s/crashes %s/timeouts %s/ooms   (classify, dedupe, minimize; --file to file them)\n",
	       out, out, out);
}

NF_COMMAND(fuzz, "[TARGET...] [--engine libfuzzer|afl] [--mutator structure|bytes] [--seconds N] [--jobs N] [--out DIR] [--update-seeds]",
	   "fuzz targets with live progress and a summary; crashes in out/crashes/<t>/")
{
	const char *engine = "libfuzzer", *mutator = NULL, *names[FUZZ_MAX_TARGETS];
	char out[PATH_MAX];
	int seconds = FUZZ_DEFAULT_SECONDS, jobs = 1;
	bool update = false;
	size_t n = 0, done = 0;
	struct fuzz_run *runs;
	struct sigaction sa;
	int findings = 0;

	snprintf(out, sizeof out, "%s/out", nf_project_root());
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		bool val = i + 1 < argc;

		if (!strcmp(a, "--engine") && val) {
			engine = argv[++i];
			if (strcmp(engine, "libfuzzer") && strcmp(engine, "afl"))
				return nf_usage_error("fuzz", "--engine must be libfuzzer or afl, not '%s'", engine);
		} else if (!strcmp(a, "--mutator") && val) {
			/* issue 13: structure-aware (default where supported) or plain bytes */
			mutator = argv[++i];
			if (strcmp(mutator, "structure") && strcmp(mutator, "bytes"))
				return nf_usage_error("fuzz", "--mutator must be structure or bytes, not '%s'", mutator);
		} else if ((!strcmp(a, "--seconds") || !strcmp(a, "--jobs")) && val) {
			long long v;
			char err[128];

			if (!nf_parse_int(argv[++i], 1, 1000000, &v, err, sizeof err))
				return nf_usage_error("fuzz", "%s needs a positive number, not '%s'", a, argv[i]);
			*(a[2] == 's' ? &seconds : &jobs) = (int)v;
		} else if (!strcmp(a, "--out") && val) {
			snprintf(out, sizeof out, "%s", argv[++i]);
		} else if (!strcmp(a, "--update-seeds")) {
			update = true;
		} else if (a[0] == '-') {
			return nf_usage_error("fuzz", "unknown option or missing value: '%s' (netfuzz help)", a);
		} else if (!nf_target_dir(a)) {
			return nf_usage_error("fuzz", "unknown target '%s' (netfuzz list shows the targets)", a);
		} else if (n < FUZZ_MAX_TARGETS) {
			names[n++] = a;
		}
	}
	if (n == 0)
		for (const struct nf_target *t = nf_target_first(); t < nf_target_end() && n < FUZZ_MAX_TARGETS; t++)
			names[n++] = t->name;
	if (n == 0)
		return nf_usage_error("fuzz", "no targets");
	for (size_t i = 0; mutator && !strcmp(mutator, "structure") && i < n; i++)
		if (!nf_mutate_supported(names[i]))
			return nf_usage_error("fuzz", "target '%s' has no structure mutator (netfuzz list shows which do)",
					      names[i]);
	runs = calloc(n, sizeof *runs);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_sigint;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);

	fprintf(stderr, "netfuzz: fuzzing %zu target(s) with %s, %ds each, %d job(s); output in %s/\n", n, engine,
		seconds, jobs, out);
	for (size_t i = 0; i < n && !nf_fuzz_interrupted; i++) {
		struct fuzz_run *r = &runs[i];
		int rc;

		r->target = names[i];
		r->engine = engine;
		r->mutator = !nf_mutate_supported(r->target) ? "bytes" : mutator ? mutator : "structure";
		r->seconds = seconds;
		r->jobs = jobs;
		r->update_seeds = update;
		r->tty = isatty(2);
		if (setup(r, out) != 0) {
			free(runs);
			return NF_EXIT_USAGE;
		}
		r->start = nf_now();
		rc = strcmp(engine, "afl") ? nf_fuzz_libfuzzer(r) : nf_fuzz_afl(r);
		r->interrupted = r->interrupted || nf_fuzz_interrupted;
		nf_fuzz_count_artifacts(r);
		r->corpus_after = nf_fuzz_count_files(r->corpus);
		nf_fuzz_stats_row(r);
		fclose(r->csv);
		r->csv = NULL;
		nf_fuzz_progress(r, true);
		done++;
		if (rc != 0) {
			fprintf(stderr, "netfuzz: fuzz: %s could not be fuzzed (see above)\n", r->target);
			free(runs);
			return NF_EXIT_USAGE;
		}
		findings += r->st.crashes + r->st.timeouts + r->st.ooms;
	}
	if (nf_fuzz_interrupted)
		fprintf(stderr, "netfuzz: fuzz: interrupted; %zu of %zu target(s) run\n", done, n);
	summary(runs, done, out);
	free(runs);
	return findings ? NF_EXIT_FINDINGS : NF_EXIT_OK;
}
