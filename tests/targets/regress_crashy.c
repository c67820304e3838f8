/* Test-only target for tests/check.d/regress_replay.sh: misbehaves on
 * command so the batch runner's crash, hang and leak handling can be
 * checked with real sanitizer reports.  Built with EXTRA_TARGET_SRCS; never
 * part of bin/netfuzz.
 *   "CRASH..."  heap-buffer-overflow read one byte past a copy of the input
 *   "HANG..."   spins (bounded: NF_CRASHY_SPIN_S) so a timeout must fire
 *   "LEAK..."   leaks a heap block (LeakSanitizer reports at exit)
 *   "OOM..."    touches up to NF_CRASHY_OOM_MB of heap, 16 MiB at a time, so
 *               a worker memory limit must stop it
 *   anything else returns 0. */
#include "netfuzz/target.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#define NF_CRASHY_SPIN_S 30
#define NF_CRASHY_OOM_MB 1024
#define NF_CRASHY_CHUNK (16u << 20)

static int starts(const uint8_t *data, size_t size, const char *tag)
{
	size_t n = strlen(tag);

	return size >= n && memcmp(data, tag, n) == 0;
}

NF_META(regress_crashy, links, "none") /* only libnetfuzz-core.a: see include/netfuzz/target.h */
NF_TARGET(regress_crashy, "test", "misbehave on CRASH/HANG/LEAK")
{
	if (starts(data, size, "CRASH")) {
		volatile char *copy = malloc(size);
		char c;

		memcpy((char *)copy, data, size);
		c = copy[size]; /* one past the end: ASan heap-buffer-overflow */
		free((char *)copy);
		return c;
	}
	if (starts(data, size, "HANG")) {
		time_t end = time(NULL) + NF_CRASHY_SPIN_S;

		while (time(NULL) < end)
			;
	}
	if (starts(data, size, "OOM")) {
		char *chunks[NF_CRASHY_OOM_MB / 16];
		size_t n = 0;

		while (n < sizeof chunks / sizeof chunks[0]) {
			chunks[n] = malloc(NF_CRASHY_CHUNK);
			if (!chunks[n])
				break;
			memset(chunks[n++], 0x5a, NF_CRASHY_CHUNK);
		}
		while (n)
			free(chunks[--n]);
	}
	if (starts(data, size, "LEAK")) {
		volatile char *lost = malloc(64);

		lost[0] = 1;
	}
	return 0;
}
