/* Batched in-process replay with crash isolation.
 *
 * The inputs are cut into batches; each batch runs in one forked worker:
 * the standalone ASan+UBSan build of the target (targets/driver/
 * standalone.c), which writes "Running: FILE" to stderr before each input.
 * The runner reads that stream, so it always knows which input is running:
 *  - no new "Running:" within the per-input timeout: the worker's process
 *    group is killed and that input is the hang;
 *  - the worker dies: the last announced input is the crash;
 *  - the worker dies after "Executed N inputs" (LeakSanitizer at exit): the
 *    batch is bisected, one worker per half, down to the leaking input.
 * The identified input is then re-run alone to confirm it, and the batch
 * resumes after it in a new worker, so a crash or hang costs one batch.
 * Limits per worker: RLIMIT_CORE 0; memory by ASan's hard_rss_limit_mb and
 * malloc_limit_mb (ASan reserves terabytes of shadow, so RLIMIT_AS cannot
 * be used with it), and by setrlimit(RLIMIT_AS) for non-ASan builds. */
#include "netfuzz/regress.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
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

#define NF_REPLAY_ARGV_BYTES (1u << 20) /* stay far below ARG_MAX */
#define NF_REPLAY_LINE 4096

struct worker_out {
	size_t started;   /* "Running:" lines seen */
	bool executed;    /* "Executed N inputs": every input returned */
	bool timed_out;
	int status;       /* waitpid status */
	char summary[512];
};

static bool asan_build(const struct nf_regress_opts *o)
{
	return !strcmp(o->sanitizer, "address") || !strcmp(o->sanitizer, "memory");
}

static void note_line(struct worker_out *w, const char *line)
{
	const char *p = line;

	while (*p == '=' || (*p >= '0' && *p <= '9'))
		p++; /* "==1234==" prefix */
	if (!strncmp(p, "SUMMARY: ", 9))
		snprintf(w->summary, sizeof w->summary, "%s", p + 9);
	else if (!w->summary[0] && (strstr(p, "ERROR: ") == p || strstr(p, "runtime error:") ||
				    strstr(p, "rss limit exhausted")))
		snprintf(w->summary, sizeof w->summary, "%s", p);
}

/* Run inputs[0..n) in one worker.  Lines other than "Running:" go to logfd. */
static void run_worker(const char *bin, char *const *inputs, size_t n, const struct nf_regress_opts *o,
		       int logfd, struct worker_out *w)
{
	char buf[NF_REPLAY_LINE * 2];
	size_t have = 0;
	/* The per-input clock starts at the first "Running:" line: process
	 * start-up (ASan's shadow mapping, a loaded machine) is not an input's
	 * time, as libFuzzer's -timeout counts only the input.  Until then the
	 * worker gets NF_REGRESS_STARTUP_S more. */
	double last = nf_now() + NF_REGRESS_STARTUP_S;
	int fds[2];
	pid_t pid;

	memset(w, 0, sizeof *w);
	if (pipe(fds) != 0) {
		snprintf(w->summary, sizeof w->summary, "pipe: %s", strerror(errno));
		w->status = 2 << 8;
		return;
	}
	fflush(NULL);
	pid = fork();
	if (pid == 0) {
		const char **argv = calloc(n + 2, sizeof *argv);
		struct rlimit core = {0, 0};
		int null = open("/dev/null", O_WRONLY);

		setpgid(0, 0);
#ifdef __linux__
		prctl(PR_SET_PDEATHSIG, SIGKILL);
#endif
		setrlimit(RLIMIT_CORE, &core);
		if (!asan_build(o)) {
			struct rlimit as = {(rlim_t)o->mem_mb << 20, (rlim_t)o->mem_mb << 20};

			setrlimit(RLIMIT_AS, &as);
		}
		dup2(fds[1], 2);
		if (null >= 0)
			dup2(null, 1);
		close(fds[0]);
		close(fds[1]);
		if (!argv)
			_exit(2);
		argv[0] = bin;
		for (size_t i = 0; i < n; i++)
			argv[i + 1] = inputs[i];
		execv(bin, (char *const *)argv);
		fprintf(stderr, "netfuzz: exec %s: %s\n", bin, strerror(errno));
		_exit(2);
	}
	close(fds[1]);
	if (pid < 0) {
		close(fds[0]);
		snprintf(w->summary, sizeof w->summary, "fork: %s", strerror(errno));
		w->status = 2 << 8;
		return;
	}
	for (;;) {
		struct pollfd pf = {fds[0], POLLIN, 0};
		int left = (int)((last + o->timeout_s - nf_now()) * 1000);
		ssize_t r;
		char *nl;

		if (left <= 0 || poll(&pf, 1, left) == 0) {
			kill(-pid, SIGKILL);
			kill(pid, SIGKILL);
			w->timed_out = true;
			break;
		}
		r = read(fds[0], buf + have, sizeof buf - 1 - have);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		have += (size_t)r;
		buf[have] = 0;
		while ((nl = strchr(buf, '\n')) != NULL || have == sizeof buf - 1) {
			size_t len = nl ? (size_t)(nl - buf) + 1 : have;

			if (nl)
				*nl = 0;
			if (!strncmp(buf, "Running: ", 9)) {
				w->started++;
				last = nf_now(); /* the per-input clock restarts */
			} else {
				if (!strncmp(buf, "Executed ", 9))
					w->executed = true;
				note_line(w, buf);
				if (logfd >= 0 && (write(logfd, buf, strlen(buf)) < 0 || write(logfd, "\n", 1) < 0))
					logfd = -1;
			}
			memmove(buf, buf + len, have - len);
			have -= len;
			buf[have] = 0;
		}
	}
	close(fds[0]);
	waitpid(pid, &w->status, 0);
	if (!w->summary[0] || w->timed_out) {
		if (w->timed_out)
			snprintf(w->summary, sizeof w->summary, "timeout: no progress for %d s (killed)", o->timeout_s);
		else if (WIFSIGNALED(w->status))
			snprintf(w->summary, sizeof w->summary, "killed by signal %d", WTERMSIG(w->status));
		else
			snprintf(w->summary, sizeof w->summary, "exit code %d", WEXITSTATUS(w->status));
	}
}

static bool worker_ok(const struct worker_out *w, size_t n)
{
	return !w->timed_out && WIFEXITED(w->status) && WEXITSTATUS(w->status) == 0 && w->started == n;
}

static void add_crash(struct nf_replay_res *res, const char *input, const struct worker_out *w, bool confirmed)
{
	struct nf_replay_crash *c = realloc(res->crash, (res->ncrash + 1) * sizeof *c);

	if (!c)
		exit(2);
	res->crash = c;
	c = &c[res->ncrash++];
	snprintf(c->input, sizeof c->input, "%s", input);
	snprintf(c->summary, sizeof c->summary, "%s", w->summary);
	c->timeout = w->timed_out;
	c->confirmed = confirmed;
}

__attribute__((format(printf, 2, 3))) static void log_note(int logfd, const char *fmt, ...)
{
	char line[PATH_MAX + 600];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);

	if (logfd >= 0 && n > 0 && write(logfd, line, (size_t)n) < 0)
		return;
}

void nf_replay_run(const char *bin, char *const *inputs, size_t n, const struct nf_regress_opts *o,
		   const char *logpath, struct nf_replay_res *res)
{
	int logfd = open(logpath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	size_t i = 0;

	memset(res, 0, sizeof *res);
	while (i < n) {
		struct worker_out w, alone;
		size_t count = 0, bytes = 0, k;

		while (i + count < n && count < (size_t)o->batch && bytes < NF_REPLAY_ARGV_BYTES)
			bytes += strlen(inputs[i + count++]) + 1;
		res->batches++;
		res->workers++;
		run_worker(bin, inputs + i, count, o, logfd, &w);
		if (worker_ok(&w, count)) {
			res->ran += count;
			i += count;
			continue;
		}
		if (w.started == 0) { /* nothing ran: unreadable input, exec failure */
			snprintf(res->error, sizeof res->error, "worker for %zu input(s) from %s failed before the first input: %s",
				 count, nf_relpath(inputs[i]), w.summary);
			i += count;
			continue;
		}
		k = w.started - 1;
		if (w.executed && !w.timed_out) {
			/* Died at exit (leak report): bisect the batch, a worker
			 * per half, to the first input whose run fails. */
			size_t lo = 0, hi = count;

			log_note(logfd, "netfuzz: batch from %s failed at exit (%s); bisecting it\n", inputs[i],
				 w.summary);
			while (hi - lo > 1) {
				size_t mid = lo + (hi - lo) / 2;

				res->workers++;
				run_worker(bin, inputs + i + lo, mid - lo, o, logfd, &alone);
				if (worker_ok(&alone, mid - lo))
					lo = mid;
				else
					hi = mid;
			}
			k = lo;
			res->workers++;
			run_worker(bin, inputs + i + k, 1, o, logfd, &alone);
			if (worker_ok(&alone, 1)) { /* only fails together with others */
				add_crash(res, inputs[i + count - 1], &w, false);
				res->ran += count;
				i += count;
				continue;
			}
			add_crash(res, inputs[i + k], &alone, true);
		} else {
			log_note(logfd, "netfuzz: the report above is for input %s%s\n", inputs[i + k],
				 w.timed_out ? " (timeout)" : "");
			if (count == 1) {
				add_crash(res, inputs[i + k], &w, true);
			} else { /* confirm alone */
				res->workers++;
				run_worker(bin, inputs + i + k, 1, o, logfd, &alone);
				add_crash(res, inputs[i + k], &w, !worker_ok(&alone, 1));
			}
		}
		res->ran += k;
		i += k + 1;
	}
	if (logfd >= 0)
		close(logfd);
}

void nf_replay_free(struct nf_replay_res *res)
{
	free(res->crash);
	memset(res, 0, sizeof *res);
}
