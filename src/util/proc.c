/* Child processes with a time bound and captured output. */
#include "netfuzz/proc.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

volatile pid_t nf_proc_current;

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

pid_t nf_proc_spawn(char *const argv[], char *const env[], bool search_path, int *out_fd)
{
	int fds[2];
	pid_t pid;

	if (pipe(fds) != 0) {
		fprintf(stderr, "netfuzz: cannot run %s: pipe: %s\n", argv[0], strerror(errno));
		return -1;
	}
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		fprintf(stderr, "netfuzz: cannot run %s: fork: %s\n", argv[0], strerror(errno));
		close(fds[0]);
		close(fds[1]);
		return -1;
	}
	if (pid == 0) {
		setpgid(0, 0); /* so a timeout or Ctrl-C reaches the whole group */
		dup2(fds[1], 1);
		dup2(fds[1], 2);
		close(fds[0]);
		close(fds[1]);
		for (size_t i = 0; env && env[i]; i++)
			putenv(env[i]);
		if (search_path)
			execvp(argv[0], argv);
		else
			execv(argv[0], argv);
		fprintf(stderr, "netfuzz: exec %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	setpgid(pid, pid);
	close(fds[1]);
	*out_fd = fds[0];
	return pid;
}

bool nf_proc_run(char *const argv[], char *const env[], int timeout_s, size_t cap,
		 struct nf_proc_result *r)
{
	int fd = -1;
	pid_t pid;
	double start = nf_now();
	bool killed = false;

	memset(r, 0, sizeof *r);
	r->output = malloc(cap + 1);
	if (!r->output) {
		fprintf(stderr, "netfuzz: cannot run %s: out of memory\n", argv[0]);
		return false;
	}
	pid = nf_proc_spawn(argv, env, false, &fd);
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
		if (timeout_s > 0 && left <= 0 && !killed && !exited) {
			kill(-pid, SIGKILL);
			killed = true;
		}
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
	r->timed_out = killed;
	r->seconds = nf_now() - start;
	return true;
}
