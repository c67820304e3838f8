/* Helpers for OS-behaviour repro bodies (regressions/os/<id>.c) and the
 * nf_repros registry.  Plain POSIX sockets; every blocking receive is
 * bounded by SO_RCVTIMEO so no repro can hang. */
#include "netfuzz/repro.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern const struct nf_repro __start_nf_repros[] __attribute__((weak));
extern const struct nf_repro __stop_nf_repros[] __attribute__((weak));

/* The compiled-in repros and the socket-program cases in one array, built
 * on first use, so every caller sees both alike. */
static struct nf_repro all[256];
static size_t nall;
static bool built;

static void build(void)
{
	if (built)
		return;
	built = true;
	for (const struct nf_repro *p = __start_nf_repros; p < __stop_nf_repros && nall < 192; p++)
		all[nall++] = *p;
	nall += nf_sockcase_load(all + nall, sizeof all / sizeof all[0] - nall);
}

const struct nf_repro *nf_repro_first(void) { build(); return all; }
const struct nf_repro *nf_repro_end(void) { build(); return all + nall; }

const struct nf_repro *nf_repro_find(const char *id)
{
	build();
	for (size_t i = 0; i < nall; i++)
		if (!strcmp(all[i].id, id))
			return &all[i];
	return NULL;
}

__attribute__((format(printf, 2, 0))) static void vnote(struct nf_rctx *r, const char *fmt, va_list ap)
{
	int n;

	if (r->note_len + 1 >= sizeof r->note)
		return;
	if (r->note_len && fmt[0] != ';' && fmt[0] != ',') /* words are space-separated */
		r->note[r->note_len++] = ' ';
	n = vsnprintf(r->note + r->note_len, sizeof r->note - r->note_len, fmt, ap);
	if (n > 0)
		r->note_len += (size_t)n < sizeof r->note - r->note_len ? (size_t)n
									: sizeof r->note - r->note_len - 1;
}

void nf_note(struct nf_rctx *r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vnote(r, fmt, ap);
	va_end(ap);
}

int nf_fail(struct nf_rctx *r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vnote(r, fmt, ap);
	va_end(ap);
	return NF_FAIL;
}

int nf_rs_socket(struct nf_rctx *r, int family, int type)
{
	struct timeval tv = {0, NF_REPRO_RECV_MS * 1000};
	int fd = socket(family, type, 0);

	if (fd < 0) {
		nf_note(r, "socket(%s): %s;", family == AF_INET6 ? "AF_INET6" : "AF_INET",
			strerror(errno));
		return -1;
	}
	if (setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv) != 0) {
		nf_note(r, "SO_RCVTIMEO: %s;", strerror(errno));
		close(fd);
		return -1;
	}
#ifdef SO_NOSIGPIPE
	{
		int one = 1; /* BSD only; Linux uses MSG_NOSIGNAL per call */

		setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &one, sizeof one);
	}
#endif
	return fd;
}

uint16_t nf_rs_port(int fd)
{
	struct sockaddr_storage ss;
	socklen_t sl = sizeof ss;

	if (getsockname(fd, (struct sockaddr *)&ss, &sl) != 0)
		return 0;
	if (ss.ss_family == AF_INET)
		return ntohs(((struct sockaddr_in *)&ss)->sin_port);
	if (ss.ss_family == AF_INET6)
		return ntohs(((struct sockaddr_in6 *)&ss)->sin6_port);
	return 0;
}

bool nf_rs_setint(struct nf_rctx *r, int fd, int level, int opt, int val, const char *name)
{
	if (setsockopt(fd, level, opt, &val, sizeof val) == 0)
		return true;
	nf_note(r, "setsockopt(%s=%d): %s;", name, val, strerror(errno));
	return false;
}

void nf_rs_sin(void *sa, const char *addr, uint16_t port)
{
	struct sockaddr_in *s = sa;

	memset(s, 0, sizeof *s);
	s->sin_family = AF_INET;
	s->sin_port = htons(port);
	inet_pton(AF_INET, addr, &s->sin_addr);
#ifdef __APPLE__
	s->sin_len = sizeof *s;
#endif
}

void nf_rs_sin6(void *sa, const char *addr, uint16_t port)
{
	struct sockaddr_in6 *s = sa;

	memset(s, 0, sizeof *s);
	s->sin6_family = AF_INET6;
	s->sin6_port = htons(port);
	inet_pton(AF_INET6, addr, &s->sin6_addr);
#ifdef __APPLE__
	s->sin6_len = sizeof *s;
#endif
}

#define NF_RS_CMD_MS 5000

bool nf_rs_cmd_input(struct nf_rctx *r, const char *const argv[], const char *input)
{
	struct timespec t0, now;
	int status = 0, in[2] = {-1, -1};
	pid_t pid, w;

	if (input && pipe(in) != 0) {
		nf_note(r, "pipe: %s;", strerror(errno));
		return false;
	}
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		nf_note(r, "fork: %s;", strerror(errno));
		return false;
	}
	if (pid == 0) {
		if (input) {
			dup2(in[0], 0);
			close(in[0]);
			close(in[1]);
		}
		dup2(2, 1);
		execvp(argv[0], (char *const *)argv);
		fprintf(stderr, "netfuzz: exec %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	if (input) { /* small texts (rulesets): fit in the pipe buffer */
		size_t len = strlen(input);

		close(in[0]);
		if (write(in[1], input, len) != (ssize_t)len)
			nf_note(r, "writing to %s: %s;", argv[0], strerror(errno));
		close(in[1]);
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) { /* bounded: NF_RS_CMD_MS */
		w = waitpid(pid, &status, WNOHANG);
		if (w == pid)
			break;
		clock_gettime(CLOCK_MONOTONIC, &now);
		if ((now.tv_sec - t0.tv_sec) * 1000 + (now.tv_nsec - t0.tv_nsec) / 1000000 > NF_RS_CMD_MS) {
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
			nf_note(r, "'%s %s' timed out;", argv[0], argv[1] ? argv[1] : "");
			return false;
		}
		poll(NULL, 0, 5);
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return true;
	nf_note(r, "command failed:");
	for (int i = 0; argv[i] && i < 12; i++)
		nf_note(r, "%s", argv[i]);
	nf_note(r, "(exit %d);", WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
	return false;
}

bool nf_rs_cmd(struct nf_rctx *r, const char *const argv[])
{
	return nf_rs_cmd_input(r, argv, NULL);
}
