/* netfuzz triage CRASH...|DIR and netfuzz triage --from-log LOG: argv and
 * printing only; the work is in src/triage/ (include/netfuzz/triage.h).
 *
 *  1. collect the inputs and the target of each (nf_triage_collect,
 *     nf_triage_target_of);
 *  2. reproduce each --runs times and bucket by signature
 *     (nf_triage_bucket_inputs; flaky if it crashes only sometimes);
 *  3. group, minimize each group's smallest input within
 *     --minimize-seconds, --file one case per group or per bucket
 *     (nf_triage_minimize_and_file);
 *  4. print groups then buckets: table, --json, --sarif FILE.
 * --from-log parses a saved log without running anything.  This file only
 * knows the build tree: which binaries and sanitizer settings run a target. */
#include "args.h"
#include "cli.h"
#include "inject.h"
#include "target_options.h"
#include "netfuzz/proc.h"
#include "netfuzz/repro.h"
#include "netfuzz/triage.h"
#include "netfuzz/util.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct opts {
	int runs, minimize_seconds, timeout;
	bool file, json, per_bucket;
	const char *sarif, *from_log, *target, *regressions_dir, *inject;
	char *const *inject_env; /* --inject FAULT: VAR=value for every run (harness/inject.c) */
};

static bool known_target(const char *t) { return nf_target_dir(t) != NULL; }

/* Sanitizer settings for one reproduction: crash on the first error, find
 * leaks, bound memory (an OOM becomes a report, not a dead machine).  Only
 * the first run of an input needs symbols; the repeat runs that count
 * flakiness skip llvm-symbolizer, the slowest part of a run. */
static void sanitizer_env(const char *target, bool symbolize, char *asan, size_t asanlen, char *ubsan,
			  size_t ubsanlen)
{
	struct nf_option o[NF_OPTIONS_MAX];
	size_t n = nf_options_read(target, "asan", o, NF_OPTIONS_MAX), l;

	l = (size_t)snprintf(asan, asanlen,
			     "ASAN_OPTIONS=detect_leaks=1:symbolize=%d:allocator_may_return_null=0:"
			     "handle_abort=1:handle_sigfpe=1:hard_rss_limit_mb=2560:"
			     "max_allocation_size_mb=2048:detect_stack_use_after_return=1", symbolize);
	for (size_t i = 0; i < n && l < asanlen; i++)
		l += (size_t)snprintf(asan + l, asanlen - l, ":%s=%s", o[i].key, o[i].value);
	snprintf(ubsan, ubsanlen, "UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:symbolize=%d", symbolize);
}

static int target_timeout(const char *target, int forced)
{
	struct nf_option o[NF_OPTIONS_MAX];
	size_t n;

	if (forced > 0)
		return forced;
	n = nf_options_read(target, "libfuzzer", o, NF_OPTIONS_MAX);
	for (size_t i = 0; i < n; i++)
		if (!strcmp(o[i].key, "timeout") && atoi(o[i].value) > 0)
			return atoi(o[i].value);
	return 25; /* libFuzzer's default -timeout is 1200; OSS-Fuzz uses 25 */
}

/* Binaries and settings for one target, one entry per (target, symbolize,
 * minimize): nf_triage_runner points into it, so entries live until exit
 * (the libFuzzer build only when minimizing: building it costs a make). */
struct runner {
	struct nf_triage_runner r;
	bool symbolize, minimize;
	char target[128], standalone[PATH_MAX], libfuzzer[PATH_MAX], asan[1024], ubsan[256], quiet[16];
	char *env[8];
};

static bool runner_for(void *ctx, const char *t, bool symbolize, bool minimize, struct nf_triage_runner *out)
{
	static struct runner cache[64];
	static size_t n;
	const struct opts *o = ctx;
	struct runner *x = NULL;

	for (size_t i = 0; i < n && !x; i++)
		if (!strcmp(cache[i].target, t) && cache[i].symbolize == symbolize && cache[i].minimize == minimize)
			x = &cache[i];
	if (!x) {
		x = &cache[n < 64 ? n++ : 63];
		memset(x, 0, sizeof *x);
		snprintf(x->target, sizeof x->target, "%s", t);
		x->symbolize = symbolize, x->minimize = minimize;
		if (!nf_target_binary_fresh("standalone", "address", t, x->standalone, sizeof x->standalone)) {
			x->target[0] = 0;
			return false;
		}
		if (minimize && !nf_target_binary_fresh("libfuzzer", "address", t, x->libfuzzer, sizeof x->libfuzzer))
			x->libfuzzer[0] = 0;
		sanitizer_env(t, symbolize, x->asan, sizeof x->asan, x->ubsan, sizeof x->ubsan);
		snprintf(x->quiet, sizeof x->quiet, "NETFUZZ_QUIET=1");
		x->env[0] = x->asan, x->env[1] = x->ubsan, x->env[2] = x->quiet;
		for (size_t i = 0, e = 3; o->inject_env && o->inject_env[i] && e < 7; i++) /* --inject */
			x->env[e++] = o->inject_env[i];
		x->r = (struct nf_triage_runner){x->target, x->standalone, x->libfuzzer[0] ? x->libfuzzer : NULL,
						 "/usr/bin/afl-tmin", x->env, target_timeout(t, o->timeout)};
	}
	*out = x->r;
	return true;
}

static int emit(struct nf_bucket *b, size_t n, const struct opts *o, bool from_log)
{
	if (o->json) {
		if (nf_triage_print_json(b, n, from_log) != 0)
			return NF_EXIT_USAGE;
	} else {
		nf_triage_print_table(b, n, from_log);
	}
	if (o->sarif && nf_triage_write_sarif(o->sarif, b, n) != 0) {
		fprintf(stderr, "netfuzz: triage: cannot write %s\n", o->sarif);
		return NF_EXIT_USAGE;
	}
	return n ? NF_EXIT_FINDINGS : NF_EXIT_OK;
}

static int from_log(const struct opts *o)
{
	static struct nf_crash reports[NF_TRIAGE_MAX_REPORTS];
	struct nf_bucket *b;
	size_t n, len;
	char *log = nf_triage_read_log(o->from_log, &len);
	int rc;

	if (!log)
		return nf_usage_error("triage", "cannot read %s: %s", o->from_log, strerror(errno));
	n = nf_triage_parse_buf(log, len, o->target, reports, NF_TRIAGE_MAX_REPORTS);
	free(log);
	if (n == 0)
		fprintf(stderr, "netfuzz: triage: no sanitizer or libFuzzer report in %s\n", o->from_log);
	b = calloc(n ? n : 1, sizeof *b);
	for (size_t i = 0; i < n; i++) {
		b[i].crash = reports[i];
		b[i].count = 1;
		if (o->target)
			snprintf(b[i].target, sizeof b[i].target, "%s", o->target);
	}
	nf_triage_group(b, n);
	rc = emit(b, n, o, true);
	for (size_t i = 0; i < n; i++)
		nf_crash_free(&reports[i]);
	free(b);
	return rc;
}

/* A crash file or directory argument. */
struct triage_args {
	const char **v;
	size_t n;
};

static int input_arg(void *ctx, const char *a)
{
	struct triage_args *t = ctx;

	t->v[t->n++] = a;
	return 0;
}

NF_COMMAND(triage,
	   "CRASH...|DIR [--runs N] [--file [--per-bucket]] [--regressions-dir D] [--json] [--sarif FILE] "
	   "[--minimize-seconds N] [--target T] [--timeout N] [--inject FAULT] | --from-log LOG [--json] [--sarif FILE]",
	   "classify, dedupe, group, minimize and file crashes (ClusterFuzz type/state/signature, grouper)")
{
	struct opts o = {.runs = 3, .minimize_seconds = 10};
	struct nf_triage_inputs in = {0};
	struct nf_bucket *b;
	char regdir[PATH_MAX], **targets;
	struct nf_triage_job job;
	const char **args = calloc((size_t)argc, sizeof *args);
	size_t nargs = 0, nb = 0, norepro = 0;
	int rc;

	{
		struct triage_args ta = {args, 0};
		const struct nf_opt table[] = {
			{"--file", NF_OPT_FLAG, &o.file},
			{"--per-bucket", NF_OPT_FLAG, &o.per_bucket},
			{"--json", NF_OPT_FLAG, &o.json},
			{"--runs", NF_OPT_INT, &o.runs, 1, 100000},
			{"--minimize-seconds", NF_OPT_INT, &o.minimize_seconds, 0, 100000},
			{"--timeout", NF_OPT_INT, &o.timeout, 1, 100000},
			{"--sarif", NF_OPT_STR, &o.sarif},
			{"--from-log", NF_OPT_STR, &o.from_log},
			{"--target", NF_OPT_STR, &o.target},
			{"--regressions-dir", NF_OPT_STR, &o.regressions_dir},
			{"--inject", NF_OPT_STR, &o.inject},
			{NULL},
		};
		const struct nf_opts opts = {"triage", table, NULL, input_arg, &ta};

		if ((rc = nf_parse_opts(&opts, argc, argv, NULL)) != 0)
			return rc;
		nargs = ta.n;
	}
	if (o.inject && nf_inject_env("triage", o.inject, &o.inject_env) != 0)
		return NF_EXIT_USAGE; /* before anything runs or is written */
	if (o.from_log) {
		if (o.inject)
			return nf_usage_error("triage", "--inject runs the inputs; --from-log runs nothing");
		if (nargs)
			return nf_usage_error("triage", "--from-log takes no CRASH arguments");
		return from_log(&o);
	}
	if (!nargs)
		return nf_usage_error("triage", "usage: netfuzz triage CRASH...|DIR  or  netfuzz triage --from-log LOG");
	if (o.target && !nf_target_dir(o.target))
		return nf_usage_error("triage", "unknown target '%s' (netfuzz list shows the targets)", o.target);
	for (size_t i = 0; i < nargs; i++)
		nf_triage_collect(args[i], &in);
	if (in.bad)
		return nf_usage_error("triage", "%d input(s) unreadable; nothing was run", in.bad);
	if (!in.n) {
		fprintf(stderr, "netfuzz: triage: nothing to triage (the directories are empty)\n");
		return NF_EXIT_OK;
	}
	targets = calloc(in.n, sizeof *targets);
	for (size_t i = 0; i < in.n; i++) {
		char t[128];
		if (!nf_triage_target_of(in.v[i], o.target, known_target, t, sizeof t))
			return nf_usage_error("triage",
				"cannot tell the target of %s (expected a path like out/crashes/<target>/...; "
				"or pass --target T)", in.v[i]);
		targets[i] = strdup(t);
	}
	snprintf(regdir, sizeof regdir, "%s", o.regressions_dir ? o.regressions_dir : "");
	if (!o.regressions_dir)
		snprintf(regdir, sizeof regdir, "%s/regressions/crashes", nf_project_root());
	/* the fault a filed case is proven by: --inject, or one set by hand */
	job = (struct nf_triage_job){o.runs, o.minimize_seconds, o.file, o.per_bucket, regdir,
				     o.inject ? o.inject : nf_fault_in_env(), runner_for, &o};
	b = calloc(in.n, sizeof *b);
	if (nf_triage_bucket_inputs(&job, in.v, targets, in.n, b, &nb, &norepro) != 0)
		return nf_usage_error("triage", "cannot build or find the targets' standalone builds");
	if (nf_triage_minimize_and_file(&job, b, nb) != 0)
		return NF_EXIT_USAGE;
	nf_triage_save_for_report(b, nb);
	rc = emit(b, nb, &o, false);
	if (norepro)
		fprintf(stderr, "netfuzz: triage: %zu input(s) did not reproduce\n", norepro);
	for (size_t k = 0; k < nb; k++) {
		nf_crash_free(&b[k].crash);
		nf_crash_free(&b[k].minimized_crash);
	}
	for (size_t i = 0; i < in.n; i++)
		free(targets[i]);
	free(targets);
	nf_triage_inputs_free(&in);
	free(b);
	return rc;
}
