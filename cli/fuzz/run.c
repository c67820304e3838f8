/* Campaign plumbing shared by the engine drivers: spawning the engine with
 * a time bound, the live progress line, artifact counting and the
 * time-series statistics in out/stats/<t>.csv. */
#include "fuzz.h"
#include "netfuzz/proc.h"
#include "netfuzz/util.h"

#include <dirent.h>
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

volatile sig_atomic_t nf_fuzz_interrupted;

int nf_fuzz_mkdirs(const char *path)
{
	if (nf_mkdir_p(path) != 0) {
		fprintf(stderr, "netfuzz: fuzz: cannot create %s: %s\n", path, strerror(errno));
		return -1;
	}
	return 0;
}

long nf_fuzz_count_files(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	long n = 0;

	if (!d)
		return 0;
	while ((e = readdir(d)) != NULL)
		if (e->d_name[0] != '.')
			n++;
	closedir(d);
	return n;
}

static int count_prefix(const char *dir, const char *prefix)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	if (!d)
		return 0;
	while ((e = readdir(d)) != NULL)
		if (!strncmp(e->d_name, prefix, strlen(prefix)))
			n++;
	closedir(d);
	return n;
}

/* libFuzzer names artifacts crash-, leak-, timeout-, oom- (and slow-unit-). */
void nf_fuzz_count_artifacts(struct fuzz_run *r)
{
	r->st.crashes = count_prefix(r->crashes, "crash-") + count_prefix(r->crashes, "leak-");
	r->st.timeouts = count_prefix(r->crashes, "timeout-") + count_prefix(r->timeouts, "timeout-");
	r->st.ooms = count_prefix(r->crashes, "oom-") + count_prefix(r->ooms, "oom-");
}

/* Timeouts and OOMs are not crashes: move them to out/timeouts/<t>/ and
 * out/ooms/<t>/, keeping libFuzzer's names. */
void nf_fuzz_separate_artifacts(struct fuzz_run *r)
{
	DIR *d = opendir(r->crashes);
	struct dirent *e;

	if (!d)
		return;
	while ((e = readdir(d)) != NULL) {
		const char *to = !strncmp(e->d_name, "timeout-", 8) ? r->timeouts
				 : !strncmp(e->d_name, "oom-", 4)   ? r->ooms
								    : NULL;
		char from[PATH_MAX * 2], dest[PATH_MAX * 2];

		if (!to)
			continue;
		nf_fuzz_mkdirs(to);
		snprintf(from, sizeof from, "%s/%s", r->crashes, e->d_name);
		snprintf(dest, sizeof dest, "%s/%s", to, e->d_name);
		if (rename(from, dest) != 0)
			fprintf(stderr, "netfuzz: fuzz: cannot move %s to %s: %s\n", from, to, strerror(errno));
	}
	closedir(d);
	nf_fuzz_count_artifacts(r);
}

void nf_fuzz_stats_row(struct fuzz_run *r)
{
	if (!r->csv)
		return;
	fprintf(r->csv, "%.0f,%lld,%ld,%ld,%ld,%ld,%d,%d,%d,%s\n", r->elapsed, r->st.execs, r->st.exec_s,
		r->st.cov, r->st.ft, r->st.corpus, r->st.crashes, r->st.timeouts, r->st.ooms,
		r->mutator ? r->mutator : "bytes");
	fflush(r->csv);
}

/* "frame_ether  [  8s/10s]  exec/s: 35120  cov: 396  ft: 1020  corpus: 245  crashes: 0  timeouts: 0  ooms: 0" */
void nf_fuzz_progress(struct fuzz_run *r, bool final)
{
	static double last_print;
	static char last_line[256];
	char line[256];

	snprintf(line, sizeof line,
		 "%-22s [%4.0fs/%ds] %-9s exec/s: %-7ld cov: %-6ld ft: %-6ld corpus: %-6ld crashes: %d  timeouts: %d  ooms: %d",
		 r->target, r->elapsed, r->seconds, r->mutator ? r->mutator : "bytes", r->st.exec_s, r->st.cov, r->st.ft,
		 r->st.corpus,
		 r->st.crashes, r->st.timeouts, r->st.ooms);
	if (r->tty) {
		fprintf(stderr, "\r\033[K%s%s", line, final ? "\n" : "");
	} else if ((final || r->elapsed - last_print >= 10 || r->elapsed < last_print) &&
		   strcmp(line, last_line)) {
		fprintf(stderr, "%s\n", line);
		snprintf(last_line, sizeof last_line, "%s", line);
		last_print = final ? 0 : r->elapsed;
	}
	fflush(stderr);
}

int nf_fuzz_spawn(struct fuzz_run *r, char *const argv[], char *const env[], nf_fuzz_line_fn on_line,
		  nf_fuzz_tick_fn on_tick, int budget)
{
	int fd = -1, status = 0;
	pid_t pid;
	FILE *log = fopen(r->log, "a");
	char buf[65536], line[16384];
	size_t ll = 0;
	double last_tick = 0, stop_at = nf_now() + budget + 30, kill_at = stop_at + 30;
	bool sent_int = false, sent_kill = false;

	pid = nf_proc_spawn(argv, env, true, &fd);
	if (pid < 0) {
		if (log)
			fclose(log);
		return -1;
	}
	nf_proc_current = pid;
	r->start = nf_now(); /* the budget starts now, not before the build */
	for (;;) {
		struct pollfd pfd = {fd, POLLIN, 0};
		int pr = poll(&pfd, 1, 250);
		double now = nf_now();

		if ((nf_fuzz_interrupted || now > stop_at) && !sent_int) {
			kill(-pid, SIGINT); /* libFuzzer and afl-fuzz stop cleanly on SIGINT */
			sent_int = true;
			kill_at = now + 20;
			r->interrupted = nf_fuzz_interrupted;
		}
		if (sent_int && now > kill_at && !sent_kill) {
			kill(-pid, SIGKILL);
			sent_kill = true;
		}
		if (pr > 0) {
			ssize_t got = read(fd, buf, sizeof buf);
			if (got <= 0)
				break;
			if (log)
				fwrite(buf, 1, (size_t)got, log);
			for (ssize_t i = 0; i < got; i++) {
				if (buf[i] == '\n' || buf[i] == '\r' || ll + 1 == sizeof line) {
					line[ll] = 0;
					if (ll && on_line)
						on_line(r, line);
					ll = 0;
				} else {
					line[ll++] = buf[i];
				}
			}
		} else if (pr < 0 && errno != EINTR) {
			break;
		}
		r->elapsed = now - r->start;
		if (now - last_tick >= 1.0) {
			last_tick = now;
			if (on_tick)
				on_tick(r);
			nf_fuzz_count_artifacts(r);
			nf_fuzz_stats_row(r);
			nf_fuzz_progress(r, false);
		}
	}
	close(fd);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	nf_proc_current = 0;
	if (log)
		fclose(log);
	r->elapsed = nf_now() - r->start;
	r->exit_status = status;
	return 0;
}
