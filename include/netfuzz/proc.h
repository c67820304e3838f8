/* Child processes for the CLI (triage, fuzz, make): run with a time bound
 * and capture what they print.  An argv vector, never a shell command. */
#ifndef NETFUZZ_PROC_H
#define NETFUZZ_PROC_H

#include <stdbool.h>
#include <stddef.h>
#include <signal.h>
#include <sys/types.h>

struct nf_proc_result {
	char *output;     /* stdout+stderr, NUL-terminated (capped), caller frees */
	size_t len;
	int status;       /* waitpid status */
	bool timed_out;   /* killed after the time bound */
	bool stopped;     /* stopped early because nf_proc_stop was set */
	double seconds;   /* wall time */
};

/* What to start: argv[0] is searched in PATH when `search_path`; env
 * holds extra "K=V" entries (NULL-terminated, may be NULL); the child's
 * stdout and stderr go to out_fd, or (out_fd -1) to a new pipe. */
struct nf_proc_spec {
	char *const *argv;
	char *const *env;
	bool search_path;
	int out_fd;
};

/* Start a program in a process group of its own, tied to netfuzz's life:
 * the group leader is a small supervisor that netfuzz's death (Linux
 * PR_SET_PDEATHSIG) makes SIGKILL the whole group, grandchildren
 * included, and that exits the way the program did.  Returns the leader's
 * pid (also the group id; kill(-pid, ...) reaches the program) and, for a
 * pipe, its read end in *pipe_fd; -1 with a message on stderr if it could
 * not start. */
pid_t nf_proc_start(const struct nf_proc_spec *s, int *pipe_fd);

/* waitpid for pid, retrying on EINTR; the status, or -1. */
int nf_proc_wait(pid_t pid);

/* Run argv (searched in PATH) to its end with stdout and stderr on out_fd
 * (2: pass through to ours).  Returns its exit code, or -1 if it could not
 * start or died of a signal. */
int nf_proc_exec(char *const argv[], char *const env[], int out_fd);

/* Start argv in its own process group with stdout and stderr on a pipe;
 * env holds extra "K=V" entries (NULL-terminated, may be NULL).  argv[0] is
 * searched in PATH when `search_path`.  Returns the child's pid and sets
 * *out_fd to the pipe's read end, or returns -1 (message on stderr).  The
 * one place the CLI forks a child whose output it reads. */
pid_t nf_proc_spawn(char *const argv[], char *const env[], bool search_path, int *out_fd);

/* Run argv (argv[0] a path, or a name looked up in PATH) with extra environment entries "K=V" (NULL-
 * terminated list, may be NULL) for at most timeout_s seconds (0: no bound),
 * capturing at most cap bytes of output.  Returns false if it could not
 * start (message on stderr). */
bool nf_proc_run(char *const argv[], char *const env[], int timeout_s, size_t cap,
		 struct nf_proc_result *r);

/* Process group of the child nf_proc_run is waiting for (0 if none), so a
 * SIGINT handler can forward the signal. */
extern volatile pid_t nf_proc_current;

/* Set (from a signal handler) to stop what nf_proc_run is running: SIGINT
 * to its group at once, SIGKILL 3 s later; the result says `stopped`. */
extern volatile sig_atomic_t nf_proc_stop;

/* Seconds since an arbitrary start (CLOCK_MONOTONIC). */
double nf_now(void);

/* Set the variable to value unless the user already set it. */
void nf_default_env(const char *name, const char *value);

#endif
