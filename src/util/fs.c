/* File-system helpers shared by the CLI, the libraries and the standalone
 * driver: read a file, walk a tree, mkdir -p (see netfuzz/util.h). */
#include "netfuzz/util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

uint8_t *nf_read_file(const char *path, size_t max, size_t *len, char *err, size_t errlen)
{
	bool in = !strcmp(path, "-");
	int fd = in ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
	uint8_t *buf = NULL;
	size_t cap = 0, n = 0;

	if (fd < 0) {
		snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
		return NULL;
	}
	/* A regular file bigger than the cap is refused before any read. */
	struct stat st;
	if (!in && fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (uintmax_t)st.st_size > max) {
		snprintf(err, errlen, "%s: more than %zu bytes", path, max);
		errno = EFBIG;
		goto fail;
	}
	/* Grow as we go (stdin, /proc files and devices have no useful
	 * st_size), but never past max + 1 bytes: one byte more than the cap
	 * is how we know there is more (issue 26: the buffer doubled first,
	 * and reached twice the cap before the check). */
	for (;;) {
		ssize_t r;

		if (n == cap) {
			size_t ncap = cap ? cap * 2 : 65536;
			uint8_t *nb;

			if (cap > max) {
				snprintf(err, errlen, "%s: more than %zu bytes", path, max);
				errno = EFBIG;
				goto fail;
			}
			if (ncap > max + 1 || ncap < cap)
				ncap = max + 1;
			if (!(nb = realloc(buf, ncap + 1))) {
				snprintf(err, errlen, "%s: out of memory", path);
				goto fail;
			}
			buf = nb;
			cap = ncap;
		}
		r = read(fd, buf + n, cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			snprintf(err, errlen, "%s: cannot read: %s", path, strerror(errno));
			goto fail;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	if (n > max) {
		snprintf(err, errlen, "%s: more than %zu bytes", path, max);
		errno = EFBIG;
		goto fail;
	}
	if (!in)
		close(fd);
	buf[n] = 0;
	*len = n;
	return buf;
fail: {
		int e = errno;

		if (!in)
			close(fd);
		free(buf);
		errno = e;
		return NULL;
	}
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static size_t walk(const char *path, int depth, int max_depth, void (*on_file)(const char *, void *),
		   void (*on_error)(const char *, const char *, void *), void *arg)
{
	struct stat st;
	DIR *d;
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, bad = 0;

#define FAIL(why) (on_error ? on_error(path, why, arg) : (void)0, (size_t)1)
	if (stat(path, &st) != 0)
		return FAIL(strerror(errno));
	if (S_ISREG(st.st_mode)) {
		if (access(path, R_OK) != 0)
			return FAIL(strerror(errno));
		on_file(path, arg);
		return 0;
	}
	if (!S_ISDIR(st.st_mode))
		return FAIL("not a regular file or directory");
	if (depth > max_depth)
		return FAIL("directories nested too deep");
	if (!(d = opendir(path)))
		return FAIL(strerror(errno));
	while ((e = readdir(d)) != NULL) {
		char **nv;

		if (e->d_name[0] == '.') /* ., .., and hidden files such as .gitkeep */
			continue;
		if (!(nv = realloc(names, (n + 1) * sizeof *names)))
			break;
		names = nv;
		if (asprintf(&names[n], "%s/%s", path, e->d_name) < 0)
			break;
		n++;
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof *names, cmp_str);
	for (size_t i = 0; i < n; i++) {
		bad += walk(names[i], depth + 1, max_depth, on_file, on_error, arg);
		free(names[i]);
	}
	free(names);
	return bad;
#undef FAIL
}

size_t nf_walk_files(const char *path, int max_depth, void (*on_file)(const char *file, void *arg),
		     void (*on_error)(const char *path, const char *why, void *arg), void *arg)
{
	return walk(path, 0, max_depth, on_file, on_error, arg);
}

int nf_mkdir_p(const char *path)
{
	char buf[PATH_MAX];
	struct stat st;

	if (snprintf(buf, sizeof buf, "%s", path) >= (int)sizeof buf) {
		errno = ENAMETOOLONG;
		return -1;
	}
	for (char *p = buf + 1; *p; p++)
		if (*p == '/') {
			*p = 0;
			if (mkdir(buf, 0755) != 0 && errno != EEXIST)
				return -1;
			*p = '/';
		}
	if (mkdir(buf, 0755) == 0)
		return 0;
	if (errno == EEXIST && stat(buf, &st) == 0 && S_ISDIR(st.st_mode))
		return 0;
	return -1;
}
