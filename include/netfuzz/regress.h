/* netfuzz regress: shared declarations of the regression-suite feature
 * (src/regress/; the command is harness/cmd_regress.c). */
#ifndef NETFUZZ_REGRESS_H
#define NETFUZZ_REGRESS_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "netfuzz/repro.h"
#include "netfuzz/util.h"

enum nf_rstatus { NF_R_PASS, NF_R_FAIL, NF_R_XFAIL, NF_R_XPASS, NF_R_SKIP };

/* One finished test: a replayed target, an open crash case, a case whose
 * metadata is broken, or an OS repro. */
struct nf_result {
	char kind[8];   /* "replay", "open", "case", "repro" */
	char name[192]; /* target, target/signature, or repro id [+ fault] */
	enum nf_rstatus status;
	char reason[1536];
	double secs;
};

const char *nf_rstatus_name(enum nf_rstatus s);
double nf_now(void); /* src/util/proc.c: CLOCK_MONOTONIC seconds */

/* Seconds a replay worker may take to start before its first input's clock
 * runs (src/regress/replay.c). */
#define NF_REGRESS_STARTUP_S 10

struct nf_regress_opts {
	bool tap, json;
	bool allow_xpass;    /* an XPASS does not fail the run */
	const char *junit;   /* rewritten atomically after every test */
	const char *inject;  /* fault name, or NULL */
	char **only;         /* --only IDs (repros or targets) */
	int nonly;
	int batch;           /* inputs per worker process */
	int timeout_s;       /* per input */
	int mem_mb;          /* per worker */
	const char *sanitizer; /* build/standalone-<sanitizer>/ */
};

/* The log directory for this run: <root>/build/regress if writable, else
 * $TMPDIR/netfuzz-regress-<uid> (private).  False if neither can be had. */
bool nf_regress_log_dir(const char *root, char *buf, size_t len);

/* ---- results and output (src/regress/report.c) ---- */
struct nf_report {
	const struct nf_regress_opts *o;
	struct nf_result *r;
	size_t n, cap, planned;
	double t0;
	char platform[64];
};
void nf_report_start(struct nf_report *rep, const struct nf_regress_opts *o, size_t planned,
		     const char *platform);
/* Record, print (table row or TAP line) and rewrite the JUnit file. */
void nf_report_add(struct nf_report *rep, const struct nf_result *res);
/* Totals (or the JSON document); returns the exit code. */
int nf_report_finish(struct nf_report *rep);

/* ---- case discovery (src/regress/cases.c) ---- */

struct nf_open_case {
	char input[PATH_MAX];
	char name[64];        /* signature */
	char crash_type[128];
};
struct nf_tcases {
	struct nf_strv seeds;  /* corpora/<t>/ files */
	struct nf_strv fixed;  /* inputs of status "fixed" cases */
	struct nf_open_case *open;
	size_t nopen;
	struct nf_strv errors; /* "path: what is wrong" for broken metadata */
};
/* path without the "<project root>/" prefix, for messages. */
const char *nf_relpath(const char *path);
/* Everything under corpora/<t>/ and regressions/crashes/<t>/. */
void nf_cases_discover(const char *root, const char *target, struct nf_tcases *tc);
void nf_cases_free(struct nf_tcases *tc);
/* Directories under regressions/crashes/ that name no registered target. */
void nf_cases_orphans(const char *root, struct nf_strv *out);

/* ---- batched replay (src/regress/replay.c) ---- */
struct nf_replay_crash {
	char input[PATH_MAX];
	char summary[512]; /* the sanitizer's SUMMARY/ERROR line, or the signal */
	bool timeout;
	bool confirmed;    /* crashed again when re-run alone */
};
struct nf_replay_res {
	size_t ran, batches, workers;
	struct nf_replay_crash *crash;
	size_t ncrash;
	char error[512];   /* worker failed without running anything */
};
/* Replay inputs through `bin` in batches of o->batch per forked worker.
 * Worker stderr (sanitizer reports) is appended to `logpath`. */
void nf_replay_run(const char *bin, char *const *inputs, size_t n, const struct nf_regress_opts *o,
		   const char *logpath, struct nf_replay_res *res);
void nf_replay_free(struct nf_replay_res *res);

/* ---- OS repros (src/regress/os.c) ---- */
/* Run one repro (optionally under a fault) in a fresh namespace. */
void nf_os_run(const struct nf_repro *p, const struct nf_fault *f, const char *logdir,
	       struct nf_result *res);
/* The exec'd side: `regress --child ID --result-fd N [--netns]`. */
int nf_os_child(int argc, char **argv);

#endif
