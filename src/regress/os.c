/* Running one OS-behaviour repro in isolation.
 *
 *   runner ──fork──► child: setpgid, [root] unshare(CLONE_NEWNET), lo up,
 *                    kernel fault (nft -f / sysctl) in that namespace,
 *                    then execve(self, "regress --child ID") with
 *                    LD_PRELOAD=build/libnetfault.so for a syscall fault
 *          ◄─pipe── "verdict\nnote" from the repro body
 *
 * The namespace is anonymous: it disappears with the child's last process,
 * taking any dummy/veth interface and nft ruleset with it (the repros also
 * delete what they create).  The child is killed (process group) after
 * NF_REPRO_TIMEOUT_S, and dies with the runner (PR_SET_PDEATHSIG). */
#include "netfuzz/project.h"
#include "netfuzz/regress.h"
#include "netfuzz/util.h"

#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#define NF_REPRO_TIMEOUT_S 20

#if defined(__APPLE__)
#define NF_SHIM "libnetfault.dylib"
#elif defined(__FreeBSD__)
#define NF_SHIM "libnetfault.so"
#else
#define NF_SHIM "libnetfault.so"
#endif

/* The repro's expectation for this platform: NULL (pass) or "known-fail ...". */
static const char *known_fail(const struct nf_repro *p, const char *platform)
{
	for (int i = 0; i < NF_REPRO_MAX_EXPECT && p->expect[i]; i++) {
		const char *colon = strchr(p->expect[i], ':');
		size_t plen = colon ? (size_t)(colon - p->expect[i]) : 0;

		if (!colon || strncmp(platform, p->expect[i], plen) != 0)
			continue;
		colon++;
		while (*colon == ' ')
			colon++;
		return strncmp(colon, "known-fail", 10) ? NULL : colon;
	}
	return NULL;
}

static bool applies_here(const struct nf_repro *p)
{
	const char *s = p->platforms;
	const char *os = nf_os_name();
	size_t n = strlen(os);

	while (s && *s) {
		while (*s == ' ')
			s++;
		if (!strncmp(s, os, n) && (s[n] == ' ' || s[n] == 0))
			return true;
		s = strchr(s, ' ');
	}
	return false;
}

#ifdef __linux__
/* ioctl(SIOCSIFFLAGS) as in netdevice(7): bring lo up in the new namespace. */
static int lo_up(void)
{
	struct ifreq ifr;
	int fd = socket(AF_INET, SOCK_DGRAM, 0), rc = -1;

	if (fd < 0)
		return -1;
	memset(&ifr, 0, sizeof ifr);
	snprintf(ifr.ifr_name, sizeof ifr.ifr_name, "lo");
	if (ioctl(fd, SIOCGIFFLAGS, &ifr) == 0) {
		ifr.ifr_flags |= IFF_UP;
		rc = ioctl(fd, SIOCSIFFLAGS, &ifr);
	}
	close(fd);
	return rc;
}
#endif

/* `nft -f -` / `ip -batch -` with the text on stdin, bounded in time;
 * what went wrong is on stderr (the repro's log). */
static bool feed(const char *prog, const char *flag, const char *text)
{
	const char *argv[] = {prog, flag, "-", NULL};
	struct nf_rctx r = {0};
	bool ok = nf_rs_cmd_input(&r, argv, text);

	if (!ok)
		fprintf(stderr, "netfuzz: %s\n", r.note);
	return ok;
}

/* "net/ipv6/bindv6only=1" -> write "1" to /proc/sys/net/ipv6/bindv6only. */
static bool set_sysctl(const char *config)
{
	char path[256];
	const char *eq = strchr(config, '=');
	int fd;
	bool ok;

	if (!eq)
		return false;
	snprintf(path, sizeof path, "/proc/sys/%.*s", (int)(eq - config), config);
	fd = open(path, O_WRONLY);
	if (fd < 0) {
		fprintf(stderr, "netfuzz: %s: %s\n", path, strerror(errno));
		return false;
	}
	ok = write(fd, eq + 1, strlen(eq + 1)) == (ssize_t)strlen(eq + 1);
	close(fd);
	return ok;
}

/* What to exec to run this program again.  Linux: /proc/self/exe itself,
 * a magic link the kernel follows straight to the running binary without
 * walking the directories of its real path, so the re-exec works when the
 * checkout sits under a directory the current user cannot traverse (the
 * program was started through a relative path or from a copy).  FreeBSD:
 * the path procfs gives; elsewhere (macOS) the project's bin/netfuzz. */
static bool self_exe(char *buf, size_t len)
{
#if defined(__linux__)
	snprintf(buf, len, "/proc/self/exe");
	return access(buf, X_OK) == 0;
#else
#if defined(__FreeBSD__)
	ssize_t n = readlink("/proc/curproc/file", buf, len - 1);
#else
	ssize_t n = -1;
#endif
	if (n <= 0) {
		snprintf(buf, len, "%s/bin/netfuzz", nf_project_root());
		return access(buf, X_OK) == 0;
	}
	buf[n] = 0;
	return true;
#endif
}

/* The preload shim, built on demand by the Makefile. */
static bool shim_path(char *buf, size_t len)
{
	char goal[PATH_MAX];

	if (!nf_path_join(buf, len, nf_project_root(), "build", NF_SHIM) ||
	    !nf_path_join(goal, sizeof goal, "build", NF_SHIM))
		return false;
	if (access(buf, R_OK) == 0)
		return true;
	return nf_make((char *const[]){goal, NULL}, false) == 0 && access(buf, R_OK) == 0;
}

/* In the forked child: isolate, apply the fault, exec the repro. */
static void child(const struct nf_repro *p, const struct nf_fault *f, int wfd, bool ns,
		  const char *shim, const char *exe)
{
	static struct nf_fault_env fenv; /* putenv keeps pointers into it until execv */
	char fdarg[16];
	const char *argv[8];
	int a = 0;

	setpgid(0, 0);
#ifdef __linux__
	prctl(PR_SET_PDEATHSIG, SIGKILL);
#endif
	alarm(NF_REPRO_TIMEOUT_S + 5); /* backstop; default action ends us */
	if (ns) {
#ifdef __linux__
		if (unshare(CLONE_NEWNET) != 0 || lo_up() != 0) {
			dprintf(wfd, "%d\ncannot create a network namespace with lo up: %s\n", NF_FAIL,
				strerror(errno));
			_exit(1);
		}
#endif
	}
	if (f && f->kind == NF_FAULT_IPRULE && !feed("ip", "-batch", f->config)) {
		dprintf(wfd, "%d\nfault setup failed: %s: ip -batch could not apply it (see log)\n", NF_FAIL, f->name);
		_exit(1);
	}
	if (f && f->kind == NF_FAULT_NFT && !feed("nft", "-f", f->config)) {
		dprintf(wfd, "%d\nfault setup failed: %s: nft could not load its ruleset (see log)\n", NF_FAIL, f->name);
		_exit(1);
	}
	if (f && f->kind == NF_FAULT_SYSCTL && !set_sysctl(f->config)) {
		dprintf(wfd, "%d\nfault setup failed: %s: cannot set %s in the namespace\n", NF_FAIL, f->name, f->config);
		_exit(1);
	}
	if (f) /* a syscall fault: the shim and its switch (the kernel faults are loaded above) */
		for (size_t i = 0, n = nf_fault_env(f, shim, false, &fenv); i < n; i++)
			putenv(fenv.v[i]);
	snprintf(fdarg, sizeof fdarg, "%d", wfd);
	argv[a++] = exe;
	argv[a++] = "regress";
	argv[a++] = "--child";
	argv[a++] = p->id;
	argv[a++] = fdarg;
	if (ns)
		argv[a++] = "--netns";
	argv[a] = NULL;
	execv(exe, (char *const *)argv);
	dprintf(wfd, "%d\nexec %s: %s\n", NF_FAIL, exe, strerror(errno));
	_exit(1);
}

/* Append "(libnetfault fired N times)" from the repro's log. */
static void add_fired(char *reason, size_t len, const char *log)
{
	char line[256];
	int n = 0;
	FILE *f = fopen(log, "r");

	while (f && fgets(line, sizeof line, f))
		n += !strncmp(line, "netfault: ", 10);
	if (f)
		fclose(f);
	snprintf(reason + strlen(reason), len - strlen(reason), " (libnetfault fired %d time%s)", n,
		 n == 1 ? "" : "s");
}

void nf_os_run(const struct nf_repro *p, const struct nf_fault *f, const char *logdir,
	       struct nf_result *res)
{
	char exe[PATH_MAX], shim[PATH_MAX] = "", log[PATH_MAX], buf[2048], platform[64];
	bool root = geteuid() == 0, ns = root;
	const char *kf;
	double t0 = nf_now();
	size_t got = 0;
	int fds[2], status = 0, verdict = -1, logfd;
	pid_t pid;

	memset(res, 0, sizeof *res);
	snprintf(res->kind, sizeof res->kind, "repro");
	snprintf(res->name, sizeof res->name, "%s%s%s", p->id, f ? "+" : "", f ? f->name : "");
	res->status = NF_R_SKIP;
	if (!applies_here(p)) {
		snprintf(res->reason, sizeof res->reason, "not applicable on %s (platforms: %s)", nf_os_name(), p->platforms);
		return;
	}
	if ((p->needs & NF_NEEDS_ROOT) && !root) {
		snprintf(res->reason, sizeof res->reason,
			 "needs root: it creates interfaces in its own network namespace");
		return;
	}
	if (f && f->kind != NF_FAULT_PRELOAD && !root) {
		snprintf(res->reason, sizeof res->reason,
			 "fault %s needs root (%s inside a network namespace)", f->name, nf_fault_kind_name(f->kind));
		return;
	}
	res->status = NF_R_FAIL;
	if (!self_exe(exe, sizeof exe)) {
		snprintf(res->reason, sizeof res->reason, "cannot find the netfuzz executable");
		return;
	}
	if (f && f->kind == NF_FAULT_PRELOAD && !shim_path(shim, sizeof shim)) {
		snprintf(res->reason, sizeof res->reason, "fault setup failed: %s: build/%s is missing and could not be built",
			 f->name, NF_SHIM);
		return;
	}
	snprintf(log, sizeof log, "%s/repro-%s.log", logdir, res->name);
	logfd = open(log, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (pipe(fds) != 0) {
		snprintf(res->reason, sizeof res->reason, "pipe: %s", strerror(errno));
		return;
	}
	fflush(NULL);
	pid = fork();
	if (pid == 0) {
		close(fds[0]);
		if (logfd >= 0) {
			dup2(logfd, 1);
			dup2(logfd, 2);
		}
		child(p, f, fds[1], ns, shim, exe);
	}
	close(fds[1]);
	if (logfd >= 0)
		close(logfd);
	if (pid < 0) {
		close(fds[0]);
		snprintf(res->reason, sizeof res->reason, "fork: %s", strerror(errno));
		return;
	}
	for (;;) { /* read the verdict, bounded by NF_REPRO_TIMEOUT_S */
		struct pollfd pf = {fds[0], POLLIN, 0};
		int left = (int)((t0 + NF_REPRO_TIMEOUT_S - nf_now()) * 1000);
		ssize_t r;

		if (left <= 0 || poll(&pf, 1, left) <= 0) {
			kill(-pid, SIGKILL);
			kill(pid, SIGKILL);
			snprintf(buf, sizeof buf, "%d\ntimed out after %d s (killed)", NF_FAIL, NF_REPRO_TIMEOUT_S);
			got = strlen(buf);
			break;
		}
		r = read(fds[0], buf + got, sizeof buf - 1 - got);
		if (r <= 0)
			break;
		got += (size_t)r;
		if (got == sizeof buf - 1)
			break;
	}
	buf[got] = 0;
	close(fds[0]);
	waitpid(pid, &status, 0);
	res->secs = nf_now() - t0;
	if (sscanf(buf, "%d", &verdict) != 1 || !strchr(buf, '\n')) {
		snprintf(res->reason, sizeof res->reason, "repro process ended without a verdict (%s %d); see %s",
			 WIFSIGNALED(status) ? "signal" : "exit code",
			 WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status), log);
		return;
	}
	buf[strcspn(buf, "\r")] = 0;
	{
		char *note = strchr(buf, '\n') + 1;

		note[strcspn(note, "\n")] = 0;
		snprintf(res->reason, sizeof res->reason, "%s%s%s%s", note, ns ? "" : " [no namespace: not root]",
			 f ? " [fault " : "", f ? f->name : "");
		if (f)
			strncat(res->reason, "]", sizeof res->reason - strlen(res->reason) - 1);
	}
	if (f && f->kind == NF_FAULT_PRELOAD) /* show that the shim fired */
		add_fired(res->reason, sizeof res->reason, log);
	nf_platform(platform, sizeof platform);
	kf = known_fail(p, platform);
	if (verdict == NF_SKIP)
		res->status = NF_R_SKIP;
	else if (verdict == NF_PASS)
		res->status = kf ? NF_R_XPASS : NF_R_PASS;
	else
		res->status = kf ? NF_R_XFAIL : NF_R_FAIL;
}

int nf_os_child(int argc, char **argv)
{
	struct nf_rctx r = {0};
	const struct nf_repro *p;
	int fd, v;

	if (argc < 4) {
		fprintf(stderr, "netfuzz: regress: --child ID FD [--netns] is internal\n");
		return NF_EXIT_USAGE;
	}
	p = nf_repro_find(argv[2]);
	fd = atoi(argv[3]);
	fcntl(fd, F_SETFD, FD_CLOEXEC); /* commands the repro runs must not hold it */
	if (!p) {
		dprintf(fd, "%d\nno repro named %s in this binary\n", NF_FAIL, argv[2]);
		return NF_EXIT_FINDINGS;
	}
	r.in_netns = argc > 4 && !strcmp(argv[4], "--netns");
	r.self = p;
	v = p->run(&r);
	if (v != NF_PASS && v != NF_SKIP)
		v = NF_FAIL;
	for (size_t i = 0; i < r.note_len; i++) /* one line */
		if (r.note[i] == '\n')
			r.note[i] = ' ';
	while (r.note_len && (r.note[r.note_len - 1] == ';' || r.note[r.note_len - 1] == ' '))
		r.note[--r.note_len] = 0; /* a trailing separator */
	dprintf(fd, "%d\n%s\n", v, r.note_len ? r.note : "(no details)");
	close(fd);
	return v == NF_FAIL ? NF_EXIT_FINDINGS : NF_EXIT_OK;
}
