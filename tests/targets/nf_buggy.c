/* Test-only fuzz target (tests/, not shipped, not in `netfuzz list`): five
 * known bugs, each behind a 4-byte magic value at the start of the input,
 * so `netfuzz fuzz` must find them and `netfuzz triage` must classify them:
 *
 *   "HEAP" heap over-read       -> Heap-buffer-overflow READ 1  (security)
 *   "STAK" stack write          -> Stack-buffer-overflow WRITE 1 (security)
 *   "IOVF" int overflow -> index -> Integer-overflow (UBSan, not security)
 *   "LEAK" leaked allocation    -> Direct-leak (LSan, not security)
 *   "HANG" endless loop         -> Timeout (libFuzzer -timeout)
 *
 * The bugs are deliberate; nothing else here reads past its input. */
#include "netfuzz/target.h"

#include <stdlib.h>
#include <string.h>

static volatile int nf_buggy_sink;

static __attribute__((noinline)) void buggy_heap_read(const uint8_t *data, size_t size)
{
	uint8_t *copy = malloc(size);

	if (!copy)
		return;
	memcpy(copy, data, size);
	nf_buggy_sink = copy[size]; /* BUG: one past the end */
	free(copy);
}

static __attribute__((noinline)) void buggy_stack_write(const uint8_t *data, size_t size)
{
	char buf[8], *out = buf; /* through a pointer: ASan, not UBSan bounds, sees it */
	size_t n = size - 4;

	for (size_t i = 0; i < n; i++)
		out[i] = (char)data[4 + i]; /* BUG: inputs over 12 bytes overflow buf */
	nf_buggy_sink = buf[0];
}

static __attribute__((noinline)) void buggy_int_index(const uint8_t *data, size_t size)
{
	static const int table[64] = {1};
	int32_t count;

	if (size < 8)
		return;
	memcpy(&count, data + 4, sizeof count);
	if (count <= 0)
		return;
	int32_t idx = count * 65536; /* BUG: signed overflow before the bound check */
	if (idx < 64)
		nf_buggy_sink = table[idx < 0 ? 0 : idx];
}

static __attribute__((noinline)) void buggy_leak(const uint8_t *data, size_t size)
{
	char *keep = malloc(size + 1);

	if (!keep)
		return;
	memcpy(keep, data, size);
	keep[size] = 0;
	nf_buggy_sink = keep[0]; /* BUG: never freed */
}

static __attribute__((noinline)) void buggy_hang(const uint8_t *data, size_t size)
{
	/* BUG: runs for about forever once the magic is seen */
	for (volatile unsigned long long i = 0; i < (1ull << 62); i++)
		nf_buggy_sink = (int)i;
}

NF_META(nf_buggy, links, "none") /* only libnetfuzz-core.a: see include/netfuzz/target.h */
NF_TARGET(nf_buggy, "test", "deliberate bugs behind magic values")
{
	uint32_t magic;

	if (size < 5)
		return 0;
	memcpy(&magic, data, sizeof magic);
	switch (magic) {
	case 0x50414548: buggy_heap_read(data, size); break;  /* "HEAP" */
	case 0x4b415453: buggy_stack_write(data, size); break; /* "STAK" */
	case 0x46564f49: buggy_int_index(data, size); break;   /* "IOVF" */
	case 0x4b41454c: buggy_leak(data, size); break;        /* "LEAK" */
	case 0x474e4148: buggy_hang(data, size); break;        /* "HANG" */
	default: break;
	}
	return 0;
}
