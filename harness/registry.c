/* The fuzz-target table (generated into build/cli/targets.c by
 * ci/gen-target-table.sh) and lookups over it. */
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
