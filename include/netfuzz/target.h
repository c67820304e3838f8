/* Fuzz target declaration.  A target file is a small adapter:
 *
 *   NF_TARGET(frame_ether, "frame", "nf_dissect(LINKTYPE_ETHERNET)")
 *   {
 *           ... parse data/size, consume the model ...
 *           return 0;
 *   }
 *
 * Built as a fuzzer (NF_FUZZ_BINARY defined by the Makefile) the body becomes
 * LLVMFuzzerTestOneInput, so the file drops into OSS-Fuzz unchanged.  Linked
 * into bin/netfuzz it registers itself in the `nf_targets` linker section, so
 * `netfuzz list` finds it with no central table to edit. */
#ifndef NETFUZZ_TARGET_H
#define NETFUZZ_TARGET_H

#include <stddef.h>
#include <stdint.h>

struct nf_target {
	const char *name;   /* [A-Za-z0-9_-], as OSS-Fuzz requires */
	const char *family; /* frame, cert, route, ... */
	const char *entry;  /* the API the target drives */
	int (*run)(const uint8_t *data, size_t size);
};

#ifdef NF_FUZZ_BINARY
#define NF_TARGET(id, fam, ent)                                            \
	static int nf_target_run_##id(const uint8_t *data, size_t size);   \
	int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);      \
	int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)       \
	{                                                                  \
		return nf_target_run_##id(data, size);                     \
	}                                                                  \
	static int nf_target_run_##id(const uint8_t *data, size_t size)
#else
#define NF_TARGET(id, fam, ent)                                            \
	static int nf_target_run_##id(const uint8_t *data, size_t size);   \
	__attribute__((used, section("nf_targets"), aligned(8)))           \
	const struct nf_target nf_target_desc_##id = {                     \
		#id, fam, ent, nf_target_run_##id};                        \
	static int nf_target_run_##id(const uint8_t *data, size_t size)
#endif

/* Registry access (bin/netfuzz only). */
const struct nf_target *nf_target_find(const char *name);
const struct nf_target *nf_target_first(void);
const struct nf_target *nf_target_end(void);

#endif
