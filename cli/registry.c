/* Linker-section registries for targets and commands.  GNU ld and lld
 * define __start_<sec>/__stop_<sec> for sections named like C identifiers. */
#include "netfuzz/cli.h"
#include "netfuzz/target.h"

#include <string.h>

extern const struct nf_target __start_nf_targets[], __stop_nf_targets[];

const struct nf_target *nf_target_first(void) { return __start_nf_targets; }
const struct nf_target *nf_target_end(void) { return __stop_nf_targets; }

const struct nf_target *nf_target_find(const char *name)
{
	for (const struct nf_target *t = __start_nf_targets; t < __stop_nf_targets; t++)
		if (strcmp(t->name, name) == 0)
			return t;
	return NULL;
}
