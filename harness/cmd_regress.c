/* netfuzz regress: the release suite.
 *  1. every target: its seeds and its "fixed" crash cases replayed in
 *     batches through the standalone ASan+UBSan build (src/regress/replay.c);
 *     each "open" case alone: XFAIL while it crashes, XPASS when it stops
 *     (a failure unless --allow-xpass: the case's status needs updating);
 *  2. every OS-behaviour repro in its own network namespace (src/regress/os.c),
 *     or, with --inject FAULT, the repros under that fault (they must FAIL).
 * Output: a table (default), --tap or --json on stdout, and --junit FILE
 * rewritten after every test.  Exit 0 only when nothing failed (an XPASS
 * fails unless --allow-xpass). */
#include "args.h"
#include "cli.h"
#include "netfuzz/util.h"
#include "netfuzz/target.h"
#include "target_options.h"
#include "netfuzz/project.h"
#include "netfuzz/regress.h"

#include <errno.h>
#include <jansson.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#define NF_REGRESS_BATCH 1000
#define NF_REGRESS_TIMEOUT_S 10
#define NF_REGRESS_MEM_MB 2048

#define USAGE "[--only ID]... [--inject FAULT] [--junit FILE] [--tap|--json] [--allow-xpass] [--batch N] [--timeout S] [--mem-mb M] [--sanitizer address|undefined|none] | --list [--json] | --list-faults [--json]"

static bool wanted(const struct nf_regress_opts *o, const char *name)
{
	if (!o->nonly)
		return true;
	for (int i = 0; i < o->nonly; i++)
		if (!strcmp(o->only[i], name))
			return true;
	return false;
}

static bool lists_fault(const struct nf_repro *p, const char *fault)
{
	for (int i = 0; i < NF_REPRO_MAX_FAULTS && p->faults[i]; i++)
		if (!strcmp(p->faults[i], fault))
			return true;
	return false;
}

static void list_repros(void)
{
	for (const struct nf_repro *p = nf_repro_first(); p < nf_repro_end(); p++) {
		printf("%s\n  title:     %s\n  checks:    %s\n  source:    %s\n  platforms: %s\n", p->id,
		       p->title, p->checks, p->source, p->platforms);
		for (int i = 0; i < NF_REPRO_MAX_EXPECT && p->expect[i]; i++)
			printf("  expect:    %s\n", p->expect[i]);
		printf("  faults:   ");
		for (int i = 0; i < NF_REPRO_MAX_FAULTS && p->faults[i]; i++)
			printf(" %s", p->faults[i]);
		printf("\n  needs:     %s\n", p->needs & NF_NEEDS_ROOT ? "root (own namespace, interfaces)" : "nothing (runs on loopback without root)");
	}
}

static void list_faults(void)
{
	const struct nf_fault *f;

	for (size_t i = 0; (f = nf_fault_at(i)) != NULL; i++) {
		printf("%-22s %-20s %s\n", f->name, nf_fault_kind_name(f->kind), f->what);
		printf("%-22s %-20s used by:", "", "");
		for (const struct nf_repro *p = nf_repro_first(); p < nf_repro_end(); p++)
			if (lists_fault(p, f->name))
				printf(" %s", p->id);
		printf("\n");
		if (f->kind == NF_FAULT_SYSCTL || f->kind == NF_FAULT_PRELOAD) {
			printf("%-22s %-20s %s\n", "", "", f->config);
			continue;
		}
		for (const char *s = f->config; *s;) { /* the ruleset, indented */
			size_t l = strcspn(s, "\n");

			printf("%-22s %-20s %.*s\n", "", "", (int)l, s);
			s += l + (s[l] == '\n');
		}
	}
}

static json_t *str_array(const char *const *v, size_t max)
{
	json_t *a = json_array();

	for (size_t i = 0; i < max && v[i]; i++)
		json_array_append_new(a, json_string(v[i]));
	return a;
}

/* --list --json: the repros as one JSON array, the fields --list prints. */
static json_t *repros_json(void)
{
	json_t *all = json_array();

	for (const struct nf_repro *p = nf_repro_first(); p < nf_repro_end(); p++)
		json_array_append_new(all, json_pack("{s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:b}", "id", p->id, "title",
						     p->title, "checks", p->checks, "source", p->source, "platforms",
						     p->platforms, "expect", str_array(p->expect, NF_REPRO_MAX_EXPECT),
						     "faults", str_array(p->faults, NF_REPRO_MAX_FAULTS), "needs_root",
						     (p->needs & NF_NEEDS_ROOT) != 0));
	return all;
}

/* --list-faults --json: each fault with what --list-faults prints, and
 * target_env, the variables `--inject` gives a socket target (nf_fault_env;
 * empty: the fault does not apply to the targets), so a script applies a
 * fault exactly as netfuzz does without a table of its own. */
static json_t *faults_json(void)
{
	json_t *all = json_array();
	const struct nf_fault *f;
	char shim[PATH_MAX];

	snprintf(shim, sizeof shim, "%s/build/libnetfault.so", nf_project_root());
	for (size_t i = 0; (f = nf_fault_at(i)) != NULL; i++) {
		struct nf_fault_env e;
		json_t *users = json_array();

		for (const struct nf_repro *p = nf_repro_first(); p < nf_repro_end(); p++)
			if (lists_fault(p, f->name))
				json_array_append_new(users, json_string(p->id));
		nf_fault_env(f, shim, true, &e);
		json_array_append_new(all, json_pack("{s:s, s:s, s:s, s:s, s:o, s:o}", "name", f->name, "kind",
						     nf_fault_kind_name(f->kind), "what", f->what, "config", f->config,
						     "used_by", users, "target_env",
						     str_array((const char *const *)e.v, sizeof e.v / sizeof e.v[0])));
	}
	return all;
}

/* --list / --list-faults, as text or (--json) one JSON array on stdout. */
static int print_list(char which, bool json)
{
	json_t *doc;
	int rc;

	if (!json) {
		if (which == 'r')
			list_repros();
		else
			list_faults();
		return fflush(stdout) == 0 ? NF_EXIT_OK : NF_EXIT_USAGE;
	}
	doc = which == 'r' ? repros_json() : faults_json();
	rc = json_dumpf(doc, stdout, JSON_INDENT(2)) == 0 && putchar('\n') != EOF && fflush(stdout) == 0;
	json_decref(doc);
	return rc ? NF_EXIT_OK : NF_EXIT_USAGE;
}

__attribute__((format(printf, 3, 4))) static void add_text(char *buf, size_t len, const char *fmt, ...)
{
	size_t used = strlen(buf);
	va_list ap;

	va_start(ap, fmt);
	if (used < len)
		vsnprintf(buf + used, len - used, fmt, ap);
	va_end(ap);
}

/* (triage branch) A test-only target, tests/targets/<t>.c (not linked into
 * netfuzz, not in `netfuzz list`): its cases under regressions/crashes/<t>/
 * are replayed like a real target's instead of being reported as orphans,
 * so the fuzz -> triage --file -> regress loop can be tested end to end. */
static bool is_test_target(const char *name)
{
	const char *dir = nf_target_dir(name);

	return dir && !strcmp(dir, "tests/targets");
}

/* One target: batch the seeds and fixed cases, then each open case alone. */
static void run_target(struct nf_report *rep, const struct nf_regress_opts *o, const char *root,
		       const char *logdir, const struct nf_target *t)
{
	char bin[PATH_MAX], log[PATH_MAX];
	struct nf_tcases tc;
	struct nf_strv all = {0};
	struct nf_replay_res rr;
	struct nf_result res;
	double t0 = nf_now();

	nf_cases_discover(root, t->name, &tc);
	for (size_t i = 0; i < tc.errors.n; i++) {
		memset(&res, 0, sizeof res);
		snprintf(res.kind, sizeof res.kind, "case");
		snprintf(res.name, sizeof res.name, "%s#%zu", t->name, i + 1);
		res.status = NF_R_FAIL;
		snprintf(res.reason, sizeof res.reason, "%s", tc.errors.v[i]);
		nf_report_add(rep, &res);
	}
	memset(&res, 0, sizeof res);
	snprintf(res.kind, sizeof res.kind, "replay");
	snprintf(res.name, sizeof res.name, "%s", t->name);
	if (!nf_target_binary("standalone", o->sanitizer, t->name, true, bin, sizeof bin)) {
		res.status = NF_R_FAIL;
		snprintf(res.reason, sizeof res.reason, "build/standalone-%s/%s is missing and could not be built",
			 o->sanitizer, t->name);
		nf_report_add(rep, &res);
		nf_cases_free(&tc);
		return;
	}
	for (size_t i = 0; i < tc.seeds.n; i++)
		nf_strv_push(&all, tc.seeds.v[i]);
	for (size_t i = 0; i < tc.fixed.n; i++)
		nf_strv_push(&all, tc.fixed.v[i]);
	snprintf(log, sizeof log, "%s/replay-%s.log", logdir, t->name);
	if (all.n == 0) {
		res.status = NF_R_FAIL;
		snprintf(res.reason, sizeof res.reason, "no seeds in corpora/%s and no fixed cases", t->name);
	} else {
		nf_replay_run(bin, all.v, all.n, o, log, &rr);
		res.status = rr.ncrash || rr.error[0] ? NF_R_FAIL : NF_R_PASS;
		snprintf(res.reason, sizeof res.reason, "%zu/%zu inputs ran clean (%zu seeds, %zu fixed case(s)) in %zu batch(es), %zu worker(s)",
			 rr.ran, all.n, tc.seeds.n, tc.fixed.n, rr.batches, rr.workers);
		for (size_t i = 0; i < rr.ncrash; i++) {
			const struct nf_replay_crash *c = &rr.crash[i];
			bool fixed = false;

			for (size_t j = 0; j < tc.fixed.n; j++)
				fixed |= !strcmp(tc.fixed.v[j], c->input);
			add_text(res.reason, sizeof res.reason, "; %s", fixed ? "FIXED CASE CRASHES AGAIN" : "crash");
			add_text(res.reason, sizeof res.reason, " %s: %s", nf_relpath(c->input), c->summary);
			add_text(res.reason, sizeof res.reason, "%s", c->confirmed ? " (confirmed alone)" : " (did not reproduce alone: state kept between inputs?)");
		}
		if (rr.error[0])
			add_text(res.reason, sizeof res.reason, "; %s", rr.error);
		if (res.status == NF_R_FAIL)
			add_text(res.reason, sizeof res.reason, "; log %s", nf_relpath(log));
		nf_replay_free(&rr);
	}
	res.secs = nf_now() - t0;
	nf_report_add(rep, &res);
	for (size_t i = 0; i < tc.nopen; i++) {
		const struct nf_open_case *oc = &tc.open[i];
		char *one[1] = {(char *)oc->input};

		t0 = nf_now();
		memset(&res, 0, sizeof res);
		snprintf(res.kind, sizeof res.kind, "open");
		snprintf(res.name, sizeof res.name, "%s", oc->name);
		snprintf(log, sizeof log, "%s/open-%s-%s.log", logdir, t->name, oc->name + strlen(t->name) + 1);
		nf_replay_run(bin, one, 1, o, log, &rr);
		if (rr.ncrash) {
			res.status = NF_R_XFAIL;
			snprintf(res.reason, sizeof res.reason, "still crashes (%s): %s", oc->crash_type, rr.crash[0].summary);
		} else if (rr.error[0]) {
			res.status = NF_R_FAIL;
			snprintf(res.reason, sizeof res.reason, "%s", rr.error);
		} else {
			res.status = NF_R_XPASS;
			snprintf(res.reason, sizeof res.reason,
				 "no longer crashes (was %s): set \"status\": \"fixed\" in its .json", oc->crash_type);
		}
		nf_replay_free(&rr);
		res.secs = nf_now() - t0;
		nf_report_add(rep, &res);
	}
	nf_strv_free(&all);
	nf_cases_free(&tc);
}

static int opt_only(void *ctx, const char *name, const char *v)
{
	struct nf_regress_opts *o = ctx;

	o->only[o->nonly++] = (char *)v;
	return 0;
}

static int no_args(void *ctx, const char *a)
{
	return nf_usage_error("regress", "unknown option '%s' (usage: netfuzz regress %s)", a, USAGE);
}

NF_COMMAND(regress, USAGE, "replay every crash case and seed, run the OS-behaviour repros (--inject: under a fault)")
{
	struct nf_regress_opts o = {.batch = NF_REGRESS_BATCH, .timeout_s = NF_REGRESS_TIMEOUT_S,
				    .mem_mb = NF_REGRESS_MEM_MB, .sanitizer = "address"};
	const char *root = nf_project_root();
	const struct nf_fault *fault = NULL;
	char logdir[PATH_MAX], platform[64], asan[1024];
	struct nf_report rep;
	struct nf_strv orphans = {0};
	size_t planned = 0;
	bool list_repros_opt = false, list_faults_opt = false;
	int rc;

	if (argc >= 2 && !strcmp(argv[1], "--child"))
		return nf_os_child(argc, argv);
	o.only = calloc((size_t)argc, sizeof *o.only);
	{
		const struct nf_opt table[] = {
			{"--list", NF_OPT_FLAG, &list_repros_opt},
			{"--list-faults", NF_OPT_FLAG, &list_faults_opt},
			{"--tap", NF_OPT_FLAG, &o.tap},
			{"--json", NF_OPT_FLAG, &o.json},
			{"--allow-xpass", NF_OPT_FLAG, &o.allow_xpass},
			{"--junit", NF_OPT_STR, &o.junit},
			{"--only", NF_OPT_FN, &o, .fn = opt_only, .takes_value = true},
			{"--inject", NF_OPT_STR, &o.inject},
			{"--sanitizer", NF_OPT_STR, &o.sanitizer},
			{"--batch", NF_OPT_INT, &o.batch, 1, 100000},
			{"--timeout", NF_OPT_INT, &o.timeout_s, 1, 100000},
			{"--mem-mb", NF_OPT_INT, &o.mem_mb, 1, 1 << 20},
			{NULL},
		};
		const struct nf_opts opts = {"regress", table, USAGE, no_args, &o};

		rc = nf_parse_opts(&opts, argc, argv, NULL);
		if (rc)
			return rc;
	}
	if (list_repros_opt && list_faults_opt)
		return nf_usage_error("regress", "--list and --list-faults: choose one");
	if (list_repros_opt || list_faults_opt) /* --json may come before or after; nothing else is used */
		return print_list(list_repros_opt ? 'r' : 'f', o.json);
	if (o.tap && o.json)
		return nf_usage_error("regress", "--tap and --json both write to stdout; choose one");
	if (o.inject && !(fault = nf_fault_find(o.inject)))
		return nf_usage_error("regress", "unknown fault '%s' (netfuzz regress --list-faults shows them)", o.inject);
	if (strcmp(o.sanitizer, "address") && strcmp(o.sanitizer, "undefined") && strcmp(o.sanitizer, "none"))
		return nf_usage_error("regress", "--sanitizer must be address, undefined or none");
	for (int i = 0; i < o.nonly; i++)
		if (!nf_repro_find(o.only[i]) && !nf_target_find(o.only[i]) && !is_test_target(o.only[i]))
			return nf_usage_error("regress", "--only %s: no repro or target has that name (see --list and netfuzz list)",
					      o.only[i]);

	/* Sanitizer settings for the workers: the user's ASAN_OPTIONS or our
	 * defaults, then the memory limit (last, so --mem-mb wins). */
	{
		const char *user = getenv("ASAN_OPTIONS");

		snprintf(asan, sizeof asan, "%s:hard_rss_limit_mb=%d:malloc_limit_mb=%d",
			 user && *user ? user : "exitcode=77:detect_leaks=1:allocator_may_return_null=1",
			 o.mem_mb, o.mem_mb);
		setenv("ASAN_OPTIONS", asan, 1);
	}
	setenv("UBSAN_OPTIONS", "print_stacktrace=1:halt_on_error=1", 0);
	unsetenv("NETFUZZ_QUIET"); /* the runner needs the "Running:" lines */

	if (!nf_regress_log_dir(root, logdir, sizeof logdir)) {
		fprintf(stderr, "netfuzz: regress: no directory to write logs: %s/build/regress is not writable "
			"and %s cannot be created as a private directory: %m\n", root, logdir);
		return NF_EXIT_USAGE;
	}
	nf_platform(platform, sizeof platform);

	if (!fault) {
		for (const struct nf_target *t = nf_target_first(); t < nf_target_end(); t++)
			if (wanted(&o, t->name)) {
				struct nf_tcases tc;

				nf_cases_discover(root, t->name, &tc);
				planned += 1 + tc.nopen + tc.errors.n;
				nf_cases_free(&tc);
			}
		for (int i = 0; i < o.nonly; i++)
			if (!nf_target_find(o.only[i]) && is_test_target(o.only[i])) {
				struct nf_tcases tc;

				nf_cases_discover(root, o.only[i], &tc);
				planned += 1 + tc.nopen + tc.errors.n;
				nf_cases_free(&tc);
			}
		if (!o.nonly)
			nf_cases_orphans(root, &orphans);
		planned += orphans.n;
	}
	for (const struct nf_repro *p = nf_repro_first(); p < nf_repro_end(); p++)
		if (wanted(&o, p->id) && (!fault || o.nonly || lists_fault(p, fault->name)))
			planned++;

	nf_report_start(&rep, &o, planned, platform);
	for (size_t i = 0; i < orphans.n; i++) {
		struct nf_result res = {.status = NF_R_FAIL};

		if (is_test_target(orphans.v[i])) { /* tests/targets/<t>.c: run, not an orphan */
			struct nf_target tt = {orphans.v[i], "test", "tests/targets", NULL};
			run_target(&rep, &o, root, logdir, &tt);
			continue;
		}

		snprintf(res.kind, sizeof res.kind, "case");
		snprintf(res.name, sizeof res.name, "%s", orphans.v[i]);
		snprintf(res.reason, sizeof res.reason,
			 "regressions/crashes/%s/: no target named '%s' is built into netfuzz (netfuzz list)",
			 orphans.v[i], orphans.v[i]);
		nf_report_add(&rep, &res);
	}
	nf_strv_free(&orphans);
	if (!fault)
		for (const struct nf_target *t = nf_target_first(); t < nf_target_end(); t++)
			if (wanted(&o, t->name))
				run_target(&rep, &o, root, logdir, t);
	for (int i = 0; !fault && i < o.nonly; i++) /* --only a test-only target */
		if (!nf_target_find(o.only[i]) && is_test_target(o.only[i])) {
			struct nf_target tt = {o.only[i], "test", "tests/targets", NULL};
			run_target(&rep, &o, root, logdir, &tt);
		}
	for (const struct nf_repro *p = nf_repro_first(); p < nf_repro_end(); p++) {
		struct nf_result res;

		if (!wanted(&o, p->id) || (fault && !o.nonly && !lists_fault(p, fault->name)))
			continue;
		nf_os_run(p, fault, logdir, &res);
		nf_report_add(&rep, &res);
	}
	rc = nf_report_finish(&rep);
	free(o.only);
	return rc;
}
