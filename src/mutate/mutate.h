/* The structure-aware mutator (issue 13): engine-independent core.  The
 * engine glue (src/mutate/glue/) supplies the target to record with and a
 * byte mutator; nothing here knows libFuzzer or AFL++. */
#ifndef NETFUZZ_MUTATE_H
#define NETFUZZ_MUTATE_H

#include <stddef.h>
#include <stdint.h>

#include "netfuzz/structure.h"

struct nf_dict;

struct nf_mutator {
	/* Runs the parser(s) over an input; the mutator turns recording on
	 * around it.  For a fuzz binary: nf_mut_target_parser(). */
	int (*run)(const uint8_t *data, size_t size);
	/* Plain byte mutation of data[0..size) within max (LLVMFuzzerMutate),
	 * or NULL for the built-in one.  Returns the new size. */
	size_t (*bytes)(uint8_t *data, size_t size, size_t max);
	/* Dictionary values for set_field (dict.h), or NULL. */
	const struct nf_dict *dict;
};

/* A fuzz binary's target (netfuzz/target.h): its record-only entry point
 * (NF_RECORD; weak, a target may have none) and its whole body. */
int nf_target_record(const uint8_t *data, size_t size) __attribute__((weak));
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* What records a fuzz binary's input: the target's NF_RECORD parse, or
 * without one the whole target (it then runs its consumers too). */
static inline int (*nf_mut_target_parser(void))(const uint8_t *, size_t)
{
	return nf_target_record ? nf_target_record : LLVMFuzzerTestOneInput;
}

/* Which operation a call applied (for tests and stats). */
enum nf_mut_op {
	NF_MUT_BYTES,       /* plain byte mutation of the whole input */
	NF_MUT_SET_FIELD,   /* an integer the parser read, set to an interesting value */
	NF_MUT_BREAK,       /* one length/count set to a wrong value, not repaired */
	NF_MUT_DUP,         /* an element duplicated */
	NF_MUT_REPEAT,      /* an element repeated N times (N may cross a bound such as 64) */
	NF_MUT_DELETE,      /* an element deleted */
	NF_MUT_SWAP,        /* two adjacent elements of one list swapped */
	NF_MUT_INSERT,      /* a copy of another element inserted before an element */
	NF_MUT_SPAN_BYTES,  /* byte mutation inside one span */
	NF_MUT_GROW,        /* 1..64 bytes inserted inside one span (its lengths follow) */
	NF_MUT_TEXT,        /* a character, label or host-name corner edited inside a string (text.c) */
	NF_MUT_EDGE,        /* a field set beside a value the parser branches at (nf_rec_edge) */
	NF_MUT_CROSS,       /* an element replaced by one from another input */
	NF_MUT_NOPS
};
/* Its name ("set_field", ...), from the operation table in mutate.c. */
const char *nf_mut_op_name(enum nf_mut_op op);

/* Mutate data[0..size) in place (capacity max).  Deterministic for a given
 * (input, seed).  Returns the new size (<= max); *op says what was done. */
size_t nf_mutate(const struct nf_mutator *m, uint8_t *data, size_t size, size_t max, unsigned seed,
		 enum nf_mut_op *op);

/* Cross-over: out = in1 with one element replaced by an element of in2
 * (repaired), or a plain splice when neither has structure. */
size_t nf_mutate_cross(const struct nf_mutator *m, const uint8_t *in1, size_t s1, const uint8_t *in2, size_t s2,
		       uint8_t *out, size_t max, unsigned seed);

/* Record the structure of data with m->run into r. */
void nf_mut_record(const struct nf_mutator *m, struct nf_rec *r, const uint8_t *data, size_t size);

/* Rewrite every live length, count and checksum relation of r (except
 * index skip, or -1) to agree with the spans and bytes: lengths and counts
 * first, then checksums, inner ones first.  Returns how many fields changed. */
size_t nf_mut_repair(const struct nf_rec *r, uint8_t *data, size_t size, int skip);

/* Check every live relation of r holds in data; returns the index of the
 * first that does not, or -1. */
int nf_mut_check(const struct nf_rec *r, const uint8_t *data, size_t size);



/* The record of the last nf_mutate call, as edited (spans moved, copies
 * added), and the relation it broke on purpose (-1: none).  For the
 * selftest: every other live relation must hold in the output. */
const struct nf_rec *nf_mut_last_record(int *broken);

/* Crash minimization (drop.c): out = data with its k-th candidate cut and
 * its relations repaired.  Candidates: the bytes past everything the parse
 * recorded (if any), every length-described leaf body cut to one byte at
 * once, then to its first half (if any), then each removable span, larger
 * first.  The structure is
 * recorded by running `run` in a forked child, so data may crash it.  out
 * holds size bytes.  1: *out_size set; 0: no k-th span; -1: cannot record. */
int nf_mut_drop_element(int (*run)(const uint8_t *, size_t), const uint8_t *data, size_t size, unsigned k,
			uint8_t *out, size_t *out_size);
/* The same over the spans shorter than `below` bytes only (no tail or trim
 * candidate): triage skips the rest of a run of equal spans that keep
 * failing (the 17th nexthop of 17 needed). */
int nf_mut_drop_element_below(int (*run)(const uint8_t *, size_t), const uint8_t *data, size_t size, unsigned k,
			      size_t below, uint8_t *out, size_t *out_size);

/* Relation helpers (relations.c), shared with the tests. */
bool nf_mut_get_uint(const uint8_t *data, size_t size, size_t off, unsigned width, bool le, uint64_t *v);
bool nf_mut_rel_get(const struct nf_rel *l, const uint8_t *data, size_t size, uint64_t *v);
bool nf_mut_rel_set(const struct nf_rel *l, uint8_t *data, size_t size, uint64_t v);
bool nf_mut_rel_want(const struct nf_rec *r, const struct nf_rel *l, const uint8_t *data, size_t size,
		     uint64_t *v);
size_t nf_mut_count(const struct nf_rec *r, int list);
#endif
