/* Campaign plumbing shared by the engine drivers: spawning the engine with
 * a time bound, the live progress line, artifact counting and the
 * time-series statistics in out/stats/<t>.csv. */
#include "fuzz.h"
#include "netfuzz/proc.h"
#include "netfuzz/util.h"

#include <dirent.h>
#include <openssl/evp.h>
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

volatile sig_atomic_t nf_fuzz_interrupted;
volatile sig_atomic_t nf_fuzz_merging;

int nf_fuzz_merge_bound(void)
{
	return nf_fuzz_interrupted ? NF_FUZZ_MERGE_INTERRUPTED_S : NF_FUZZ_MERGE_S;
}

int nf_fuzz_mkdirs(const char *path)
{
	struct stat st;

	if (nf_mkdir_p(path) != 0) {
		fprintf(stderr, "netfuzz: fuzz: cannot create %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) { /* EEXIST: but a directory? */
		fprintf(stderr, "netfuzz: fuzz: %s exists and is not a directory\n", path);
		return -1;
	}
	return 0;
}

/* fn(path, name, arg) for every entry directly in dir but dot files, by
 * name: src/util's walk at depth 0, where what it does not descend into (a
 * subdirectory, an unreadable file) is an entry too.  Nothing for a
 * missing directory. */
struct each {
	void (*fn)(const char *path, const char *name, void *arg);
	void *arg;
};

static void each_file(const char *path, void *arg)
{
	const struct each *e = arg;
	const char *slash = strrchr(path, '/');

	e->fn(path, slash ? slash + 1 : path, e->arg);
}

static void each_other(const char *path, const char *why, void *arg)
{
	each_file(path, arg);
}

static void each_entry(const char *dir, void (*fn)(const char *path, const char *name, void *arg), void *arg)
{
	struct each e = {fn, arg};
	struct stat st;

	if (stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
		nf_walk_files(dir, 0, each_file, each_other, &e);
}

struct count {
	const char *prefix;
	long n;
};

static void count_one(const char *path, const char *name, void *arg)
{
	struct count *c = arg;

	c->n += !c->prefix || !strncmp(name, c->prefix, strlen(c->prefix));
}

long nf_fuzz_count_files(const char *dir)
{
	struct count c = {NULL, 0};

	each_entry(dir, count_one, &c);
	return c.n;
}

static int count_prefix(const char *dir, const char *prefix)
{
	struct count c = {prefix, 0};

	each_entry(dir, count_one, &c);
	return (int)c.n;
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
static void separate_one(const char *path, const char *name, void *arg)
{
	struct fuzz_run *r = arg;
	const char *to = !strncmp(name, "timeout-", 8) ? r->timeouts : !strncmp(name, "oom-", 4) ? r->ooms : NULL;
	char from[PATH_MAX], dest[PATH_MAX];

	if (!to)
		return;
	nf_fuzz_mkdirs(to);
	if (!nf_path_join(from, sizeof from, r->crashes, name) || !nf_path_join(dest, sizeof dest, to, name)) {
		fprintf(stderr, "netfuzz: fuzz: %s/%s: path too long, left where it is\n", r->crashes, name);
		return;
	}
	if (rename(from, dest) != 0)
		fprintf(stderr, "netfuzz: fuzz: cannot move %s to %s: %s\n", from, to, strerror(errno));
}

void nf_fuzz_separate_artifacts(struct fuzz_run *r)
{
	each_entry(r->crashes, separate_one, r);
	nf_fuzz_count_artifacts(r);
}

void nf_fuzz_stats_row(struct fuzz_run *r)
{
	if (!r->csv)
		return;
	/* A soak's later turn continues a series: until the engine's first
	 * status line its figures are zeros, not a fall to zero coverage. */
	if (r->t0 > 0 && r->st.execs == 0 && r->st.cov == 0)
		return;
	struct timespec now;

	/* unix_time: the report's crash timeline puts all targets on one
	 * wall-clock axis */
	clock_gettime(CLOCK_REALTIME, &now);
	fprintf(r->csv, "%.0f,%lld,%ld,%ld,%ld,%ld,%d,%d,%d,%lld,%s\n", r->t0 + r->elapsed, r->execs0 + r->st.execs,
		r->st.exec_s, r->st.cov, r->st.ft, r->st.corpus, r->st.crashes, r->st.timeouts, r->st.ooms,
		(long long)now.tv_sec, r->mutator ? r->mutator : "bytes");
	fflush(r->csv);
}

/* "frame_ether  [  8s/10s]  exec/s: 35120  cov: 396  ft: 1020  corpus: 245  crashes: 0  timeouts: 0  ooms: 0" */
void nf_fuzz_progress(struct fuzz_run *r, bool final)
{
	static double last_print;
	static char last_line[256];
	char line[320], phase[64] = "";

	/* past the budget the engine is only handing in its last inputs */
	if (r->winddown >= 1 && !final)
		snprintf(phase, sizeof phase, "  finishing: collecting the engine's last inputs (+%.0fs)", r->winddown);
	snprintf(line, sizeof line,
		 "%-22s [%4.0fs/%ds] %-9s exec/s: %-7ld cov: %-6ld ft: %-6ld corpus: %-6ld crashes: %d  timeouts: %d  ooms: %d%s",
		 r->target, r->elapsed, r->seconds, r->mutator ? r->mutator : "bytes", r->st.exec_s, r->st.cov, r->st.ft,
		 r->st.corpus, r->st.crashes, r->st.timeouts, r->st.ooms, phase);
	if (r->tty) {
		fprintf(stderr, "\r\033[K%s%s", line, final ? "\n" : "");
	} else if ((final || r->elapsed + r->winddown - last_print >= 10 || r->elapsed < last_print) &&
		   strcmp(line, last_line)) {
		fprintf(stderr, "%s\n", line);
		snprintf(last_line, sizeof last_line, "%s", line);
		last_print = final ? 0 : r->elapsed + r->winddown;
	}
	fflush(stderr);
}

void nf_fuzz_merge_begin(struct fuzz_run *r, long inputs)
{
	nf_fuzz_count_artifacts(r);
	nf_fuzz_progress(r, true); /* the fuzzing phase's last line */
	fprintf(stderr, "%-22s merging %ld input%s into %s ...\n", r->target, inputs, inputs == 1 ? "" : "s",
		r->corpus);
	fflush(stderr);
}

void nf_fuzz_merge_end(struct fuzz_run *r, double started)
{
	double took = nf_now() - started;

	r->merge_s += took;
	fprintf(stderr, "%-22s merged in %.0fs (+%.0fs before it for the engine to finish); corpus: %ld inputs\n",
		r->target, took, r->winddown, nf_fuzz_count_files(r->corpus));
	fflush(stderr);
}

/* Keep the engine's last error line for a campaign that ran nothing
 * (issue 26: "0 execs" was reported as success).  A line that looks like
 * an error wins over one that does not; progress and INFO lines never
 * count. */
static bool errorish(const char *l)
{
	static const char *const words[] = {"ERROR", "rror", "No such", "cannot", "annot ", "failed", "ABORT",
					    "not found", "denied", "exiting"};

	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strstr(l, words[i]))
			return true;
	return false;
}

static void note_line(struct fuzz_run *r, const char *line)
{
	static bool have_error;

	if (!r->last_error[0])
		have_error = false;
	if (line[0] == '#' || !strncmp(line, "INFO:", 5) || strstr(line, "NEW_FUNC") || !strncmp(line, "MERGE-", 6))
		return;
	if (errorish(line) || !have_error) {
		have_error |= errorish(line);
		snprintf(r->last_error, sizeof r->last_error, "%s", line);
	}
}

int nf_fuzz_spawn(struct fuzz_run *r, char *const argv[], char *const env[], nf_fuzz_line_fn on_line,
		  nf_fuzz_tick_fn on_tick, int budget)
{
	int fd = -1, status = 0;
	pid_t pid;
	FILE *log = fopen(r->log, "a");
	char buf[65536], line[16384];
	size_t ll = 0;
	/* The engines are told the budget and stop themselves; libFuzzer's fork
	 * mode then waits for its running jobs to finish and hands in their
	 * inputs, which overruns by seconds.  That wind-down is shown and
	 * counted as part of the merge phase, not as fuzzing; it is cut off
	 * (SIGINT, then SIGKILL) if it takes more than 30 s. */
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
			/* a user's signal: 5 s for the engine to hand in its inputs */
			kill_at = now + (nf_fuzz_interrupted ? 5 : 20);
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
					if (ll)
						note_line(r, line);
					ll = 0;
				} else {
					line[ll++] = buf[i];
				}
			}
		} else if (pr < 0 && errno != EINTR) {
			break;
		}
		r->elapsed = now - r->start > budget ? budget : now - r->start;
		r->winddown = now - r->start - r->elapsed;
		if (now - last_tick >= 1.0) {
			last_tick = now;
			if (on_tick)
				on_tick(r);
			nf_fuzz_count_artifacts(r);
			if (r->winddown <= 0)
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
	r->elapsed = nf_now() - r->start > budget ? budget : nf_now() - r->start;
	r->winddown = nf_now() - r->start - r->elapsed;
	r->merge_s += r->winddown;
	r->exit_status = status;
	return 0;
}

bool nf_fuzz_sha1_file(const char *path, char hex[41])
{
	unsigned char md[EVP_MAX_MD_SIZE], buf[65536];
	EVP_MD_CTX *c = EVP_MD_CTX_new();
	FILE *f = fopen(path, "rb");
	size_t n;
	bool ok = c && f && EVP_DigestInit_ex(c, EVP_sha1(), NULL);

	while (ok && (n = fread(buf, 1, sizeof buf, f)) > 0)
		ok = EVP_DigestUpdate(c, buf, n);
	ok = ok && f && !ferror(f) && EVP_DigestFinal_ex(c, md, NULL);
	for (int i = 0; ok && i < 20; i++)
		snprintf(hex + 2 * i, 3, "%02x", md[i]);
	if (f)
		fclose(f);
	EVP_MD_CTX_free(c);
	return ok;
}

int nf_fuzz_collect(const char *root, const char *sub, const char *dest, const char *prefix)
{
	DIR *d = opendir(root), *c;
	struct dirent *e, *f;
	int n = 0;

	if (!d)
		return 0;
	nf_fuzz_mkdirs(dest);
	while ((e = readdir(d)) != NULL) {
		char dir[PATH_MAX];

		if (e->d_name[0] == '.' || !nf_path_join(dir, sizeof dir, root, e->d_name, sub))
			continue;
		if (!(c = opendir(dir)))
			continue;
		while ((f = readdir(c)) != NULL) {
			char from[PATH_MAX], to[PATH_MAX], hex[41], name[64], err[PATH_MAX + 64];

			if (strncmp(f->d_name, "id:", 3))
				continue;
			/* the whole file (it was cut to its first 64 KiB) */
			if (!nf_path_join(from, sizeof from, dir, f->d_name) || !nf_fuzz_sha1_file(from, hex))
				continue;
			if (!nf_strfmt(name, sizeof name, "%s%s", prefix, hex) || !nf_path_join(to, sizeof to, dest, name))
				continue;
			if (nf_copy_file(from, to, err, sizeof err))
				n++;
			else
				fprintf(stderr, "netfuzz: fuzz: %s\n", err);
		}
		closedir(c);
	}
	closedir(d);
	return n;
}


/* After a completed merge, a run's scratch directory is marked, so the next
 * run knows its inputs are already in the corpus. */
#define MERGED_MARK ".merged"

void nf_fuzz_mark_merged(const char *dir)
{
	char path[PATH_MAX];
	FILE *f;

	if (nf_path_join(path, sizeof path, dir, MERGED_MARK) && (f = fopen(path, "w")) != NULL)
		fclose(f);
}

static bool merged(const char *dir)
{
	char path[PATH_MAX];

	return nf_path_join(path, sizeof path, dir, MERGED_MARK) && access(path, F_OK) == 0;
}

/* Move dir's files into the corpus under their own names (libFuzzer names
 * its inputs by SHA-1, so a name already there is the same input). */
struct adopt {
	const char *dir, *corpus;
	long n;
};

static void adopt_one(const char *path, const char *name, void *arg)
{
	struct adopt *a = arg;
	char from[PATH_MAX], to[PATH_MAX];

	/* libFuzzer's own names only (40 hex digits): nothing else is moved */
	if (!nf_fuzz_engine_name(name))
		return;
	if (!nf_path_join(from, sizeof from, a->dir, name) || !nf_path_join(to, sizeof to, a->corpus, name))
		return;
	if (access(to, F_OK) == 0 || rename(from, to) != 0)
		return;
	a->n++;
}

static long adopt(const char *dir, const char *corpus)
{
	struct adopt a = {dir, corpus, 0};

	each_entry(dir, adopt_one, &a);
	return a.n;
}

/* A run that was killed (SIGKILL, power loss) never merged: libFuzzer's
 * new inputs are still in out/work/<t>/, AFL++'s in out/afl/<t>/<instance>/queue/,
 * with its crashes and hangs beside them.  Take them into the corpus and
 * the artifact directories before this run clears its scratch space, and
 * count them so the summary can say so. */
long nf_fuzz_recover(struct fuzz_run *r)
{
	const char *afl = r->afl;
	long n = 0;

	nf_fuzz_mkdirs(r->corpus);
	if (nf_fuzz_count_files(r->work) > 0 && !merged(r->work))
		n += adopt(r->work, r->corpus);
	/* only a directory netfuzz made (or AFL++'s output of an older run) */
	if (nf_fuzz_is_scratch(afl) && !merged(afl)) {
		long before = nf_fuzz_count_files(r->corpus);

		nf_fuzz_collect(afl, "queue", r->corpus, "");
		n += nf_fuzz_count_files(r->corpus) - before;
		nf_fuzz_collect(afl, "crashes", r->crashes, "crash-");
		nf_fuzz_collect(afl, "hangs", r->timeouts, "timeout-");
		nf_fuzz_mark_merged(afl);
	}
	r->recovered = n;
	if (n)
		fprintf(stderr, "netfuzz: fuzz: %s: recovered %ld input(s) from an interrupted run into %s\n", r->target,
			n, r->corpus);
	return n;
}
