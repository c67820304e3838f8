/* Fuzz target declaration.  A target file is a small adapter:
 *
 *   NF_META(frame_ether, seed, "link 1")      (optional, any number)
 *   NF_TARGET(frame_ether, "frame", "nf_dissect(LINKTYPE_ETHERNET)")
 *   {
 *           ... parse data/size, consume the model ...
 *           return 0;
 *   }
 *
 * The body becomes LLVMFuzzerTestOneInput, so the file drops into OSS-Fuzz
 * unchanged.  bin/netfuzz does not link target bodies: the Makefile turns
 * the NF_TARGET and NF_META lines of targets/<name>.c into a table
 * (build/cli/targets.c, by ci/gen-target-table.sh) that `netfuzz list`,
 * `corpus`, `fuzz` and `regress` read.  Inputs run in the built target
 * binaries (netfuzz replay runs the standalone build).
 *
 * Adding a column: add a `const char *` field to struct nf_target and write
 * NF_META(id, field, "value") lines in the targets that have one; the
 * generator needs no change, and a target without the line gets NULL. */
#ifndef NETFUZZ_TARGET_H
#define NETFUZZ_TARGET_H

#include <stddef.h>
#include <stdint.h>

struct nf_target {
	const char *name;   /* [A-Za-z0-9_-], as OSS-Fuzz requires */
	const char *family; /* frame, cert, route, ... */
	const char *entry;  /* the API the target drives */
	/* NF_META fields (NULL when a target has none) */
	const char *seed;   /* how `corpus import` cuts a packet: "link DLT", "sll",
			     * "layer P [P2]", "udp-layer P [P2]", "pcap" */
};

#define NF_TARGET(id, fam, ent)                                            \
	static int nf_target_run_##id(const uint8_t *data, size_t size);   \
	int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);      \
	int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)       \
	{                                                                  \
		return nf_target_run_##id(data, size);                     \
	}                                                                  \
	static int nf_target_run_##id(const uint8_t *data, size_t size)
/* Optional record-only entry point: the parse alone, which the structure
 * mutator (src/mutate/) and triage's element removal run with recording on
 * (netfuzz/structure.h).  A target whose NF_TARGET body also prints, runs
 * an oracle or hands the bytes to a second library declares its parse
 * here and calls nf_target_record() from that body; the mutator then never
 * runs the consumers, so they need no "am I recording?" branch.  Without
 * it the mutator records while running the whole NF_TARGET body.  One per
 * target file; a global name, since every fuzz binary holds one target. */
#define NF_RECORD(id)                                                      \
	int nf_target_record(const uint8_t *data, size_t size);            \
	int nf_target_record(const uint8_t *data, size_t size)
/* Metadata for the CLI's table only: nothing in the target binary. */
#define NF_META(id, field, value)

/* The generated table (bin/netfuzz only). */
const struct nf_target *nf_target_find(const char *name);
const struct nf_target *nf_target_first(void);
const struct nf_target *nf_target_end(void);

#endif
