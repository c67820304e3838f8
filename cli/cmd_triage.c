/* netfuzz triage CRASH...|DIR and netfuzz triage --from-log LOG: argv and
 * printing only; the work is in src/triage/ (include/netfuzz/triage.h).
 *
 *  1. reproduce each input --runs times (nf_triage_reproduce; flaky if it
 *     crashes only sometimes) and bucket by signature;
 *  2. group the buckets (nf_triage_group: ClusterFuzz's grouper rules);
 *  3. minimize each group's smallest input within --minimize-seconds
 *     (nf_triage_minimize), or each bucket's with --per-bucket;
 *  4. --file: one regression case per group (per bucket with --per-bucket);
 *  5. print groups then buckets: table, --json, --sarif FILE.
 * --from-log parses a saved log without running anything. */
#include "netfuzz/cli.h"
#include "target_options.h"
#include "netfuzz/proc.h"
#include "netfuzz/triage.h"
#include "netfuzz/util.h"

#include <dirent.h>
#include <jansson.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_INPUTS 4096

struct opts {
	int runs, minimize_seconds, timeout;
	bool file, json, per_bucket;
	const char *sarif, *from_log, *target, *regressions_dir;
};

struct inputs {
	char **v;
	size_t n;
	int bad;
};

static void on_input(const char *path, void *arg)
{
	struct inputs *in = arg;
	size_t l = strlen(path);

	if ((l > 5 && !strcmp(path + l - 5, ".json")) || in->n == MAX_INPUTS) /* metadata beside a case */
		return;
	in->v = realloc(in->v, (in->n + 1) * sizeof *in->v);
	in->v[in->n++] = strdup(path);
}

static void on_bad_input(const char *path, const char *why, void *arg)
{
	fprintf(stderr, "netfuzz: triage: cannot read %s: %s\n", path, why);
	((struct inputs *)arg)->bad++;
}

/* The crash's target: --target, else the directory after crashes/,
 * timeouts/ or ooms/ (out/crashes/<t>/crash-...), else the parent directory
 * if it names a target. */
static bool target_of(const char *path, const char *forced, char *out, size_t outlen)
{
	static const char *const parents[] = {"crashes/", "timeouts/", "ooms/"};
	char buf[PATH_MAX], *slash;

	if (forced) {
		snprintf(out, outlen, "%s", forced);
		return nf_target_dir(out) != NULL;
	}
	for (size_t i = 0; i < 3; i++) {
		const char *p = NULL;
		for (const char *q = path; (q = strstr(q, parents[i])) != NULL; q++)
			if (q == path || q[-1] == '/')
				p = q + strlen(parents[i]);
		if (p) {
			snprintf(out, outlen, "%.*s", (int)strcspn(p, "/"), p);
			if (nf_target_dir(out))
				return true;
		}
	}
	snprintf(buf, sizeof buf, "%s", path);
	slash = strrchr(buf, '/');
	if (slash) {
		*slash = 0;
		slash = strrchr(buf, '/');
		snprintf(out, outlen, "%s", slash ? slash + 1 : buf);
		if (nf_target_dir(out))
			return true;
	}
	return false;
}

static char *read_all(const char *path, size_t *len)
{
	char err[PATH_MAX + 64];
	size_t n = 0;
	char *buf = (char *)nf_read_file(path, SIZE_MAX / 2, &n, err, sizeof err);

	if (buf) {
		/* a NUL inside a log would end it early: make it a space */
		for (size_t i = 0; i < n; i++)
			if (!buf[i])
				buf[i] = ' ';
		buf[n] = 0;
	}
	if (len)
		*len = n;
	return buf;
}

static long file_size(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 ? (long)st.st_size : -1;
}

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

/* Binaries and settings for one target (the libFuzzer build only when
 * minimizing: building it costs a make). */
struct runner {
	struct nf_triage_runner r;
	char target[128], standalone[PATH_MAX], libfuzzer[PATH_MAX], asan[1024], ubsan[256], quiet[16];
	char *env[4];
};

static bool runner_for(struct runner *x, const char *t, const struct opts *o, bool symbolize, bool minimize)
{
	memset(x, 0, sizeof *x);
	snprintf(x->target, sizeof x->target, "%s", t);
	if (!nf_target_binary_fresh("standalone", "address", t, x->standalone, sizeof x->standalone))
		return false;
	if (minimize && !nf_target_binary_fresh("libfuzzer", "address", t, x->libfuzzer, sizeof x->libfuzzer))
		x->libfuzzer[0] = 0;
	sanitizer_env(t, symbolize, x->asan, sizeof x->asan, x->ubsan, sizeof x->ubsan);
	snprintf(x->quiet, sizeof x->quiet, "NETFUZZ_QUIET=1");
	x->env[0] = x->asan, x->env[1] = x->ubsan, x->env[2] = x->quiet;
	x->r = (struct nf_triage_runner){x->target, x->standalone, x->libfuzzer[0] ? x->libfuzzer : NULL,
					 "/usr/bin/afl-tmin", x->env, target_timeout(t, o->timeout)};
	return true;
}

/* Reproduce one input --runs times and put it in its bucket. */
static void bucket_input(struct nf_bucket *b, size_t *nb, const char *path, const char *t, const struct opts *o,
			 size_t *norepro)
{
	struct runner sym, fast;
	struct nf_crash first = {0}, c;
	int crashed = 0;
	long size = file_size(path);
	size_t k;

	if (!runner_for(&sym, t, o, true, false) || !runner_for(&fast, t, o, false, false))
		exit(NF_EXIT_USAGE);
	for (int r = 0; r < o->runs; r++) {
		memset(&c, 0, sizeof c);
		if (!nf_triage_reproduce(crashed ? &fast.r : &sym.r, path, &c))
			continue;
		if (!crashed++)
			first = c;
		else
			nf_crash_free(&c);
		if (!strcmp(first.type, "Timeout"))
			break; /* a second wait would only repeat the same hang */
	}
	if (!crashed) {
		fprintf(stderr, "netfuzz: triage: %s (%s) did not crash in %d run(s)\n", path, t, o->runs);
		(*norepro)++;
		return;
	}
	for (k = 0; k < *nb; k++)
		if (!strcmp(b[k].crash.signature, first.signature) && !strcmp(b[k].target, t))
			break;
	if (k == *nb) {
		b[k].crash = first;
		snprintf(b[k].target, sizeof b[k].target, "%s", t);
		snprintf(b[k].first, sizeof b[k].first, "%s", path);
		snprintf(b[k].smallest, sizeof b[k].smallest, "%s", path);
		b[k].smallest_size = size;
		(*nb)++;
	} else {
		nf_crash_free(&first);
		if (size < b[k].smallest_size) {
			snprintf(b[k].smallest, sizeof b[k].smallest, "%s", path);
			b[k].smallest_size = size;
		}
	}
	b[k].count++;
	b[k].runs += strcmp(b[k].crash.type, "Timeout") ? o->runs : 1;
	b[k].crashed += crashed;
	if (b[k].crashed < b[k].runs)
		b[k].note = "flaky";
}

/* Minimize and file one bucket per group (the one holding the group's
 * smallest input), or every bucket with --per-bucket. */
static int minimize_and_file(struct nf_bucket *b, size_t nb, const struct opts *o, const char *regdir)
{
	size_t groups = nf_triage_group(b, nb);

	for (size_t k = 0; k < nb; k++) {
		struct nf_group g;
		struct runner x;
		char dir[PATH_MAX];

		nf_triage_group_summary(b, nb, b[k].group, &g);
		if (!o->per_bucket && g.smallest != k)
			continue;
		snprintf(dir, sizeof dir, "%s/out/triage/%s", nf_project_root(), b[k].target);
		if (o->minimize_seconds > 0 && (nf_mkdir_p(dir) != 0 || !runner_for(&x, b[k].target, o, true, true)))
			b[k].minimize_note = "cannot prepare out/triage/ or the target's builds";
		else
			nf_triage_minimize(&x.r, &b[k], dir, o->minimize_seconds);
		if (o->file && nf_triage_file_case(&b[k], regdir) != 0)
			return NF_EXIT_USAGE;
	}
	(void)groups;
	return NF_EXIT_OK;
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
	char *log = read_all(o->from_log, &len);
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

static int parse_int(const char *s, int *out)
{
	long long v;
	char err[128];

	if (!nf_parse_int(s, 0, 100000, &v, err, sizeof err))
		return -1;
	*out = (int)v;
	return 0;
}

NF_COMMAND(triage,
	   "CRASH...|DIR [--runs N] [--file [--per-bucket]] [--regressions-dir D] [--json] [--sarif FILE] "
	   "[--minimize-seconds N] [--target T] [--timeout N] | --from-log LOG [--json] [--sarif FILE]",
	   "classify, dedupe, group, minimize and file crashes (ClusterFuzz type/state/signature, grouper)")
{
	struct opts o = {.runs = 3, .minimize_seconds = 10};
	struct inputs in = {0};
	struct nf_bucket *b;
	char regdir[PATH_MAX];
	const char **args = calloc((size_t)argc, sizeof *args);
	size_t nargs = 0, nb = 0, norepro = 0;
	int rc;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		bool has_val = i + 1 < argc;

		if (!strcmp(a, "--file"))
			o.file = true;
		else if (!strcmp(a, "--per-bucket"))
			o.per_bucket = true;
		else if (!strcmp(a, "--json"))
			o.json = true;
		else if (!strcmp(a, "--runs") && has_val) {
			if (parse_int(argv[++i], &o.runs) || o.runs < 1)
				return nf_usage_error("triage", "--runs needs a number >= 1, not '%s'", argv[i]);
		} else if (!strcmp(a, "--minimize-seconds") && has_val) {
			if (parse_int(argv[++i], &o.minimize_seconds))
				return nf_usage_error("triage", "--minimize-seconds needs a number, not '%s'", argv[i]);
		} else if (!strcmp(a, "--timeout") && has_val) {
			if (parse_int(argv[++i], &o.timeout) || o.timeout < 1)
				return nf_usage_error("triage", "--timeout needs a number >= 1, not '%s'", argv[i]);
		} else if (!strcmp(a, "--sarif") && has_val)
			o.sarif = argv[++i];
		else if (!strcmp(a, "--from-log") && has_val)
			o.from_log = argv[++i];
		else if (!strcmp(a, "--target") && has_val)
			o.target = argv[++i];
		else if (!strcmp(a, "--regressions-dir") && has_val)
			o.regressions_dir = argv[++i];
		else if (a[0] == '-' && a[1])
			return nf_usage_error("triage", "unknown option or missing value: '%s' (netfuzz help)", a);
		else
			args[nargs++] = a;
	}
	if (o.from_log) {
		if (nargs)
			return nf_usage_error("triage", "--from-log takes no CRASH arguments");
		return from_log(&o);
	}
	if (!nargs)
		return nf_usage_error("triage", "usage: netfuzz triage CRASH...|DIR  or  netfuzz triage --from-log LOG");
	if (o.target && !nf_target_dir(o.target))
		return nf_usage_error("triage", "unknown target '%s' (netfuzz list shows the targets)", o.target);
	for (size_t i = 0; i < nargs; i++)
		nf_walk_files(args[i], 8, on_input, on_bad_input, &in);
	if (in.bad)
		return nf_usage_error("triage", "%d input(s) unreadable; nothing was run", in.bad);
	if (!in.n) {
		fprintf(stderr, "netfuzz: triage: nothing to triage (the directories are empty)\n");
		return NF_EXIT_OK;
	}
	for (size_t i = 0; i < in.n; i++) {
		char t[128];
		if (!target_of(in.v[i], o.target, t, sizeof t))
			return nf_usage_error("triage",
				"cannot tell the target of %s (expected a path like out/crashes/<target>/...; "
				"or pass --target T)", in.v[i]);
	}
	snprintf(regdir, sizeof regdir, "%s", o.regressions_dir ? o.regressions_dir : "");
	if (!o.regressions_dir)
		snprintf(regdir, sizeof regdir, "%s/regressions/crashes", nf_project_root());

	b = calloc(in.n, sizeof *b);
	for (size_t i = 0; i < in.n; i++) {
		char t[128];
		target_of(in.v[i], o.target, t, sizeof t);
		bucket_input(b, &nb, in.v[i], t, &o, &norepro);
	}
	if (minimize_and_file(b, nb, &o, regdir) != NF_EXIT_OK)
		return NF_EXIT_USAGE;
	nf_triage_save_for_report(b, nb);
	rc = emit(b, nb, &o, false);
	if (norepro)
		fprintf(stderr, "netfuzz: triage: %zu input(s) did not reproduce\n", norepro);
	for (size_t k = 0; k < nb; k++) {
		nf_crash_free(&b[k].crash);
		nf_crash_free(&b[k].minimized_crash);
	}
	free(b);
	return rc;
}
