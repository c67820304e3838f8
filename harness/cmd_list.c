/* netfuzz list: every target with its family and entry point. */
#include "netfuzz/cli.h"
#include "netfuzz/target.h"

#include <stdio.h>
#include <string.h>

NF_COMMAND(list, "[--json]", "list every fuzz target with its family and entry point")
{
	int json = argc > 1 && !strcmp(argv[1], "--json");

	if (argc > 1 && !json)
		return nf_usage_error("list", "unknown option '%s' (expected --json)", argv[1]);
	if (json)
		printf("[");
	for (const struct nf_target *t = nf_target_first(); t < nf_target_end(); t++) {
		if (json)
			printf("%s{\"name\":\"%s\",\"family\":\"%s\",\"entry\":\"%s\"}",
			       t == nf_target_first() ? "" : ",", t->name, t->family, t->entry);
		else
			printf("%-22s %-8s %s\n", t->name, t->family, t->entry);
	}
	if (json)
		printf("]\n");
	return NF_EXIT_OK;
}
