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
	int exit_status;
};

extern volatile sig_atomic_t nf_fuzz_interrupted;

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
/* Copy every id:* file of <root>/<instance>/<sub> (AFL++'s layout) into dest
 * as <prefix><sha1>; returns how many were copied. */
int nf_fuzz_collect(const char *root, const char *sub, const char *dest, const char *prefix);
/* Mark a scratch directory as merged into the corpus. */
void nf_fuzz_mark_merged(const char *dir);
/* Take the inputs an interrupted (killed) run left behind into the corpus;
 * sets and returns r->recovered. */
long nf_fuzz_recover(struct fuzz_run *r);

#endif
