/* Standalone replay driver, linked into ENGINE=standalone and coverage
 * builds in place of a fuzzing engine (after libpcap's testprogs/fuzz/
 * onefile.c and libFuzzer's own file-replay mode).
 *
 *   TARGET [-libfuzzer-style-flags ignored] FILE|DIR...
 *
 * Every input is collected first (directories recursively, in sorted
 * order); if any cannot be read, all problems are listed and it exits 2
 * without running anything.  Each input is read into a heap buffer of
 * exactly its size, so ASan catches a one-byte over-read, and "Running: F"
 * is written to stderr before it runs, so a sanitizer report that follows
 * names the input.  No signal handlers: sanitizers report crashes. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
__attribute__((weak)) int LLVMFuzzerInitialize(int *argc, char ***argv);

struct list {
	char **v;
	size_t n, cap;
	int bad;
};

static void push(struct list *l, const char *path)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		l->v = realloc(l->v, l->cap * sizeof *l->v);
		if (!l->v) {
			perror("netfuzz-replay: realloc");
			exit(2);
		}
	}
	l->v[l->n++] = strdup(path);
}

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void collect(struct list *l, const char *path, int depth)
{
	struct stat st;

	if (stat(path, &st) != 0) {
		fprintf(stderr, "netfuzz-replay: cannot read %s: %s\n", path, strerror(errno));
		l->bad++;
		return;
	}
	if (S_ISDIR(st.st_mode)) {
		DIR *d = opendir(path);
		struct dirent *e;
		struct list sub = {0};

		if (!d || depth > 16) {
			fprintf(stderr, "netfuzz-replay: cannot read directory %s: %s\n", path,
				d ? "nested too deep" : strerror(errno));
			l->bad++;
			if (d)
				closedir(d);
			return;
		}
		while ((e = readdir(d)) != NULL) {
			char child[4096];

			if (e->d_name[0] == '.')
				continue; /* ., .., and hidden files such as .gitkeep */
			snprintf(child, sizeof child, "%s/%s", path, e->d_name);
			push(&sub, child);
		}
		closedir(d);
		qsort(sub.v, sub.n, sizeof *sub.v, cmp);
		for (size_t i = 0; i < sub.n; i++) {
			collect(l, sub.v[i], depth + 1);
			free(sub.v[i]);
		}
		free(sub.v);
		return;
	}
	if (!S_ISREG(st.st_mode)) {
		fprintf(stderr, "netfuzz-replay: cannot read %s: not a regular file\n", path);
		l->bad++;
		return;
	}
	if (access(path, R_OK) != 0) {
		fprintf(stderr, "netfuzz-replay: cannot read %s: %s\n", path, strerror(errno));
		l->bad++;
		return;
	}
	push(l, path);
}

static uint8_t *slurp(const char *path, size_t *size)
{
	int fd = open(path, O_RDONLY);
	struct stat st;
	uint8_t *buf;
	size_t got = 0;

	if (fd < 0 || fstat(fd, &st) != 0)
		goto fail;
	buf = malloc(st.st_size ? (size_t)st.st_size : 1);
	if (!buf)
		goto fail;
	while (got < (size_t)st.st_size) {
		ssize_t r = read(fd, buf + got, (size_t)st.st_size - got);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			free(buf);
			goto fail;
		}
		got += (size_t)r;
	}
	close(fd);
	*size = got;
	return buf;
fail:
	fprintf(stderr, "netfuzz-replay: cannot read %s: %s\n", path, strerror(errno));
	if (fd >= 0)
		close(fd);
	return NULL;
}

int main(int argc, char **argv)
{
	struct list l = {0};
	int quiet = getenv("NETFUZZ_QUIET") != NULL;

	if (LLVMFuzzerInitialize)
		LLVMFuzzerInitialize(&argc, &argv);
	for (int i = 1; i < argc; i++)
		if (argv[i][0] != '-')
			collect(&l, argv[i], 0);
	if (l.bad) {
		fprintf(stderr, "netfuzz-replay: %d input(s) unreadable; nothing was run\n", l.bad);
		for (size_t i = 0; i < l.n; i++)
			free(l.v[i]);
		free(l.v);
		return 2;
	}
	if (l.n == 0) {
		fprintf(stderr, "usage: %s FILE|DIR...  (no inputs given)\n", argv[0]);
		return 2;
	}
	for (size_t i = 0; i < l.n; i++) {
		size_t size = 0;
		uint8_t *buf;

		if (!quiet) {
			/* One write(2), unbuffered, so it precedes any report. */
			char line[4200];
			int n = snprintf(line, sizeof line, "Running: %s\n", l.v[i]);
			if (write(2, line, (size_t)n) < 0)
				return 2;
		}
		buf = slurp(l.v[i], &size);
		if (!buf)
			return 2;
		LLVMFuzzerTestOneInput(buf, size);
		free(buf);
		free(l.v[i]);
	}
	fprintf(stderr, "Executed %zu inputs\n", l.n);
	free(l.v);
	return 0;
}
