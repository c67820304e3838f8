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
 * names the input.  No signal handlers: sanitizers report crashes.
 *
 *   NETFUZZ_DROP_ELEMENT=K NETFUZZ_DROP_OUT=PATH TARGET FILE
 *
 * writes FILE with its K-th recorded element removed and its lengths and
 * counts repaired (src/mutate/drop.c) to PATH instead of running it: the
 * element-removal step of `netfuzz triage` minimization (NETFUZZ_DROP_BELOW=N:
 * among the spans shorter than N bytes only).  Exit 0 written,
 * 3 no K-th element, 2 error. */
#include "netfuzz/util.h"
#include "../../src/mutate/mutate.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

static void on_file(const char *path, void *arg)
{
	push(arg, path);
}

static void on_error(const char *path, const char *why, void *arg)
{
	fprintf(stderr, "netfuzz-replay: cannot read %s: %s\n", path, why);
	((struct list *)arg)->bad++;
}

/* Exactly `size` bytes on the heap, so ASan catches a one-byte over-read
 * (nf_read_file's buffer has spare room and a NUL after the data). */
static uint8_t *read_exact(const char *path, size_t *size)
{
	char err[4200];
	uint8_t *all = nf_read_file(path, SIZE_MAX / 2, size, err, sizeof err), *buf;

	if (!all) {
		fprintf(stderr, "netfuzz-replay: %s\n", err);
		return NULL;
	}
	if ((buf = malloc(*size ? *size : 1)))
		memcpy(buf, all, *size);
	free(all);
	return buf;
}

static int drop_element(const char *k, const char *out_path, const char *in_path)
{
	size_t size = 0, out_size = 0;
	uint8_t *buf = read_exact(in_path, &size), *out;
	char *end;
	unsigned long kk = strtoul(k, &end, 10);
	const char *below;
	size_t limit = SIZE_MAX;
	FILE *f;
	int rc;

	if (!buf)
		return 2;
	if (!*k || *end) {
		fprintf(stderr, "netfuzz-replay: NETFUZZ_DROP_ELEMENT='%s': expected a number\n", k);
		return 2;
	}
	below = getenv("NETFUZZ_DROP_BELOW");
	if (below) {
		unsigned long b = strtoul(below, &end, 10);

		if (!*below || *end) {
			fprintf(stderr, "netfuzz-replay: NETFUZZ_DROP_BELOW='%s': expected a number\n", below);
			free(buf);
			return 2;
		}
		limit = b;
	}
	out = malloc(size ? size : 1);
	rc = out ? nf_mut_drop_element_below(nf_mut_target_parser(), buf, size, (unsigned)kk, limit, out, &out_size)
		 : -1;
	if (rc == 1) {
		f = fopen(out_path, "wb");
		if (!f || fwrite(out, 1, out_size, f) != out_size || fclose(f) != 0) {
			fprintf(stderr, "netfuzz-replay: cannot write %s\n", out_path);
			rc = -1;
		}
	} else if (rc < 0) {
		fprintf(stderr, "netfuzz-replay: %s: cannot record its structure\n", in_path);
	}
	free(out);
	free(buf);
	return rc == 1 ? 0 : rc == 0 ? 3 : 2;
}

int main(int argc, char **argv)
{
	struct list l = {0};
	int quiet = getenv("NETFUZZ_QUIET") != NULL;

	if (LLVMFuzzerInitialize)
		LLVMFuzzerInitialize(&argc, &argv);
	if (getenv("NETFUZZ_DROP_ELEMENT") && getenv("NETFUZZ_DROP_OUT")) {
		if (argc != 2) {
			fprintf(stderr, "usage: NETFUZZ_DROP_ELEMENT=K NETFUZZ_DROP_OUT=PATH %s FILE\n", argv[0]);
			return 2;
		}
		return drop_element(getenv("NETFUZZ_DROP_ELEMENT"), getenv("NETFUZZ_DROP_OUT"), argv[1]);
	}
	for (int i = 1; i < argc; i++)
		if (argv[i][0] != '-')
			nf_walk_files(argv[i], 16, on_file, on_error, &l);
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
		buf = read_exact(l.v[i], &size);
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
