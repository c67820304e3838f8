/* netfuzz fuzz [TARGET...] [--engine libfuzzer|afl] [--seconds N] [--jobs N]
 *              [--out DIR] [--update-seeds] [--soak HOURS]
 *
 * A campaign: each target in turn (one fuzzer at a time; --jobs spreads
 * that target over cores), with its seeds, dictionary and options, a live
 * progress line, and a summary table at the end.  With no TARGET every
 * target is fuzzed for the default budget.  Ctrl-C stops the running
 * engine cleanly (SIGINT is forwarded to its process group), skips the rest
 * and still prints the summary.  --out is made absolute once, here, for
 * every step.  Each target's time is its fuzzing budget, then a merge phase
 * shown and counted apart.  --soak repeats the targets round-robin until
 * HOURS are spent, then triages and writes the report. */
#include "fuzz/fuzz.h"
#include "args.h"
#include "inject.h"
#include "libraries.h"
#include "cli.h"
#include "netfuzz/structure.h"
#include "netfuzz/util.h"
#include "netfuzz/target.h"
#include "target_options.h"
#include "netfuzz/proc.h"

#include <errno.h>
#include <signal.h>
#include <sys/wait.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define FUZZ_DEFAULT_SECONDS 10
#define FUZZ_MAX_TARGETS 256
#define FUZZ_SOAK_TURN_SECONDS 120 /* long enough to get past the seeds, short enough for 2+ rounds an hour */

static void on_sigint(int sig)
{
	(void)sig;
	nf_fuzz_interrupted = 1;
	/* the first signal ends the fuzzing and lets the merge run; one
	 * during the merge stops it (within 5 s, nf_proc_run) */
	if (nf_fuzz_merging)
		nf_proc_stop = 1;
	if (nf_proc_current > 0)
		kill(-nf_proc_current, SIGINT);
}

static bool is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Every path first (nothing touched if one is too long), then the
 * scratch space, then the statistics. */
static int setup(struct fuzz_run *r, const char *out)
{
	const char *root = nf_project_root(), *tdir = nf_target_dir(r->target);
	struct nf_option o[NF_OPTIONS_MAX];
	size_t n;
	char stats[PATH_MAX], csv[NAME_MAX + 1], log[NAME_MAX + 1];

	if (!nf_fuzz_paths(r, out) || !nf_strfmt(csv, sizeof csv, "%s.csv", r->target) ||
	    !nf_path_join(stats, sizeof stats, r->stats_dir, csv) || !nf_strfmt(log, sizeof log, "%s.log", r->target))
		return -1;
	if (!nf_path_join(r->seeds, sizeof r->seeds, root, "corpora", r->target) || !is_dir(r->seeds))
		if (!nf_path_join(r->seeds, sizeof r->seeds, root, "tests/corpora", r->target) || !is_dir(r->seeds))
			r->seeds[0] = 0;
	r->dict[0] = 0;
	n = nf_options_read(r->target, strcmp(r->engine, "afl") ? "libfuzzer" : "AFL", o, NF_OPTIONS_MAX);
	for (size_t i = 0; i < n; i++)
		if (!strcmp(o[i].key, "dict") && !nf_path_join(r->dict, sizeof r->dict, root, tdir, o[i].value)) {
			fprintf(stderr, "netfuzz: fuzz: the dictionary path under %s is too long\n", root);
			return -1;
		}
	r->corpus_before = nf_fuzz_count_files(r->corpus);
	nf_fuzz_recover(r);
	if (!nf_fuzz_scratch_clear(r, r->work))
		return -1;
	if (nf_fuzz_mkdirs(r->corpus) || !nf_fuzz_scratch_make(r->work) || nf_fuzz_mkdirs(r->crashes) ||
	    nf_fuzz_mkdirs(r->timeouts) || nf_fuzz_mkdirs(r->ooms) || nf_fuzz_mkdirs(r->logs) ||
	    nf_fuzz_mkdirs(r->stats_dir))
		return -1;
	/* A new campaign keeps the last one's series and log (stats/previous/,
	 * logs/previous/); a soak's later turns append to its own. */
	if (r->t0 <= 0) {
		nf_fuzz_rotate(r->stats_dir, csv);
		nf_fuzz_rotate(r->logs, log);
	}
	r->csv = fopen(stats, "a");
	if (!r->csv) {
		fprintf(stderr, "netfuzz: fuzz: cannot write %s: %s\n", stats, strerror(errno));
		return -1;
	}
	if (ftell(r->csv) == 0)
		fprintf(r->csv, "elapsed_s,execs,exec_per_s,cov,ft,corpus,crashes,timeouts,ooms,unix_time,mutator\n");
	return 0;
}

/* --inject FAULT (issue 23, docs/sockets.md): harness/inject.c.  The
 * summary names it again: what it found reproduces only under it. */
static const char *inject_name;
static char *const *inject_env;

static void summary(struct fuzz_run *runs, size_t n, const char *out)
{
	int crashes = 0, timeouts = 0, ooms = 0;

	printf("\n%-22s %12s %12s %8s %7s %7s %15s %8s %9s %5s\n", "TARGET", "FUZZ+MERGE", "EXECS", "EXEC/S", "COV",
	       "FT", "CORPUS", "CRASHES", "TIMEOUTS", "OOMS");
	for (size_t i = 0; i < n; i++) {
		struct fuzz_run *r = &runs[i];
		char corpus[32], time[32];

		snprintf(corpus, sizeof corpus, "%ld -> %ld", r->corpus_before, r->corpus_after);
		snprintf(time, sizeof time, "%.0fs+%.0fs", r->elapsed, r->merge_s);
		printf("%-22s %12s %12lld %8ld %7ld %7ld %15s %8d %9d %5d%s%s\n", r->target, time,
		       r->st.execs, r->st.exec_s, r->st.cov, r->st.ft, corpus, r->st.crashes, r->st.timeouts,
		       r->st.ooms, r->interrupted ? "  (interrupted)" : "", r->ran_nothing ? "  (RAN NOTHING)" : "");
		if (r->recovered)
			printf("%-22s %ld of the corpus inputs were recovered from an interrupted run\n", "", r->recovered);
		crashes += r->st.crashes;
		timeouts += r->st.timeouts;
		ooms += r->st.ooms;
	}
	printf("\n");
	bool idle = false;

	for (size_t i = 0; i < n; i++)
		if (runs[i].ran_nothing) {
			idle = true;
			printf("%s: nothing was fuzzed: %s (log: %s)\n", runs[i].target,
			       runs[i].last_error[0] ? runs[i].last_error : "the engine said nothing", runs[i].log);
		}
	if (crashes + timeouts + ooms == 0) {
		printf("%s; corpora in %s/corpus/, stats in %s/stats/, logs in %s/logs/\n",
		       idle ? "no crashes in what did run" : "no crashes", out, out, out);
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
	printf("next: bin/netfuzz triage %s/crashes %s/timeouts %s/ooms%s%s   (classify, dedupe, minimize; --file to file "
	       "them)\n", out, out, out, inject_name ? " --inject " : "", inject_name ? inject_name : "");
}

/* --mutator: structure (the default where a target supports it) or bytes. */
static const char *opt_mutator;

static const char *mutator_for(const char *target)
{
	if (!nf_mutate_supported(target))
		return "bytes";
	return opt_mutator ? opt_mutator : "structure";
}

/* One turn of one target: set up its directories, run the engine, count.
 * Returns 0, or NF_EXIT_USAGE if the target could not be fuzzed. */
static int run_turn(struct fuzz_run *r, const char *out)
{
	int rc;

	r->tty = isatty(2);
	r->mutator = mutator_for(r->target);
	if (setup(r, out) != 0)
		return NF_EXIT_USAGE;
	r->start = nf_now();
	rc = strcmp(r->engine, "afl") ? nf_fuzz_libfuzzer(r) : nf_fuzz_afl(r);
	r->interrupted = r->interrupted || nf_fuzz_interrupted;
	nf_fuzz_count_artifacts(r);
	r->corpus_after = nf_fuzz_count_files(r->corpus);
	nf_fuzz_stats_row(r);
	fclose(r->csv);
	r->csv = NULL;
	if (rc != 0) {
		fprintf(stderr, "netfuzz: fuzz: %s could not be fuzzed (see above)\n", r->target);
		return NF_EXIT_USAGE;
	}
	/* issue 26 rows 3, 4, 6: "0 execs" was reported as a clean campaign */
	if (!r->interrupted && r->st.crashes + r->st.timeouts + r->st.ooms == 0 &&
	    (r->st.execs == 0 || r->elapsed + 1 < r->seconds)) {
		r->ran_nothing = true;
		fprintf(stderr, "netfuzz: fuzz: %s: nothing was fuzzed (%lld executions in %.0fs of a %ds budget); the "
				"engine's last word: %s (log: %s)\n", r->target, r->st.execs, r->elapsed, r->seconds,
			r->last_error[0] ? r->last_error : "(nothing)", r->log);
	}
	return 0;
}

/* Run bin/netfuzz itself (the same binary) with argv, output passed through. */
static int run_self(char *const argv[])
{
	char self[PATH_MAX];
	char *av[16];
	struct nf_proc_result res;
	ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
	int i;

	if (n <= 0)
		return -1;
	self[n] = 0;
	av[0] = self;
	for (i = 0; argv[i] && i < 14; i++)
		av[i + 1] = argv[i];
	av[i + 1] = NULL;
	if (!nf_proc_run(av, NULL, 0, 1 << 22, &res))
		return -1;
	fputs(res.output, stdout);
	fflush(stdout);
	free(res.output);
	return WIFEXITED(res.status) ? WEXITSTATUS(res.status) : -1;
}

/* --soak HOURS: every target in turn, round-robin, each turn `seconds`
 * long (the last one cut to what is left), until the time is spent.  The
 * summary adds up each target's turns; then the findings are triaged and
 * the report page written, so a long unattended run ends with something
 * to read. */
static int soak(const char **names, size_t n, struct fuzz_run *agg, const char *engine, int seconds, int jobs,
		bool update, double hours, const char *out, size_t *done)
{
	double deadline = nf_now() + hours * 3600.0;
	int rounds = 0;

	for (size_t i = 0; i < n; i++) {
		agg[i].target = names[i];
		agg[i].engine = engine;
		agg[i].corpus_before = -1;
	}
	while (!nf_fuzz_interrupted && deadline - nf_now() >= 1) {
		rounds++;
		for (size_t i = 0; i < n && !nf_fuzz_interrupted; i++) {
			struct fuzz_run r = {0}, *a = &agg[i];
			double left = deadline - nf_now();

			if (left < 1)
				break;
			r.target = names[i];
			r.engine = engine;
			r.inject_env = inject_env; /* --inject holds for every turn */
			r.jobs = jobs;
			r.update_seeds = update;
			r.seconds = left < seconds ? (int)(left + 0.5) : seconds;
			if (r.seconds < 1)
				r.seconds = 1;
			r.t0 = a->t0;
			r.execs0 = a->execs0 + a->st.execs;
			fprintf(stderr, "netfuzz: soak round %d, %s: %ds (%.0fs of the soak left)\n", rounds, names[i],
				r.seconds, left);
			if (run_turn(&r, out) != 0)
				return NF_EXIT_USAGE;
			if (a->corpus_before < 0)
				a->corpus_before = r.corpus_before;
			a->execs0 += a->st.execs; /* execs of the turns before this one */
			a->t0 += r.elapsed;
			a->merge_s += r.merge_s;
			a->recovered += r.recovered;
			a->st = r.st;
			a->seconds += r.seconds;
			a->corpus_after = r.corpus_after;
			memcpy(a->crashes, r.crashes, sizeof a->crashes); /* for the summary's paths */
			memcpy(a->timeouts, r.timeouts, sizeof a->timeouts);
			memcpy(a->ooms, r.ooms, sizeof a->ooms);
			a->interrupted |= r.interrupted;
			if (r.ran_nothing) {
				a->ran_nothing = true;
				snprintf(a->last_error, sizeof a->last_error, "%s", r.last_error);
				snprintf(a->log, sizeof a->log, "%s", r.log);
			}
			if (*done < i + 1)
				*done = i + 1;
		}
	}
	/* fold the turns into one row per target */
	for (size_t i = 0; i < *done; i++) {
		agg[i].elapsed = agg[i].t0;
		agg[i].st.execs += agg[i].execs0;
		agg[i].st.exec_s = agg[i].elapsed > 0 ? (long)((double)agg[i].st.execs / agg[i].elapsed) : 0;
	}
	fprintf(stderr, "netfuzz: soak: %d round(s) over %zu target(s) in %.0fs\n", rounds, n,
		hours * 3600.0 - (deadline - nf_now()));
	return 0;
}

/* What the option table of `netfuzz fuzz` fills in. */
struct fuzz_opts {
	const char *engine, *mutator, **names;
	char *out;
	double hours;
	size_t n;
};

static int opt_choice(void *ctx, const char *name, const char *v)
{
	struct fuzz_opts *f = ctx;

	if (!strcmp(name, "--engine")) {
		if (strcmp(v, "libfuzzer") && strcmp(v, "afl"))
			return nf_usage_error("fuzz", "--engine must be libfuzzer or afl, not '%s'", v);
		f->engine = v;
	} else {
		/* structure-aware (default where supported) or plain bytes (docs/mutator.md) */
		if (strcmp(v, "structure") && strcmp(v, "bytes"))
			return nf_usage_error("fuzz", "--mutator must be structure or bytes, not '%s'", v);
		f->mutator = v;
	}
	return 0;
}

static int opt_soak(void *ctx, const char *name, const char *v)
{
	struct fuzz_opts *f = ctx;
	char *end;

	f->hours = strtod(v, &end);
	if (*end || !(f->hours > 0) || f->hours > 1000)
		return nf_usage_error("fuzz", "--soak needs a number of hours (e.g. 1 or 0.5), not '%s'", v);
	return 0;
}

static int opt_out(void *ctx, const char *name, const char *v)
{
	if (!*v)
		return nf_usage_error("fuzz", "--out needs a directory, not an empty string");
	if (!nf_strfmt(((struct fuzz_opts *)ctx)->out, PATH_MAX, "%s", v))
		return nf_usage_error("fuzz", "--out is longer than %d characters; nothing was changed", PATH_MAX - 1);
	return 0;
}

static int opt_inject(void *ctx, const char *name, const char *v)
{
	inject_name = v;
	return nf_inject_env("fuzz", v, &inject_env) != 0 ? NF_EXIT_USAGE : 0;
}

static int target_arg(void *ctx, const char *a)
{
	struct fuzz_opts *f = ctx;

	if (a[0] == '-')
		return nf_usage_error("fuzz", "unknown option '%s' (netfuzz help)", a);
	if (!nf_target_dir(a))
		return nf_usage_error("fuzz", "unknown target '%s' (netfuzz list shows the targets)", a);
	if (f->n < FUZZ_MAX_TARGETS)
		f->names[f->n++] = a;
	return 0;
}

NF_COMMAND(fuzz, "[TARGET...] [--engine libfuzzer|afl] [--mutator structure|bytes] [--seconds N] [--jobs N] [--out DIR] [--update-seeds] [--soak HOURS] [--inject FAULT]",
	   "fuzz targets with live progress and a summary; crashes in out/crashes/<t>/; --soak: round-robin for HOURS, then triage and report")
{
	const char *engine = "libfuzzer", *names[FUZZ_MAX_TARGETS];
	char out[PATH_MAX], abs_out[PATH_MAX];
	int seconds = FUZZ_DEFAULT_SECONDS, jobs = 1;
	bool update = false, seconds_given = false;
	double hours = 0;
	size_t n = 0, done = 0;
	struct fuzz_run *runs;
	struct sigaction sa;
	int findings = 0;

	if (!nf_path_join(out, sizeof out, nf_project_root(), "out"))
		return nf_usage_error("fuzz", "the project root %s is too long", nf_project_root());
	{
		struct fuzz_opts f = {.engine = engine, .mutator = opt_mutator, .names = names, .out = out};
		const struct nf_opt table[] = {
			{"--engine", NF_OPT_FN, &f, .fn = opt_choice, .takes_value = true},
			{"--mutator", NF_OPT_FN, &f, .fn = opt_choice, .takes_value = true},
			{"--seconds", NF_OPT_INT, &seconds, 1, 1000000, .seen = &seconds_given},
			{"--jobs", NF_OPT_INT, &jobs, 1, 1000000},
			{"--soak", NF_OPT_FN, &f, .fn = opt_soak, .takes_value = true},
			{"--out", NF_OPT_FN, &f, .fn = opt_out, .takes_value = true},
			{"--inject", NF_OPT_FN, &f, .fn = opt_inject, .takes_value = true},
			{"--update-seeds", NF_OPT_FLAG, &update},
			{NULL},
		};
		const struct nf_opts opts = {"fuzz", table, NULL, target_arg, &f};
		int rc = nf_parse_opts(&opts, argc, argv, NULL);

		if (rc)
			return rc;
		engine = f.engine;
		opt_mutator = f.mutator;
		hours = f.hours;
		n = f.n;
	}
	if (n == 0)
		for (const struct nf_target *t = nf_target_first(); t < nf_target_end() && n < FUZZ_MAX_TARGETS; t++)
			names[n++] = t->name;
	if (n == 0)
		return nf_usage_error("fuzz", "no targets");
	if (hours > 0 && !seconds_given)
		seconds = FUZZ_SOAK_TURN_SECONDS;
	/* Resolve --out once, now: the engines and their helpers (afl-cmin runs
	 * in another directory) must all see the same absolute path. */
	if (!nf_fuzz_out_fits(out) || nf_fuzz_mkdirs(out) != 0)
		return NF_EXIT_USAGE;
	if (!realpath(out, abs_out))
		return nf_usage_error("fuzz", "cannot resolve --out %s: %s", out, strerror(errno));
	snprintf(out, sizeof out, "%s", abs_out);
	if (!nf_fuzz_out_fits(out))
		return NF_EXIT_USAGE;
	/* one campaign per --out (issue 26 row 7); held until we exit */
	if (nf_fuzz_lock(out) < 0)
		return NF_EXIT_USAGE;
	for (size_t i = 0; opt_mutator && !strcmp(opt_mutator, "structure") && i < n; i++)
		if (!nf_mutate_supported(names[i]))
			return nf_usage_error("fuzz", "target '%s' has no structure mutator (netfuzz list shows which do)",
					      names[i]);
	runs = calloc(n, sizeof *runs);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_sigint;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);

	{ /* issue 14: build (or find cached) the instrumented libraries first, and say which are;
	   * issue 22: only when a target to fuzz links one (LIBS_FOR: the Makefile knows which).
	   * One make argument, no shell (issue 26). */
		char eng[64], libs[1024], libs_for[4096] = "LIBS_FOR=";
		bool plain = true; /* target names are [A-Za-z0-9_-]; anything else: every library */

		snprintf(eng, sizeof eng, "ENGINE=%s", engine);
		for (size_t i = 0; i < n; i++)
			plain = plain && names[i][strspn(names[i], "abcdefghijklmnopqrstuvwxyz"
								   "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")] == 0;
		for (size_t i = 0; plain && i < n; i++)
			if (!nf_strfmt(libs_for + strlen(libs_for), sizeof libs_for - strlen(libs_for), "%s%s", i ? " " : "",
				       names[i]))
				plain = false;
		if (!plain)
			snprintf(libs_for, sizeof libs_for, "LIBS_FOR=");
		if (nf_make((char *const[]){eng, "SANITIZER=address", "libs", libs_for, NULL}, true) != 0)
			fprintf(stderr, "netfuzz: fuzz: building the instrumented libraries failed (above)\n");
		nf_cli_libraries_line(engine, libs, sizeof libs);
		fprintf(stderr, "libraries: %s\n", libs);
	}
	if (hours > 0) {
		fprintf(stderr, "netfuzz: soak: %zu target(s) round-robin with %s for %gh, %ds per turn, %d job(s); output in %s/\n",
			n, engine, hours, seconds, jobs, out);
		if (soak(names, n, runs, engine, seconds, jobs, update, hours, out, &done) != 0) {
			free(runs);
			return NF_EXIT_USAGE;
		}
	} else {
		long total = (long)n * seconds;
		fprintf(stderr, "netfuzz: fuzzing %zu target(s) with %s, %ds each, %d job(s): %ldm%02lds of fuzzing in all, "
				"plus a merge after each target; output in %s/\n",
			n, engine, seconds, jobs, total / 60, total % 60, out);
		for (size_t i = 0; i < n && !nf_fuzz_interrupted; i++) {
			struct fuzz_run *r = &runs[i];

			r->target = names[i];
			r->engine = engine;
			r->inject_env = inject_env;
			r->seconds = seconds;
			r->jobs = jobs;
			r->update_seeds = update;
			if (run_turn(r, out) != 0) {
				free(runs);
				return NF_EXIT_USAGE;
			}
			done++;
		}
	}
	for (size_t i = 0; i < done; i++)
		findings += runs[i].st.crashes + runs[i].st.timeouts + runs[i].st.ooms + runs[i].ran_nothing;
	if (nf_fuzz_interrupted)
		fprintf(stderr, "netfuzz: fuzz: interrupted; %zu of %zu target(s) run\n", done, n);
	summary(runs, done, out);
	free(runs);
	if (hours > 0 && !nf_fuzz_interrupted) {
		char crashes[PATH_MAX], timeouts[PATH_MAX], ooms[PATH_MAX];
		char *tri[] = {"triage", crashes, timeouts, ooms, NULL, NULL, NULL};
		char *rep[] = {"report", "--out", out, NULL};

		/* checked when the targets were set up */
		nf_path_join(crashes, sizeof crashes, out, "crashes");
		nf_path_join(timeouts, sizeof timeouts, out, "timeouts");
		nf_path_join(ooms, sizeof ooms, out, "ooms");
		if (inject_name) /* what was found under the fault reproduces only under it */
			tri[4] = "--inject", tri[5] = (char *)inject_name;
		fprintf(stderr, "netfuzz: soak: triaging %s/crashes, timeouts, ooms\n", out);
		if (run_self(tri) < 0)
			fprintf(stderr, "netfuzz: soak: triage could not be run\n");
		if (run_self(rep) != 0)
			fprintf(stderr, "netfuzz: soak: report could not be written\n");
	}
	return findings ? NF_EXIT_FINDINGS : NF_EXIT_OK;
}
