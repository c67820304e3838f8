/* Child processes for the CLI (triage, fuzz): run with a time bound and
 * capture what they print. */
#ifndef NETFUZZ_PROC_H
#define NETFUZZ_PROC_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

struct nf_proc_result {
	char *output;     /* stdout+stderr, NUL-terminated (capped), caller frees */
	size_t len;
	int status;       /* waitpid status */
	bool timed_out;   /* killed after the time bound */
	double seconds;   /* wall time */
};

/* Start argv in its own process group with stdout and stderr on a pipe;
 * env holds extra "K=V" entries (NULL-terminated, may be NULL).  argv[0] is
 * searched in PATH when `search_path`.  Returns the child's pid and sets
 * *out_fd to the pipe's read end, or returns -1 (message on stderr).  The
 * one place the CLI forks a child whose output it reads. */
pid_t nf_proc_spawn(char *const argv[], char *const env[], bool search_path, int *out_fd);

/* Run argv (argv[0] a path) with extra environment entries "K=V" (NULL-
 * terminated list, may be NULL) for at most timeout_s seconds (0: no bound),
 * capturing at most cap bytes of output.  Returns false if it could not
 * start (message on stderr). */
bool nf_proc_run(char *const argv[], char *const env[], int timeout_s, size_t cap,
		 struct nf_proc_result *r);

/* Process group of the child nf_proc_run is waiting for (0 if none), so a
 * SIGINT handler can forward the signal. */
extern volatile pid_t nf_proc_current;

/* Seconds since an arbitrary start (CLOCK_MONOTONIC). */
double nf_now(void);

/* Set the variable to value unless the user already set it. */
void nf_default_env(const char *name, const char *value);

#endif
