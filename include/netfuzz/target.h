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
 * unchanged.  Every fact about a target is one of these lines (plus its
 * .dict and .options): there is no second table.  The Makefile turns the
 * NF_TARGET and NF_META lines of targets/<name>.c into a table (by
 * ci/gen-target-table.sh) that the registry (src/target/registry.c) reads
 * for `netfuzz list`, `corpus`, `fuzz` and `regress`, and picks the targets
 * that link the structure mutator from their `mutator` line.  bin/netfuzz
 * does not link target bodies; inputs run in the built target binaries
 * (netfuzz replay runs the standalone build).
 *
 * Adding a column: add a `const char *` field to struct nf_target and write
 * NF_META(id, field, "value") lines in the targets that have one; the
 * generator needs no change, and a target without the line gets NULL. */
#ifndef NETFUZZ_TARGET_H
#define NETFUZZ_TARGET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct nf_target {
	const char *name;   /* [A-Za-z0-9_-], as OSS-Fuzz requires */
	const char *family; /* frame, cert, route, ... */
	const char *entry;  /* the API the target drives */
	/* NF_META fields (NULL when a target has none) */
	const char *seed;   /* how `corpus import` cuts a packet: "link DLT", "sll",
			     * "layer P [P2]", "udp-layer P [P2]", "pcap" */
	const char *mutator;   /* "structure": its fuzz binaries carry the structure-aware
				* mutator (src/mutate/, docs/mutator.md); NULL: bytes only */
	const char *oracles;   /* in-loop oracles it runs, comma-separated (src/oracle/,
				* docs/oracles.md): frame-bpf, cert, route-lookup, route-roundtrip, sock-model */
	const char *libraries; /* third-party libraries it fuzzes, comma-separated
				* (openssl, libpcap, jansson): instrumented in fuzzing builds */
	const char *links;     /* "none": its binaries link no third-party library at all
				* (only libnetfuzz-core.a), so building one never waits for the
				* instrumented libraries; the Makefile reads it (NOLIB_TARGETS) */
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

/* The registry: the generated table, in targets/ order (src/target/). */
const struct nf_target *nf_target_find(const char *name);
const struct nf_target *nf_target_first(void);
const struct nf_target *nf_target_end(void);
/* Does this target's fuzz binary carry the structure-aware mutator (its
 * NF_META mutator line says "structure")?  False for an unknown name. */
bool nf_mutate_supported(const char *target);

#endif
