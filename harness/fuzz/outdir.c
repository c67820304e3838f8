/* The campaign directory (--out): every path under it built and checked
 * before anything is touched, one campaign at a time (a lock), scratch
 * directories that netfuzz alone removes, and earlier runs' statistics and
 * logs kept (issue 26).
 *
 * What netfuzz deletes under --out, and when (docs/fuzzing.md says the
 * same): at the start of a target's turn, after taking what a killed run
 * left there into the corpus, its scratch directories work/<t>/,
 * work/<t>.lf/ (libFuzzer) and work/<t>-afl-in/, afl/<t>/ (AFL++), and
 * after AFL++'s merge afl/<t>/cmin-in/ and cmin-out/.  Only a directory
 * holding netfuzz's mark (.netfuzz-scratch, or .merged from before it) is
 * removed; any other is refused with a message.  Nothing else under --out
 * is ever deleted. */
#include "fuzz.h"
#include "netfuzz/util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define SCRATCH_MARK ".netfuzz-scratch"
#define OLD_MERGED_MARK ".merged"
/* The longest name netfuzz or an engine puts under --out:
 * afl/<t>/s15/queue/id:000123,src:000045+000067,time:1234567,execs:12345678,op:...
 * A target name is at most 64 characters (NF_FUZZ_TARGET_MAX). */
#define OUT_ROOM 200
#define NF_FUZZ_TARGET_MAX 64

static bool join(char *out, size_t len, const char *what, const char *a, const char *b, const char *c)
{
	if (nf_path_join(out, len, a, b, c))
		return true;
	fprintf(stderr, "netfuzz: fuzz: the path of %s under %s is too long (more than %zu characters); nothing was "
			"changed\n", what, a, len - 1);
	return false;
}

bool nf_fuzz_out_fits(const char *out)
{
	char cwd[PATH_MAX] = "";
	size_t l = strlen(out);

	if (out[0] != '/' && getcwd(cwd, sizeof cwd))
		l += strlen(cwd) + 1;
	/* Refuse up front, so no step fails half-way with "File name too
	 * long" (issue 26 row 2: the run had already emptied the directory). */
	if (l + OUT_ROOM >= PATH_MAX) {
		fprintf(stderr, "netfuzz: fuzz: --out is too long: %zu characters, and the files netfuzz and the "
				"engines write below it need up to %d more (a path is at most %d); choose a shorter --out. "
				"Nothing was changed.\n", l, OUT_ROOM, PATH_MAX - 1);
		return false;
	}
	return true;
}

bool nf_fuzz_paths(struct fuzz_run *r, const char *out)
{
	char log[NF_FUZZ_TARGET_MAX + 8], lf[NF_FUZZ_TARGET_MAX + 8], aflin[NF_FUZZ_TARGET_MAX + 16];
	if (strlen(r->target) > NF_FUZZ_TARGET_MAX) {
		fprintf(stderr, "netfuzz: fuzz: target name %.20s... is longer than %d characters\n", r->target,
			NF_FUZZ_TARGET_MAX);
		return false;
	}
	if (!nf_fuzz_out_fits(out))
		return false;
	snprintf(log, sizeof log, "%s.log", r->target);
	snprintf(lf, sizeof lf, "%s.lf", r->target);
	snprintf(aflin, sizeof aflin, "%s-afl-in", r->target);
	return join(r->out, sizeof r->out, "--out", out, NULL, NULL) &&
	       join(r->corpus, sizeof r->corpus, "the corpus", out, "corpus", r->target) &&
	       join(r->work, sizeof r->work, "the work directory", out, "work", r->target) &&
	       join(r->safe, sizeof r->safe, "libFuzzer's work directory", out, "work", lf) &&
	       join(r->afl_in, sizeof r->afl_in, "AFL++'s input directory", out, "work", aflin) &&
	       join(r->afl, sizeof r->afl, "AFL++'s output directory", out, "afl", r->target) &&
	       join(r->crashes, sizeof r->crashes, "crashes", out, "crashes", r->target) &&
	       join(r->timeouts, sizeof r->timeouts, "timeouts", out, "timeouts", r->target) &&
	       join(r->ooms, sizeof r->ooms, "OOMs", out, "ooms", r->target) &&
	       join(r->logs, sizeof r->logs, "the logs", out, "logs", NULL) &&
	       join(r->log, sizeof r->log, "the log", out, "logs", log) &&
	       join(r->stats_dir, sizeof r->stats_dir, "the statistics", out, "stats", NULL);
}

static bool has(const char *dir, const char *name)
{
	char p[PATH_MAX];

	return nf_path_join(p, sizeof p, dir, name) && access(p, F_OK) == 0;
}

bool nf_fuzz_scratch_make(const char *dir)
{
	char mark[PATH_MAX];
	FILE *f;

	if (nf_fuzz_mkdirs(dir) != 0)
		return false;
	if (!nf_path_join(mark, sizeof mark, dir, SCRATCH_MARK) || !(f = fopen(mark, "w"))) {
		fprintf(stderr, "netfuzz: fuzz: cannot write %s/%s: %s\n", dir, SCRATCH_MARK, strerror(errno));
		return false;
	}
	fputs("made by netfuzz fuzz; removed by the next campaign into this --out (docs/fuzzing.md)\n", f);
	fclose(f);
	return true;
}

bool nf_fuzz_engine_name(const char *name)
{
	return strlen(name) == 40 && strspn(name, "0123456789abcdef") == 40;
}

/* Only names libFuzzer gives its inputs: a work/<t>/ of a run from before
 * the mark, whose inputs nf_fuzz_recover took into the corpus. */
static bool engine_names_only(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	bool only = d != NULL;

	while (only && (e = readdir(d)) != NULL)
		only = e->d_name[0] == '.' || nf_fuzz_engine_name(e->d_name);
	if (d)
		closedir(d);
	return only;
}

bool nf_fuzz_is_scratch(const char *dir)
{
	char stats[PATH_MAX];

	return has(dir, SCRATCH_MARK) || has(dir, OLD_MERGED_MARK) ||
	       (nf_path_join(stats, sizeof stats, dir, "main", "fuzzer_stats") && access(stats, F_OK) == 0);
}

bool nf_fuzz_scratch_clear(const struct fuzz_run *r, const char *dir)
{
	char err[PATH_MAX + 256];
	struct stat st;

	if (lstat(dir, &st) != 0)
		return true;
	if (S_ISDIR(st.st_mode) && !nf_fuzz_is_scratch(dir) && !engine_names_only(dir)) {
		fprintf(stderr, "netfuzz: fuzz: %s was not made by netfuzz (it has no %s file), so it is not removed; "
				"move it away or choose another --out\n", dir, SCRATCH_MARK);
		return false;
	}
	if (!nf_rm_tree(dir, r->out, err, sizeof err)) {
		fprintf(stderr, "netfuzz: fuzz: %s\n", err);
		return false;
	}
	return true;
}

int nf_fuzz_lock(const char *out)
{
	char path[PATH_MAX], held[64] = "";
	int fd;
	ssize_t n;

	if (!nf_path_join(path, sizeof path, out, ".netfuzz.lock")) {
		fprintf(stderr, "netfuzz: fuzz: --out %s is too long\n", out);
		return -1;
	}
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
	if (fd < 0) {
		fprintf(stderr, "netfuzz: fuzz: cannot open the lock %s: %s\n", path, strerror(errno));
		return -1;
	}
	/* Refuse rather than wait: a queued campaign would start its budget
	 * at a time nobody chose, and a CI job would hang silently. */
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		int e = errno;

		n = pread(fd, held, sizeof held - 1, 0);
		held[n > 0 ? n : 0] = 0;
		held[strcspn(held, "\n")] = 0;
		close(fd);
		if (e == EWOULDBLOCK)
			fprintf(stderr, "netfuzz: fuzz: %s is in use by another campaign (%s); one campaign per --out: "
					"wait for it to end or choose another --out\n", out, held[0] ? held : "pid unknown");
		else
			fprintf(stderr, "netfuzz: fuzz: cannot lock %s: %s\n", path, strerror(e));
		return -1;
	}
	n = snprintf(held, sizeof held, "netfuzz pid %ld\n", (long)getpid());
	if (ftruncate(fd, 0) != 0 || pwrite(fd, held, (size_t)n, 0) != n)
		; /* the pid is only for the message above */
	return fd;
}

void nf_fuzz_rotate(const char *dir, const char *name)
{
	char from[PATH_MAX], prev[PATH_MAX], to[PATH_MAX], stamp[32], moved[NAME_MAX + 1];
	const char *dot = strrchr(name, '.');
	struct stat st;
	struct tm tm;

	if (!nf_path_join(from, sizeof from, dir, name) || stat(from, &st) != 0 || st.st_size == 0)
		return;
	localtime_r(&st.st_mtime, &tm);
	strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
	if (!nf_path_join(prev, sizeof prev, dir, "previous") || nf_fuzz_mkdirs(prev) != 0)
		return;
	/* stats/rtmsg_darwin.csv -> stats/previous/rtmsg_darwin-20261206-053000.csv */
	for (int i = 0; i < 100; i++) {
		int base = dot ? (int)(dot - name) : (int)strlen(name);
		char n[16] = "";

		if (i)
			snprintf(n, sizeof n, "-%d", i);
		if (!nf_strfmt(moved, sizeof moved, "%.*s-%s%s%s", base, name, stamp, n, dot ? dot : "") ||
		    !nf_path_join(to, sizeof to, prev, moved))
			return;
		if (access(to, F_OK) == 0)
			continue;
		if (rename(from, to) == 0)
			fprintf(stderr, "netfuzz: fuzz: the earlier run's %s is kept as %s\n", from, to);
		else
			fprintf(stderr, "netfuzz: fuzz: cannot move %s to %s: %s; appending to it\n", from, to,
				strerror(errno));
		return;
	}
}
