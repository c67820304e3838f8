/* netfuzz fuzz: one campaign per target, engine drivers, live progress and
 * campaign statistics (out/stats/<t>.csv, read back by netfuzz report). */
#ifndef NETFUZZ_FUZZ_H
#define NETFUZZ_FUZZ_H

#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>

struct fuzz_stats {
	long long execs;
	long exec_s, cov, ft, corpus;
	int crashes, timeouts, ooms;
};

struct fuzz_run {
	const char *target;
	const char *engine;          /* "libfuzzer" or "afl" */
	const char *mutator;         /* "structure" or "bytes": what this run used (issue 13) */
	char *const *inject_env;     /* --inject FAULT: VAR=value for the target's processes, or NULL (issue 23) */
	int seconds, jobs;
	bool update_seeds, tty;
	char out[PATH_MAX];          /* campaign root, default <root>/out */
	char corpus[PATH_MAX];       /* out/corpus/<t>: the working corpus */
	char work[PATH_MAX];         /* out/work/<t>: this run's new inputs */
	char crashes[PATH_MAX];      /* out/crashes/<t>/ */
	char timeouts[PATH_MAX];     /* out/timeouts/<t>/ */
	char ooms[PATH_MAX];         /* out/ooms/<t>/ */
	char seeds[PATH_MAX];        /* corpora/<t> (tests/corpora/<t> for test targets) */
	char dict[PATH_MAX];         /* "" if none */
	char log[PATH_MAX];          /* out/logs/<t>.log */
	char logs[PATH_MAX];         /* out/logs */
	char stats_dir[PATH_MAX];    /* out/stats */
	char safe[PATH_MAX];         /* out/work/<t>.lf: libFuzzer's shell-safe view (safe.c) */
	char afl[PATH_MAX];          /* out/afl/<t>: AFL++'s output */
	char afl_in[PATH_MAX];       /* out/work/<t>-afl-in: AFL++'s input */
	char last_error[512];        /* the engine's last error line (or last line) */
	double start, elapsed;       /* elapsed: the fuzzing phase only */
	double winddown;             /* past the budget: the engine handing in its last inputs */
	double merge_s;              /* wind-down plus the merge phase after it */
	long recovered;              /* inputs an interrupted run left in work/, moved into the corpus */
	/* A soak fuzzes a target in several turns: the stats rows of turn k
	 * continue from the time and executions of the turns before it. */
	double t0;
	long long execs0;
	long corpus_before, corpus_after;
	struct fuzz_stats st;
	FILE *csv;
	bool interrupted;
	bool ran_nothing;            /* 0 executions, or the engine stopped early without a finding */
	int exit_status;
};

extern volatile sig_atomic_t nf_fuzz_interrupted;
/* Set while an engine merges: a signal then stops the merge (nf_proc_stop). */
extern volatile sig_atomic_t nf_fuzz_merging;
/* Seconds a merge may take (afl-cmin twice that): 300, or 10 once the run
 * was interrupted (issue 26 row 5: SIGTERM, then a merge of 197 s).  A
 * merge cut short loses nothing: its inputs stay in work/ (or AFL++'s
 * queues) and the next run takes them in. */
#define NF_FUZZ_MERGE_S 300
#define NF_FUZZ_MERGE_INTERRUPTED_S 10
int nf_fuzz_merge_bound(void);

/* Engines: run the campaign and merge its new inputs into r->corpus.
 * Return 0, or -1 with a message if the engine could not be run. */
int nf_fuzz_libfuzzer(struct fuzz_run *r);
int nf_fuzz_afl(struct fuzz_run *r);

/* Shared plumbing (run.c). */
typedef void (*nf_fuzz_line_fn)(struct fuzz_run *r, const char *line);
typedef void (*nf_fuzz_tick_fn)(struct fuzz_run *r);
/* Spawn argv (own process group, extra env entries "K=V"), feed each output
 * line to on_line and the log file, call on_tick about once a second, stop
 * it with SIGINT at the budget plus grace (or on Ctrl-C), SIGKILL later. */
int nf_fuzz_spawn(struct fuzz_run *r, char *const argv[], char *const env[], nf_fuzz_line_fn on_line,
		  nf_fuzz_tick_fn on_tick, int budget);
void nf_fuzz_count_artifacts(struct fuzz_run *r);
void nf_fuzz_separate_artifacts(struct fuzz_run *r);
long nf_fuzz_count_files(const char *dir);
void nf_fuzz_progress(struct fuzz_run *r, bool final);
/* The merge phase, shown as its own line and timed apart from fuzzing:
 * "frame_ether  merging 412 inputs into the corpus..." */
void nf_fuzz_merge_begin(struct fuzz_run *r, long inputs);
void nf_fuzz_merge_end(struct fuzz_run *r, double started);
void nf_fuzz_stats_row(struct fuzz_run *r);
int nf_fuzz_mkdirs(const char *path);
/* SHA-1 of a whole file as 40 hex digits; false if unreadable. */
bool nf_fuzz_sha1_file(const char *path, char hex[41]);
/* Copy every id:* file of <root>/<instance>/<sub> (AFL++'s layout) into dest
 * as <prefix><sha1>; returns how many were copied. */
int nf_fuzz_collect(const char *root, const char *sub, const char *dest, const char *prefix);
/* outdir.c: every path of r under out, checked (false: message printed,
 * nothing touched); a scratch directory made with netfuzz's mark, and
 * removed only if it has it; the one-campaign-per---out lock (an open fd,
 * or -1 with a message); an earlier run's file moved to DIR/previous/. */
bool nf_fuzz_out_fits(const char *out);
bool nf_fuzz_paths(struct fuzz_run *r, const char *out);
bool nf_fuzz_scratch_make(const char *dir);
/* dir carries netfuzz's mark (or is an older run's: .merged, AFL++'s main/) */
bool nf_fuzz_is_scratch(const char *dir);
/* a name libFuzzer gives an input: 40 hex digits */
bool nf_fuzz_engine_name(const char *name);
bool nf_fuzz_scratch_clear(const struct fuzz_run *r, const char *dir);
int nf_fuzz_lock(const char *out);
void nf_fuzz_rotate(const char *dir, const char *name);

/* safe.c: shell-safe names for libFuzzer's own command lines. */
struct fuzz_safe {
	char link[PATH_MAX];         /* /tmp/netfuzz-<pid>-<n> -> r->safe */
	char tmpdir_env[PATH_MAX + 8]; /* "TMPDIR=<link>/tmp" */
};
bool nf_fuzz_safe_open(struct fuzz_run *r, struct fuzz_safe *s);
/* <link>/<name> -> target; out gets the safe path */
bool nf_fuzz_safe_alias(const struct fuzz_run *r, struct fuzz_safe *s, const char *name, const char *target,
			char *out, size_t outlen);
void nf_fuzz_safe_close(const struct fuzz_run *r, struct fuzz_safe *s);

/* Mark a scratch directory as merged into the corpus. */
void nf_fuzz_mark_merged(const char *dir);
/* Take the inputs an interrupted (killed) run left behind into the corpus;
 * sets and returns r->recovered. */
long nf_fuzz_recover(struct fuzz_run *r);

#endif
