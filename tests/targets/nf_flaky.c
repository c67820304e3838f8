/* Test-only target (tests/, not in `netfuzz list`): a deliberately flaky
 * crash, for netfuzz triage's reproduction count.  With NF_FLAKY_STATE
 * naming a file, every run increments the number in it and the input
 * "FLAKY" over-reads the heap only on odd-numbered runs, so N runs crash
 * about N/2 times, deterministically.  Without the variable it never
 * crashes. */
#include "netfuzz/target.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static volatile int nf_flaky_sink;

static int next_run(void)
{
	const char *path = getenv("NF_FLAKY_STATE");
	FILE *f;
	int n = 0;

	if (!path)
		return 0;
	f = fopen(path, "r");
	if (f) {
		if (fscanf(f, "%d", &n) != 1)
			n = 0;
		fclose(f);
	}
	f = fopen(path, "w");
	if (f) {
		fprintf(f, "%d\n", n + 1);
		fclose(f);
	}
	return n + 1;
}

static __attribute__((noinline)) void flaky_read(const uint8_t *data, size_t size)
{
	uint8_t *copy = malloc(size);

	if (!copy)
		return;
	memcpy(copy, data, size);
	nf_flaky_sink = copy[size]; /* BUG: one past the end, on odd runs only */
	free(copy);
}

NF_META(nf_flaky, links, "none") /* only libnetfuzz-core.a: see include/netfuzz/target.h */
NF_TARGET(nf_flaky, "test", "a crash that reproduces on every other run")
{
	if (size == 5 && !memcmp(data, "FLAKY", 5) && next_run() % 2 == 1)
		flaky_read(data, size);
	return 0;
}
