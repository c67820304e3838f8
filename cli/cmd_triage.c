/* netfuzz triage CRASH...|DIR and netfuzz triage --from-log LOG.
 *
 *  1. reproduce each input --runs times on build/standalone-address/<t>
 *     (flaky if it crashes only sometimes);
 *  2. parse the sanitizer report (triage_parse.c): crash type, state,
 *     security flag, severity, signature;
 *  3. dedupe by signature (count, first input, smallest input);
 *  4. minimize each bucket's smallest input with libFuzzer -minimize_crash
 *     within --minimize-seconds, kept only if the signature is unchanged;
 *  5. --file: regressions/crashes/<t>/<sig> and <sig>.json, status "open";
 *  6. print a table, --json, --sarif FILE.
 * --from-log parses a saved log without running anything. */
#include "netfuzz/cli.h"
#include "netfuzz/util.h"
#include "target_options.h"
#include "netfuzz/proc.h"
#include "netfuzz/triage.h"

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
#define OUTPUT_CAP (1u << 20)
#define REPRO_SLACK_S 2 /* seconds allowed beyond the target timeout */

struct opts {
	int runs, minimize_seconds, timeout;
	bool file, json;
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
 * leaks, bound memory (an OOM becomes a report, not a dead machine). */
static void sanitizer_env(const char *target, char *asan, size_t asanlen, char *ubsan, size_t ubsanlen)
{
	struct nf_option o[NF_OPTIONS_MAX];
	size_t n = nf_options_read(target, "asan", o, NF_OPTIONS_MAX), l;

	l = (size_t)snprintf(asan, asanlen,
			     "ASAN_OPTIONS=detect_leaks=1:symbolize=1:allocator_may_return_null=0:"
			     "handle_abort=1:handle_sigfpe=1:hard_rss_limit_mb=2560:"
			     "max_allocation_size_mb=2048:detect_stack_use_after_return=1");
	for (size_t i = 0; i < n && l < asanlen; i++)
		l += (size_t)snprintf(asan + l, asanlen - l, ":%s=%s", o[i].key, o[i].value);
	snprintf(ubsan, ubsanlen, "UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:symbolize=1");
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

/* One run of the standalone build on one input.  Returns true if it
 * crashed, with the report in *c (caller frees). */
static bool reproduce(const char *bin, const char *target, const char *input, int timeout,
		      struct nf_crash *c)
{
	char asan[1024], ubsan[256], quiet[] = "NETFUZZ_QUIET=1";
	char *env[] = {asan, ubsan, quiet, NULL};
	char *argv[] = {(char *)bin, (char *)input, NULL};
	struct nf_proc_result r;
	struct nf_crash reports[4];
	size_t n;

	sanitizer_env(target, asan, sizeof asan, ubsan, sizeof ubsan);
	/* the bound covers the input's own run plus process start-up and
	 * symbolization, which libFuzzer's -timeout does not count */
	if (!nf_proc_run(argv, env, timeout + REPRO_SLACK_S, OUTPUT_CAP, &r))
		return false;
	if (r.timed_out) {
		/* the standalone driver has no timer of its own: the kill is a
		 * libFuzzer-style timeout */
		char log[256];
		snprintf(log, sizeof log, "==0== ERROR: libFuzzer: timeout after %d seconds\n", timeout);
		nf_triage_parse(log, target, c, 1);
		free(r.output);
		return true;
	}
	if (WIFEXITED(r.status) && WEXITSTATUS(r.status) == 0) {
		free(r.output);
		return false;
	}
	if (WIFEXITED(r.status) && WEXITSTATUS(r.status) == 2 && strstr(r.output, "netfuzz-replay:")) {
		fprintf(stderr, "%s", r.output); /* driver could not read the input */
		free(r.output);
		return false;
	}
	n = nf_triage_parse(r.output, target, reports, 4);
	if (n == 0) { /* died without a sanitizer report */
		char log[128];
		snprintf(log, sizeof log, "==0== ERROR: libFuzzer: deadly signal\n");
		nf_triage_parse(log, target, c, 1);
	} else {
		*c = reports[0];
		for (size_t i = 1; i < n; i++)
			nf_crash_free(&reports[i]);
	}
	free(r.output);
	return true;
}

static bool copy_file(const char *from, const char *to)
{
	size_t n;
	char *data = read_all(from, &n);
	FILE *f;
	bool ok;

	if (!data)
		return false;
	f = fopen(to, "wb");
	ok = f && fwrite(data, 1, n, f) == n;
	if (f)
		ok = (fclose(f) == 0) && ok;
	free(data);
	return ok;
}

/* libFuzzer's crash minimizer, one step at a time (-minimize_crash=1 runs
 * -minimize_crash_internal_step=1 in a loop: each step looks for any
 * smaller crashing input).  After every step the candidate is reproduced
 * on the standalone build and kept only if its signature is unchanged, so
 * the minimizer cannot slide to a different bug; a step that did slide is
 * retried.  The whole search stops at `seconds`. */
#define MINIMIZE_STEP_S 3
#define MINIMIZE_MISSES 3

static void minimize(struct nf_bucket *b, int seconds, int timeout)
{
	char bin[PATH_MAX], sabin[PATH_MAX], dir[PATH_MAX], cand[PATH_MAX], best[PATH_MAX];
	char arg_t[64], arg_s[64], arg_p[PATH_MAX + 32];
	char asan[1024], ubsan[256];
	char *env[] = {asan, ubsan, NULL};
	double deadline = nf_now() + seconds;
	long best_size = b->smallest_size;
	int misses = 0;

	if (seconds <= 0 || !strcmp(b->crash.type, "Timeout") || !strcmp(b->crash.type, "Out-of-memory"))
		return;
	if (!nf_target_binary_fresh("libfuzzer", "address", b->target, bin, sizeof bin) ||
	    !nf_target_binary_fresh("standalone", "address", b->target, sabin, sizeof sabin))
		return;
	snprintf(dir, sizeof dir, "%s/out/triage/%s", nf_project_root(), b->target);
	nf_mkdir_p(dir);
	snprintf(cand, sizeof cand, "%s/%s.step", dir, b->crash.signature);
	snprintf(best, sizeof best, "%s/%s.min", dir, b->crash.signature);
	if (!copy_file(b->smallest, best))
		return;
	sanitizer_env(b->target, asan, sizeof asan, ubsan, sizeof ubsan);
	snprintf(arg_s, sizeof arg_s, "-timeout=%d", timeout);
	snprintf(arg_p, sizeof arg_p, "-exact_artifact_path=%s", cand);
	while (nf_now() < deadline && misses < MINIMIZE_MISSES && best_size > 1) {
		int step = (int)(deadline - nf_now()) < MINIMIZE_STEP_S ? (int)(deadline - nf_now()) : MINIMIZE_STEP_S;
		char *argv[] = {bin, "-minimize_crash_internal_step=1", arg_t, arg_s, arg_p, best, NULL};
		struct nf_proc_result r;
		struct nf_crash c;
		long size;

		if (step < 1)
			break;
		snprintf(arg_t, sizeof arg_t, "-max_total_time=%d", step);
		unlink(cand);
		if (!nf_proc_run(argv, env, step + 2 * timeout + 10, OUTPUT_CAP, &r))
			break;
		free(r.output);
		size = file_size(cand);
		if (size < 0 || size >= best_size) {
			misses++; /* nothing smaller found in this step */
			continue;
		}
		memset(&c, 0, sizeof c);
		if (reproduce(sabin, b->target, cand, timeout, &c) && !strcmp(c.signature, b->crash.signature) &&
		    rename(cand, best) == 0) {
			best_size = size;
			misses = 0;
		} else {
			misses++; /* slid to another crash: retry from the last good one */
		}
		nf_crash_free(&c);
	}
	unlink(cand);
	if (best_size < b->smallest_size) {
		snprintf(b->minimized, sizeof b->minimized, "%s", best);
		b->minimized_size = best_size;
	} else {
		unlink(best);
	}
}

/* regressions/crashes/<t>/<sig> and <sig>.json, status "open". */
static int file_case(struct nf_bucket *b, const char *regdir)
{
	char dir[PATH_MAX], path[PATH_MAX], meta[PATH_MAX + 8], note[512], day[16];
	const char *src = b->minimized[0] ? b->minimized : b->smallest;
	time_t now = time(NULL);
	struct tm tm;
	json_t *o;
	FILE *f;

	snprintf(dir, sizeof dir, "%s/%s", regdir, b->target);
	snprintf(path, sizeof path, "%s/%s", dir, b->crash.signature);
	snprintf(meta, sizeof meta, "%s.json", path);
	if (access(meta, F_OK) == 0) {
		snprintf(b->filed, sizeof b->filed, "%s (already filed)", path);
		return 0;
	}
	if (nf_mkdir_p(dir) != 0 || !copy_file(src, path)) {
		fprintf(stderr, "netfuzz: triage: cannot write %s: %s\n", path, strerror(errno));
		return -1;
	}
	gmtime_r(&now, &tm);
	strftime(day, sizeof day, "%Y-%m-%d", &tm);
	snprintf(note, sizeof note, "filed by netfuzz triage; %s%s%s; reproduced %d/%d%s; %d input(s) in bucket",
		 b->crash.security ? "security, severity " : "not a security bug",
		 b->crash.security ? (b->crash.severity ? b->crash.severity : "unknown") : "", "",
		 b->crashed, b->runs, b->note ? " (flaky)" : "", b->count);
	o = json_pack("{s:s,s:s,s:s,s:b,s:s,s:s,s:s,s:s}", "target", b->target, "crash_type",
		      b->crash.type, "crash_state", b->crash.state, "security_flag", b->crash.security,
		      "signature", b->crash.signature, "found", day, "status", "open", "note", note);
	f = fopen(meta, "w");
	if (!f || json_dumpf(o, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER) != 0) {
		fprintf(stderr, "netfuzz: triage: cannot write %s: %s\n", meta, strerror(errno));
		if (f)
			fclose(f);
		json_decref(o);
		return -1;
	}
	fputc('\n', f);
	fclose(f);
	json_decref(o);
	snprintf(b->filed, sizeof b->filed, "%s", path);
	return 0;
}

/* Inputs from a campaign (<dir>/crashes|timeouts|ooms/<t>/...): keep the
 * buckets in <dir>/triage/<t>.json for netfuzz report. */
static void save_for_report(const struct nf_bucket *b, size_t n)
{
	static const char *const kinds[] = {"/crashes/", "/timeouts/", "/ooms/"};

	for (size_t i = 0; i < n; i++) {
		char dir[PATH_MAX], path[PATH_MAX + 160];
		const char *cut = NULL;
		bool seen = false;

		for (size_t k = 0; k < i; k++)
			seen |= !strcmp(b[k].target, b[i].target);
		if (seen)
			continue;
		for (size_t k = 0; k < 3; k++) {
			const char *p = strstr(b[i].first, kinds[k]);
			if (p && (!cut || p > cut))
				cut = p;
		}
		if (!cut)
			continue;
		snprintf(dir, sizeof dir, "%.*s/triage", (int)(cut - b[i].first), b[i].first);
		if (nf_mkdir_p(dir) != 0)
			continue;
		snprintf(path, sizeof path, "%s/%s.json", dir, b[i].target);
		if (nf_triage_write_buckets(path, b, n, b[i].target) != 0)
			fprintf(stderr, "netfuzz: triage: cannot write %s\n", path);
	}
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
	n = nf_triage_parse(log, o->target, reports, NF_TRIAGE_MAX_REPORTS);
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
	   "CRASH...|DIR [--runs N] [--file] [--regressions-dir D] [--json] [--sarif FILE] "
	   "[--minimize-seconds N] [--target T] [--timeout N] | --from-log LOG [--json] [--sarif FILE]",
	   "classify, dedupe, minimize and file crashes (ClusterFuzz crash type/state/signature)")
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
		char t[128], bin[PATH_MAX];
		struct nf_crash first = {0}, c;
		int crashed = 0, timeout;
		long size = file_size(in.v[i]);
		size_t k;

		target_of(in.v[i], o.target, t, sizeof t);
		if (!nf_target_binary_fresh("standalone", "address", t, bin, sizeof bin))
			return NF_EXIT_USAGE;
		timeout = target_timeout(t, o.timeout);
		for (int r = 0; r < o.runs; r++) {
			memset(&c, 0, sizeof c);
			if (!reproduce(bin, t, in.v[i], timeout, &c))
				continue;
			if (!crashed++)
				first = c;
			else
				nf_crash_free(&c);
			if (!strcmp(first.type, "Timeout"))
				break; /* a second wait would only repeat the same hang */
		}
		if (!crashed) {
			fprintf(stderr, "netfuzz: triage: %s (%s) did not crash in %d run(s)\n", in.v[i], t, o.runs);
			norepro++;
			continue;
		}
		for (k = 0; k < nb; k++)
			if (!strcmp(b[k].crash.signature, first.signature) && !strcmp(b[k].target, t))
				break;
		if (k == nb) {
			b[nb].crash = first;
			snprintf(b[nb].target, sizeof b[nb].target, "%s", t);
			snprintf(b[nb].first, sizeof b[nb].first, "%s", in.v[i]);
			snprintf(b[nb].smallest, sizeof b[nb].smallest, "%s", in.v[i]);
			b[nb].smallest_size = size;
			nb++;
		} else {
			nf_crash_free(&first);
			if (size < b[k].smallest_size) {
				snprintf(b[k].smallest, sizeof b[k].smallest, "%s", in.v[i]);
				b[k].smallest_size = size;
			}
		}
		b[k].count++;
		b[k].runs += strcmp(b[k].crash.type, "Timeout") ? o.runs : 1;
		b[k].crashed += crashed;
		if (b[k].crashed < b[k].runs)
			b[k].note = "flaky";
	}
	for (size_t k = 0; k < nb; k++) {
		minimize(&b[k], o.minimize_seconds, target_timeout(b[k].target, o.timeout));
		if (o.file && file_case(&b[k], regdir) != 0)
			return NF_EXIT_USAGE;
	}
	save_for_report(b, nb);
	rc = emit(b, nb, &o, false);
	if (norepro)
		fprintf(stderr, "netfuzz: triage: %zu input(s) did not reproduce\n", norepro);
	for (size_t k = 0; k < nb; k++)
		nf_crash_free(&b[k].crash);
	free(b);
	return rc;
}
