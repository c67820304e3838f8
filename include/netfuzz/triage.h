/* Crash triage in ClusterFuzz's vocabulary (google/clusterfuzz
 * src/clusterfuzz/stacktraces/ and crash_analysis/): a sanitizer or
 * libFuzzer log is split into reports; each gets a crash type such as
 * "Heap-buffer-overflow\nREAD 4", a crash state (the top 3 frames left after
 * dropping sanitizer, libFuzzer, libc and harness frames), a security flag,
 * a severity and a signature.
 *
 * signature = first 16 hex digits of SHA-1(crash_type + "\n" + crash_state),
 * the formula the regression suite (regressions/crashes/<t>/<sig>.json)
 * shares. */
#ifndef NETFUZZ_TRIAGE_H
#define NETFUZZ_TRIAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define NF_TRIAGE_STATE_FRAMES 3   /* ClusterFuzz MAX_CRASH_STATE_FRAMES */
#define NF_TRIAGE_LINE_CAP 80      /* ClusterFuzz LINE_LENGTH_CAP */
#define NF_TRIAGE_MAX_REPORTS 256  /* reports kept from one log */

struct nf_crash {
	char type[160];      /* "Heap-buffer-overflow\nREAD 4" */
	char state[3 * (NF_TRIAGE_LINE_CAP + 1) + 1]; /* frames joined by "\n" */
	char address[40];    /* crash address as printed, "" if none */
	char sanitizer[32];  /* AddressSanitizer, UndefinedBehaviorSanitizer, libFuzzer, ... */
	char file[256];      /* source file of the first state frame ("" if unsymbolized) */
	int line;            /* its line, 0 if unknown */
	bool security;       /* ClusterFuzz is_security_issue() */
	const char *severity;/* "HIGH", "MEDIUM", "LOW" or NULL (not a security bug) */
	char signature[17];
	int frames;          /* state frames collected */
	/* parser bookkeeping */
	bool ended;          /* SUMMARY: or an end marker seen */
	bool stop_frames;    /* a state stop marker was seen */
	long pid;            /* "==PID==" of the report's first line, 0 if none */
	char *text;          /* the report's own lines (ANSI stripped) */
	size_t text_len, text_cap;
};

/* Split LOG (NUL-terminated, may hold several reports, ANSI colour codes,
 * CI timestamp prefixes) into reports.  `target`, if not NULL, names the
 * fuzz target: empty states and Timeout/Out-of-memory/Overwrites-const-input
 * use it, as ClusterFuzz does.  Returns the number of reports written to
 * out (at most max); each must be released with nf_crash_free(). */
size_t nf_triage_parse(const char *log, const char *target, struct nf_crash *out, size_t max);
/* The same over SIZE bytes that need not be NUL-terminated; a NUL byte
 * counts as a space (a log with NULs in it is still a log). */
size_t nf_triage_parse_buf(const char *log, size_t size, const char *target, struct nf_crash *out,
			   size_t max);
void nf_crash_free(struct nf_crash *c);

/* Classification (src/triage/classify.c), applied by nf_triage_parse. */
bool nf_triage_ignore_frame(const char *frame);
bool nf_triage_is_security(const struct nf_crash *c);
const char *nf_triage_severity(const struct nf_crash *c);
void nf_triage_signature(const char *type, const char *state, char out[17]);

/* Outputs (src/triage/print.c). */
struct nf_bucket {
	struct nf_crash crash;
	char target[128];
	int count;              /* inputs with this signature */
	int runs, crashed;      /* reproduction: crashed in `crashed` of `runs` */
	char first[4096];       /* first input seen */
	char smallest[4096];    /* smallest input */
	long smallest_size;
	char minimized[4096];   /* minimized input, "" if none kept */
	long minimized_size;
	char filed[4096];       /* path filed under regressions/, "" if not */
	const char *note;       /* "flaky", "no-repro", NULL */
	struct nf_crash minimized_crash; /* the minimized input's report (same group) */
	const char *minimize_note; /* why nothing shrank, NULL if it did or was not tried */
	char minimized_by[96];  /* which steps shrank it: "2 elements removed, libFuzzer" */
	int group;              /* nf_triage_group(): 0-based group number */
	char group_reason[160]; /* the rule that placed this bucket in its group */
};

/* Running a target (repro.c, minimize.c); the CLI fills this in. */
struct nf_triage_runner {
	const char *target;
	const char *standalone; /* build/standalone-address/<t> */
	const char *libfuzzer;  /* build/libfuzzer-address/<t>, NULL if none */
	const char *afl_tmin;   /* afl-tmin, NULL if none */
	char *const *env;       /* "K=V" sanitizer settings, NULL-terminated */
	int timeout;            /* seconds per run */
};

/* One run of INPUT; true if it crashed, with the report in *c (free it). */
bool nf_triage_reproduce(const struct nf_triage_runner *r, const char *input, struct nf_crash *c);
/* Shrink b->smallest within SECONDS into WORKDIR: sets b->minimized and
 * b->minimized_crash, or b->minimize_note saying why nothing shrank.  R
 * runs symbolized (the bucket's signature is a symbolized one); FAST, if
 * not NULL, is the same target unsymbolized: a candidate whose raw stack
 * is the input's own is the same bug without a symbolized run. */
void nf_triage_minimize(const struct nf_triage_runner *r, const struct nf_triage_runner *fast, struct nf_bucket *b,
			const char *workdir, int seconds);
/* The type and raw stack of an unsymbolized report (the module+offset of
 * each frame; with the state for a socket divergence, whose every rule traps
 * at one place), hashed with TARGET: equal keys, equal symbolized reports. */
void nf_triage_raw_key(const char *target, const struct nf_crash *c, char out[17]);
/* regressions/crashes/<t>/<sig>{,.json}, or for a socket-behaviour
 * divergence regressions/os/sock-<sig>.sockprog with FAULT (the fault the
 * runs were under; NULL: read from this process's environment, as set by
 * hand); 0 or -1 (message on stderr). */
int nf_triage_file_case(struct nf_bucket *b, const char *regdir, const char *fault);

/* Inputs (inputs.c): files under a path (not .json metadata), at most
 * NF_TRIAGE_MAX_INPUTS; `bad` counts unreadable ones (named on stderr). */
#define NF_TRIAGE_MAX_INPUTS 4096
struct nf_triage_inputs {
	char **v;
	size_t n;
	int bad;
};
void nf_triage_collect(const char *path, struct nf_triage_inputs *in);
void nf_triage_inputs_free(struct nf_triage_inputs *in);
/* The fuzz target of a crash file: FORCED, else the directory after
 * crashes/, timeouts/ or ooms/, else the parent directory, if KNOWN(t). */
bool nf_triage_target_of(const char *path, const char *forced, bool (*known)(const char *target), char *out,
			 size_t outlen);
/* A whole log, NUL bytes made spaces; NULL with errno on failure. */
char *nf_triage_read_log(const char *path, size_t *len);

/* Reproduce, bucket, minimize and file (bucket.c).  The runner callback
 * fills in how to run TARGET (symbolized or not; with the libFuzzer build
 * for minimizing): the caller knows the build tree.  False: cannot. */
struct nf_triage_job {
	int runs, minimize_seconds;
	bool file, per_bucket;
	const char *regdir; /* --file: regressions/crashes */
	const char *fault;  /* the fault the runner's env applies (--inject or set by hand), or NULL */
	bool (*runner)(void *ctx, const char *target, bool symbolize, bool minimize, struct nf_triage_runner *out);
	void *ctx;
};
/* INPUTS[i] of TARGETS[i] into buckets B (room for N), *NB of them; inputs
 * that never crash count in *NOREPRO.  0, or -1 if a runner was missing. */
int nf_triage_bucket_inputs(const struct nf_triage_job *job, char *const *inputs, char *const *targets, size_t n,
			    struct nf_bucket *b, size_t *nb, size_t *norepro);
/* Group B, minimize each group's smallest input (every bucket's with
 * per_bucket) and file it with job->file.  0, or -1 if filing failed. */
int nf_triage_minimize_and_file(const struct nf_triage_job *job, struct nf_bucket *b, size_t nb);

/* Grouping (group.c): ClusterFuzz's grouper and CrashComparer rules. */
struct nf_group {
	int id;
	size_t lead;     /* bucket with the most severe type */
	size_t smallest; /* bucket with the smallest input */
	int buckets, inputs;
};

/* True if B is the same bug as A by the grouping rules; WHY says which rule. */
bool nf_triage_same_bug(const struct nf_crash *a, const struct nf_crash *b, char *why, size_t whylen);
/* Sets b[i].group and b[i].group_reason; returns the number of groups,
 * numbered in order of their first bucket. */
size_t nf_triage_group(struct nf_bucket *b, size_t n);
void nf_triage_group_summary(const struct nf_bucket *b, size_t n, int group, struct nf_group *g);
void nf_triage_type_without_size(const char *type, char *out, size_t outlen);

void nf_triage_print_table(const struct nf_bucket *b, size_t n, bool from_log);
/* netfuzz report: the groups of a <campaign>/triage/<t>.json bucket array as HTML. */
void nf_triage_groups_html(FILE *f, const char *buckets_json_path);
int nf_triage_print_json(const struct nf_bucket *b, size_t n, bool from_log);
int nf_triage_write_sarif(const char *path, const struct nf_bucket *b, size_t n);
int nf_triage_write_buckets(const char *path, const struct nf_bucket *b, size_t n, const char *target);
/* Inputs from a campaign (<dir>/crashes|timeouts|ooms/<t>/...): the buckets
 * go to <dir>/triage/<t>.json for netfuzz report. */
void nf_triage_save_for_report(const struct nf_bucket *b, size_t n);

#endif
