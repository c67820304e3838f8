/* The fuzz-target registry: the table ci/gen-target-table.sh generates from
 * the NF_TARGET and NF_META lines of targets/<name>.c (the Makefile compiles
 * it into every build beside this file), and lookups over it.  A library,
 * so src/regress and the tests find targets without linking harness/. */
#include "netfuzz/target.h"

#include <string.h>

extern const struct nf_target nf_target_table[];
extern const size_t nf_target_count;

const struct nf_target *nf_target_first(void) { return nf_target_table; }
const struct nf_target *nf_target_end(void) { return nf_target_table + nf_target_count; }

const struct nf_target *nf_target_find(const char *name)
{
	for (const struct nf_target *t = nf_target_first(); t < nf_target_end(); t++)
		if (strcmp(t->name, name) == 0)
			return t;
	return NULL;
}

bool nf_mutate_supported(const char *target)
{
	const struct nf_target *t = nf_target_find(target);

	return t && t->mutator && strcmp(t->mutator, "structure") == 0;
}
