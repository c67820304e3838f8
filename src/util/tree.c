/* Removing and copying directory trees without a shell (issue 26).
 * nf_rm_tree is the only way netfuzz deletes a tree: nftw(3) with
 * FTW_PHYS (a symbolic link is removed, never followed) and FTW_MOUNT (no
 * other file system), after checking that the tree lies inside the
 * directory the caller owns and is none of /, the project root, $HOME or
 * one of their parents. */
#include "netfuzz/util.h"
#include "netfuzz/project.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* a is b or a directory above it */
static bool is_ancestor(const char *a, const char *b)
{
	size_t l = strlen(a);

	if (!strcmp(a, "/"))
		return true;
	return !strncmp(a, b, l) && (b[l] == 0 || b[l] == '/');
}

/* Resolve a path's parent directory, keep its last name as it is: a link
 * named work/t is itself inside --out even where it points elsewhere. */
static bool resolve_parent(const char *path, char *out, size_t outlen)
{
	char tmp[PATH_MAX], dir[PATH_MAX], *base;

	if (!nf_path_join(tmp, sizeof tmp, path))
		return false;
	while (strlen(tmp) > 1 && tmp[strlen(tmp) - 1] == '/')
		tmp[strlen(tmp) - 1] = 0;
	base = strrchr(tmp, '/');
	if (!base)
		return realpath(".", dir) && nf_path_join(out, outlen, dir, tmp);
	*base++ = 0;
	if (!realpath(tmp[0] ? tmp : "/", dir))
		return false;
	if (!*base || !strcmp(base, ".") || !strcmp(base, ".."))
		return errno = EINVAL, false;
	return nf_path_join(out, outlen, dir, base);
}

static char *rm_err;
static size_t rm_errlen;

static int rm_one(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if (type == FTW_DNR || type == FTW_NS) {
		snprintf(rm_err, rm_errlen, "cannot read %s: %s", path, strerror(errno ? errno : EACCES));
		return 1;
	}
	if ((type == FTW_DP ? rmdir(path) : unlink(path)) != 0) {
		snprintf(rm_err, rm_errlen, "cannot remove %s: %s", path, strerror(errno));
		return 1;
	}
	return 0;
}

bool nf_rm_tree(const char *path, const char *within, char *err, size_t errlen)
{
	char p[PATH_MAX], w[PATH_MAX], root[PATH_MAX], target[PATH_MAX];
	const char *home = getenv("HOME");
	struct stat st;

	if (lstat(path, &st) != 0) {
		if (errno == ENOENT)
			return true; /* nothing to remove */
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return false;
	}
	if (!realpath(within, w)) {
		snprintf(err, errlen, "%s: %s", within, strerror(errno));
		return false;
	}
	if (!resolve_parent(path, p, sizeof p)) {
		snprintf(err, errlen, "%s: cannot resolve: %s", path, strerror(errno));
		return false;
	}
	if (!strcmp(p, "/") || !is_ancestor(w, p) || !strcmp(w, p)) {
		snprintf(err, errlen, "refusing to remove %s: not inside %s", path, w);
		return false;
	}
	if (realpath(nf_project_root(), root) && is_ancestor(p, root)) {
		snprintf(err, errlen, "refusing to remove %s: it holds the project tree %s", path, root);
		return false;
	}
	if (home && *home && realpath(home, target) && is_ancestor(p, target)) {
		snprintf(err, errlen, "refusing to remove %s: it holds $HOME (%s)", path, target);
		return false;
	}
	if (S_ISLNK(st.st_mode)) {
		/* the link goes, never what it points to; one pointing out of
		 * `within` is refused, as it may have been put there for us */
		if (realpath(p, target) && !is_ancestor(w, target)) {
			snprintf(err, errlen, "refusing to remove %s: a symbolic link to %s, outside %s", path, target, w);
			return false;
		}
		if (unlink(p) != 0) {
			snprintf(err, errlen, "cannot remove %s: %s", p, strerror(errno));
			return false;
		}
		return true;
	}
	rm_err = err;
	rm_errlen = errlen;
	err[0] = 0;
	errno = 0;
	if (nftw(p, rm_one, 16, FTW_DEPTH | FTW_PHYS | FTW_MOUNT) != 0) {
		if (!err[0])
			snprintf(err, errlen, "cannot remove %s: %s", p, strerror(errno));
		return false;
	}
	return true;
}

bool nf_copy_file(const char *from, const char *to, char *err, size_t errlen)
{
	char buf[65536];
	int in = open(from, O_RDONLY | O_CLOEXEC), out;
	ssize_t got;

	if (in < 0) {
		snprintf(err, errlen, "%s: cannot open: %s", from, strerror(errno));
		return false;
	}
	/* O_NOFOLLOW: a link planted at the destination is not written through */
	out = open(to, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0644);
	if (out < 0) {
		snprintf(err, errlen, "%s: cannot create: %s", to, strerror(errno));
		close(in);
		return false;
	}
	while ((got = read(in, buf, sizeof buf)) != 0) {
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0 || write(out, buf, (size_t)got) != got) {
			snprintf(err, errlen, "%s -> %s: %s", from, to, strerror(errno));
			close(in);
			close(out);
			return false;
		}
	}
	close(in);
	if (close(out) != 0) {
		snprintf(err, errlen, "%s: %s", to, strerror(errno));
		return false;
	}
	return true;
}

struct copy_state {
	const char *dest;
	const char *prefix;
	long copied, failed;
	char *err;
	size_t errlen;
};

static void copy_one(const char *file, void *arg)
{
	struct copy_state *c = arg;
	const char *base = strrchr(file, '/');
	char to[PATH_MAX], name[NAME_MAX + 1];

	base = base ? base + 1 : file;
	if (c->prefix && strncmp(base, c->prefix, strlen(c->prefix)))
		return;
	/* AFL++ names queue entries "id:000001,src:..."; keep the name */
	if (!nf_strfmt(name, sizeof name, "%s", base) || !nf_path_join(to, sizeof to, c->dest, name)) {
		snprintf(c->err, c->errlen, "%s/%s: path too long", c->dest, base);
		c->failed++;
		return;
	}
	if (nf_copy_file(file, to, c->err, c->errlen))
		c->copied++;
	else
		c->failed++;
}

static void copy_error(const char *path, const char *why, void *arg)
{
	struct copy_state *c = arg;

	snprintf(c->err, c->errlen, "%s: %s", path, why);
	c->failed++;
}

long nf_copy_tree(const char *src, const char *dest, const char *prefix, char *err, size_t errlen)
{
	struct copy_state c = {dest, prefix, 0, 0, err, errlen};

	err[0] = 0;
	nf_walk_files(src, 0, copy_one, copy_error, &c);
	return c.copied;
}
