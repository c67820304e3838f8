/* Child processes: the one place netfuzz starts another program.  Always an
 * argv vector, never a shell command line (issue 26), and never a process
 * that outlives netfuzz: see nf_proc_start. */
#include "netfuzz/proc.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

volatile pid_t nf_proc_current;
volatile sig_atomic_t nf_proc_stop;

/* After nf_proc_stop is set, how long a child has to stop on SIGINT
 * before it is killed (issue 26: a merge stops within 5 s). */
#define STOP_GRACE_S 3.0

double nf_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void nf_default_env(const char *name, const char *value)
{
	if (!getenv(name))
		setenv(name, value, 1);
}

/* In the supervisor: our parent (netfuzz) died, or someone asked us to
 * stop with SIGTERM: take the whole process group with us. */
static void kill_group(int sig)
{
	(void)sig;
	kill(0, SIGKILL);
	_exit(128 + SIGKILL);
}

/* Linux: SIGNAL when our parent dies.  The parent may already be gone
 * (it died between fork and here): then act now. */
static void tie_to_parent(pid_t parent, int signal)
{
#ifdef __linux__
	prctl(PR_SET_PDEATHSIG, signal);
#endif
	if (getppid() != parent)
		raise(signal);
}

static void engine_child(const struct nf_proc_spec *s, int out)
{
	sigset_t none;

	signal(SIGINT, SIG_DFL); /* SIG_IGN would survive exec */
	signal(SIGTERM, SIG_DFL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	tie_to_parent(getpgrp(), SIGKILL); /* the supervisor leads our group */
	if (dup2(out, 1) < 0 || dup2(out, 2) < 0)
		_exit(127);
	if (out > 2)
		close(out);
	for (size_t i = 0; s->env && s->env[i]; i++)
		putenv(s->env[i]);
	if (s->search_path)
		execvp(s->argv[0], s->argv);
	else
		execv(s->argv[0], s->argv);
	fprintf(stderr, "netfuzz: exec %s: %s\n", s->argv[0], strerror(errno));
	_exit(127);
}

/* The first child: leader of the process group the program runs in, tied
 * to netfuzz's life.  PR_SET_PDEATHSIG is not inherited by the program's
 * own children (libFuzzer's fork-mode jobs, afl-fuzz's fork server), so a
 * SIGKILLed netfuzz would leave them running (issue 26 row 8); this small
 * process turns netfuzz's death into SIGKILL for the whole group.  It
 * ignores the SIGINT netfuzz sends the group (the program stops on it and
 * we report how), and exits the way the program did. */
static void supervisor(pid_t parent, const struct nf_proc_spec *s, int out)
{
	struct sigaction sa;
	pid_t eng;
	int st;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = kill_group;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	signal(SIGINT, SIG_IGN);
	tie_to_parent(parent, SIGTERM);
	eng = fork();
	if (eng < 0) {
		dprintf(out, "netfuzz: cannot run %s: fork: %s\n", s->argv[0], strerror(errno));
		_exit(127);
	}
	if (eng == 0)
		engine_child(s, out);
	close(out);
	while (waitpid(eng, &st, 0) < 0)
		if (errno != EINTR)
			_exit(127);
	if (WIFEXITED(st))
		_exit(WEXITSTATUS(st));
	/* die of the same signal, without a core file of our own */
	struct rlimit no = {0, 0};
	sigset_t one;

	setrlimit(RLIMIT_CORE, &no);
	signal(WTERMSIG(st), SIG_DFL);
	sigemptyset(&one);
	sigaddset(&one, WTERMSIG(st));
	sigprocmask(SIG_UNBLOCK, &one, NULL);
	raise(WTERMSIG(st));
	_exit(128 + WTERMSIG(st));
}

pid_t nf_proc_start(const struct nf_proc_spec *s, int *pipe_fd)
{
	int fds[2] = {-1, -1}, out = s->out_fd;
	pid_t pid, parent = getpid();

	if (out < 0) {
		if (pipe(fds) != 0) {
			fprintf(stderr, "netfuzz: cannot run %s: pipe: %s\n", s->argv[0], strerror(errno));
			return -1;
		}
		fcntl(fds[0], F_SETFD, FD_CLOEXEC);
		out = fds[1];
	}
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		fprintf(stderr, "netfuzz: cannot run %s: fork: %s\n", s->argv[0], strerror(errno));
		if (fds[0] >= 0) {
			close(fds[0]);
			close(fds[1]);
		}
		return -1;
	}
	if (pid == 0) {
		setpgid(0, 0); /* so a timeout or Ctrl-C reaches the whole group */
		if (fds[0] >= 0)
			close(fds[0]);
		supervisor(parent, s, out);
	}
	setpgid(pid, pid);
	if (fds[0] >= 0) {
		close(fds[1]);
		*pipe_fd = fds[0];
	}
	return pid;
}

pid_t nf_proc_spawn(char *const argv[], char *const env[], bool search_path, int *out_fd)
{
	struct nf_proc_spec s = {argv, env, search_path, -1};

	return nf_proc_start(&s, out_fd);
}

int nf_proc_wait(pid_t pid)
{
	int st = 0;

	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -1;
	return st;
}

int nf_proc_exec(char *const argv[], char *const env[], int out_fd)
{
	struct nf_proc_spec s = {argv, env, true, out_fd};
	pid_t pid = nf_proc_start(&s, NULL);
	int st;

	if (pid < 0)
		return -1;
	nf_proc_current = pid;
	st = nf_proc_wait(pid);
	nf_proc_current = 0;
	return st >= 0 && WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

bool nf_proc_run(char *const argv[], char *const env[], int timeout_s, size_t cap,
		 struct nf_proc_result *r)
{
	int fd = -1;
	pid_t pid;
	double start = nf_now(), stop_at = 0;
	bool killed = false, stopping = false;

	memset(r, 0, sizeof *r);
	r->output = malloc(cap + 1);
	if (!r->output) {
		fprintf(stderr, "netfuzz: cannot run %s: out of memory\n", argv[0]);
		return false;
	}
	pid = nf_proc_spawn(argv, env, true, &fd); /* a name with a '/' is not looked up */
	if (pid < 0) {
		free(r->output);
		r->output = NULL;
		return false;
	}
	nf_proc_current = pid;
	bool exited = false;
	for (;;) {
		struct pollfd pfd = {fd, POLLIN, 0};
		double left = timeout_s > 0 ? start + timeout_s - nf_now() : 1.0;
		int pr;

		/* the child itself has exited: take what is left in the pipe and
		 * stop, even if a grandchild (llvm-symbolizer) still holds it */
		if (!exited && waitpid(pid, &r->status, WNOHANG) == pid)
			exited = true;
		if (nf_proc_stop && !stopping && !exited) {
			kill(-pid, SIGINT);
			stopping = true;
			stop_at = nf_now() + STOP_GRACE_S;
		}
		if (((timeout_s > 0 && left <= 0) || (stopping && nf_now() > stop_at)) && !killed && !exited) {
			kill(-pid, SIGKILL);
			killed = true;
		}
		if (left > 0.25 || stopping)
			left = 0.25; /* look at nf_proc_stop a few times a second */
		pr = poll(&pfd, 1, exited || killed ? 200 : (int)(left * 1000) + 1);
		if (pr < 0 && errno == EINTR)
			continue;
		if (pr <= 0) {
			if (killed || exited)
				break;
			continue;
		}
		char buf[65536];
		ssize_t got = read(fd, buf, sizeof buf);
		if (got <= 0)
			break;
		if (r->len < cap) {
			size_t take = (size_t)got < cap - r->len ? (size_t)got : cap - r->len;
			memcpy(r->output + r->len, buf, take);
			r->len += take;
		}
	}
	close(fd);
	r->output[r->len] = 0;
	while (!exited && waitpid(pid, &r->status, 0) < 0 && errno == EINTR)
		;
	nf_proc_current = 0;
	r->timed_out = killed && !stopping;
	r->stopped = stopping;
	r->seconds = nf_now() - start;
	return true;
}
