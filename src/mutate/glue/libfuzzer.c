/* libFuzzer entry points for the structure-aware mutator (issue 13).
 * Linked into the fuzz binaries of targets whose parsers record structure
 * (Makefile: MUTATOR_TARGETS), including the OSS-Fuzz build: a custom
 * mutator is part of the target binary, so ClusterFuzz runs it unchanged.
 *
 * NETFUZZ_MUTATOR=bytes (netfuzz fuzz --mutator bytes) turns it off: every
 * mutation is then libFuzzer's own (LLVMFuzzerMutate), as without this file. */
#include <stdlib.h>
#include <string.h>

#include "../dict.h"
#include "../mutate.h"

/* Weak: AFL++'s libFuzzer driver (OSS-Fuzz's AFL builds) has none. */
size_t LLVMFuzzerMutate(uint8_t *data, size_t size, size_t max) __attribute__((weak));
size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max, unsigned int seed);
size_t LLVMFuzzerCustomCrossOver(const uint8_t *d1, size_t s1, const uint8_t *d2, size_t s2, uint8_t *out,
				 size_t max, unsigned int seed);

static bool bytes_only(void)
{
	static int mode = -1;

	if (mode < 0) {
		const char *e = getenv("NETFUZZ_MUTATOR");

		mode = e && !strcmp(e, "bytes");
	}
	return mode;
}

static struct nf_mutator with_bytes(void)
{
	struct nf_mutator m = {.run = nf_mut_target_parser()};

	m.bytes = LLVMFuzzerMutate; /* NULL when weak and absent: built-in bytes */
	m.dict = nf_dict_from_cmdline();
	return m;
}

size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max, unsigned int seed)
{
	struct nf_mutator m = with_bytes();

	if (bytes_only() && m.bytes)
		return m.bytes(data, size, max);
	/* -minimize_crash (libFuzzer's crash minimizer, also ClusterFuzz's)
	 * asks for an input shorter than this one: MaxMutationLen is size - 1
	 * (FuzzerLoop.cpp MinimizeCrashInputInternalStep).  Shrinking is a
	 * byte job (EraseBytes and friends); the structure mutator keeps
	 * structure and mostly its size, so it is not asked. */
	if (size > max && m.bytes)
		return m.bytes(data, size, max);
	return nf_mutate(&m, data, size, max, seed, NULL);
}

size_t LLVMFuzzerCustomCrossOver(const uint8_t *d1, size_t s1, const uint8_t *d2, size_t s2, uint8_t *out,
				 size_t max, unsigned int seed)
{
	struct nf_mutator m = with_bytes();

	if (bytes_only() && m.bytes) {
		/* libFuzzer's default mutators include its own cross-over. */
		size_t n = s1 < max ? s1 : max;

		memcpy(out, d1, n);
		return m.bytes(out, n, max);
	}
	return nf_mutate_cross(&m, d1, s1, d2, s2, out, max, seed);
}
