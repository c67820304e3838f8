/* Shell-safe paths for libFuzzer (issue 26 rows 3-6).
 *
 * libFuzzer's fork mode (-fork=N) and merge mode (-merge=1) start their
 * worker processes by joining the arguments with spaces and running the
 * result through the shell (system()): a quote, a space or "$(...)" in
 * --out, the seed path, the dictionary, the binary's path or $TMPDIR
 * breaks the command or runs as one.  Dropping -fork would not avoid it
 * (the merge's inner process is started the same way), so libFuzzer is
 * given only paths made of shell-safe characters:
 *
 *   <out>/work/<t>.lf/           a real directory inside --out, holding
 *       bin seeds dict corpus new crashes merge-artifacts   symbolic links
 *       tmp/                     libFuzzer's TMPDIR, made and checked here
 *   /tmp/netfuzz-<pid>-<n>       a symbolic link to it, the only path
 *                                libFuzzer sees ($TMPDIR instead of /tmp
 *                                when that is a safe, writable directory)
 *
 * Everything libFuzzer writes lands inside --out; the link in /tmp is
 * removed at the end (and a stale one by the next run). */
#include "fuzz.h"
#include "netfuzz/proc.h"
#include "netfuzz/util.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define LINK_NOTE ".link" /* in the real directory: the name of the link to it */

static bool usable_base(const char *dir)
{
	struct stat st;

	return dir && dir[0] == '/' && nf_shell_safe(dir) && strlen(dir) < 200 && stat(dir, &st) == 0 &&
	       S_ISDIR(st.st_mode) && access(dir, W_OK | X_OK) == 0;
}

/* The previous run's link, if it still points to our directory. */
static void drop_stale_link(const char *real)
{
	char note[PATH_MAX], name[256], to[PATH_MAX];
	FILE *f;
	ssize_t n;

	if (!nf_path_join(note, sizeof note, real, LINK_NOTE) || !(f = fopen(note, "r")))
		return;
	if (fgets(name, sizeof name, f)) {
		name[strcspn(name, "\n")] = 0;
		n = readlink(name, to, sizeof to - 1);
		if (n > 0 && nf_shell_safe(name)) {
			to[n] = 0;
			if (!strcmp(to, real))
				unlink(name);
		}
	}
	fclose(f);
}

bool nf_fuzz_safe_open(struct fuzz_run *r, struct fuzz_safe *s)
{
	const char *tmpdir = getenv("TMPDIR"), *base = "/tmp";
	char note[PATH_MAX], tmp[PATH_MAX];
	FILE *f;

	memset(s, 0, sizeof *s);
	drop_stale_link(r->safe);
	if (!nf_fuzz_scratch_clear(r, r->safe) || !nf_fuzz_scratch_make(r->safe))
		return false;
	if (tmpdir && *tmpdir && usable_base(tmpdir))
		base = tmpdir;
	else if (tmpdir && *tmpdir)
		fprintf(stderr, "netfuzz: fuzz: TMPDIR=%s is not a writable directory with a shell-safe name; "
				"libFuzzer's temporary files go to %s/tmp instead\n", tmpdir, r->safe);
	if (!usable_base(base)) {
		fprintf(stderr, "netfuzz: fuzz: cannot make a shell-safe path for libFuzzer: %s is not a writable "
				"directory\n", base);
		return false;
	}
	for (int i = 0; i < 100 && !s->link[0]; i++) {
		snprintf(s->link, sizeof s->link, "%s/netfuzz-%ld-%d", base, (long)getpid(),
			 (int)((long long)(nf_now() * 1e6) % 1000000) + i);
		if (symlink(r->safe, s->link) == 0)
			break;
		if (errno != EEXIST) {
			fprintf(stderr, "netfuzz: fuzz: cannot make the link %s for libFuzzer: %s\n", s->link,
				strerror(errno));
			s->link[0] = 0;
			return false;
		}
		s->link[0] = 0;
	}
	if (!s->link[0]) {
		fprintf(stderr, "netfuzz: fuzz: cannot make a link for libFuzzer in %s\n", base);
		return false;
	}
	if (nf_path_join(note, sizeof note, r->safe, LINK_NOTE) && (f = fopen(note, "w")) != NULL) {
		fprintf(f, "%s\n", s->link);
		fclose(f);
	}
	/* libFuzzer's TMPDIR: fork mode's job directories and the merge's
	 * control file.  Ours, so a missing or odd $TMPDIR cannot stop it. */
	if (!nf_path_join(tmp, sizeof tmp, r->safe, "tmp") || nf_fuzz_mkdirs(tmp) != 0 ||
	    !nf_strfmt(s->tmpdir_env, sizeof s->tmpdir_env, "TMPDIR=%s/tmp", s->link)) {
		nf_fuzz_safe_close(r, s);
		return false;
	}
	return true;
}

bool nf_fuzz_safe_alias(const struct fuzz_run *r, struct fuzz_safe *s, const char *name, const char *target,
			char *out, size_t outlen)
{
	char at[PATH_MAX];

	if (!nf_path_join(at, sizeof at, r->safe, name) || !nf_path_join(out, outlen, s->link, name)) {
		fprintf(stderr, "netfuzz: fuzz: %s/%s: path too long\n", r->safe, name);
		return false;
	}
	if (symlink(target, at) != 0) {
		fprintf(stderr, "netfuzz: fuzz: cannot link %s to %s: %s\n", at, target, strerror(errno));
		return false;
	}
	return true;
}

void nf_fuzz_safe_close(const struct fuzz_run *r, struct fuzz_safe *s)
{
	char to[PATH_MAX];
	ssize_t n;

	if (!s->link[0])
		return;
	n = readlink(s->link, to, sizeof to - 1);
	if (n > 0) {
		to[n] = 0;
		if (!strcmp(to, r->safe))
			unlink(s->link);
	}
	s->link[0] = 0;
}
