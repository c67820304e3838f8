/* netfuzz list: every target with its family and entry point, by name (the
 * linker section's order depends on link order and LTO), and the in-loop
 * oracles it runs and the libraries it fuzzes (instrumented or system in
 * the libFuzzer build): each target's NF_META lines (netfuzz/target.h). */
#include "libraries.h"
#include "cli.h"
#include "netfuzz/target.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int by_name(const void *a, const void *b)
{
	return strcmp((*(const struct nf_target *const *)a)->name, (*(const struct nf_target *const *)b)->name);
}

NF_COMMAND(list, "[--json]", "list every fuzz target: family, mutator (structure or bytes), entry point, oracles, instrumented libraries")
{
	int json = argc > 1 && !strcmp(argv[1], "--json");
	size_t n = (size_t)(nf_target_end() - nf_target_first());
	const struct nf_target **v;

	if (argc > 1 && !json)
		return nf_usage_error("list", "unknown option '%s' (expected --json)", argv[1]);
	v = calloc(n ? n : 1, sizeof *v);
	if (!v)
		return nf_usage_error("list", "out of memory");
	for (size_t i = 0; i < n; i++)
		v[i] = nf_target_first() + i;
	qsort(v, n, sizeof *v, by_name);
	if (json)
		printf("[");
	for (size_t i = 0; i < n; i++) {
		const char *mut = nf_mutate_supported(v[i]->name) ? "structure" : "bytes";
		const char *oracles = v[i]->oracles ? v[i]->oracles : "";
		const char *libraries = v[i]->libraries ? v[i]->libraries : "";
		char st[512] = "";

		if (libraries[0])
			nf_cli_libraries_of("libfuzzer", libraries, st, sizeof st);
		if (json) {
			printf("%s{\"name\":\"%s\",\"family\":\"%s\",\"entry\":\"%s\",\"mutator\":\"%s\","
			       "\"oracles\":\"%s\",\"libraries\":\"%s\",\"library_build\":\"%s\"}",
			       i ? "," : "", v[i]->name, v[i]->family, v[i]->entry, mut, oracles, libraries,
			       st);
		} else {
			/* mutator column: structure-aware mutator available (docs/mutator.md) */
			printf("%-22s %-8s %-9s %s", v[i]->name, v[i]->family, mut, v[i]->entry);
			if (oracles[0])
				printf("  [oracles: %s]", oracles);
			if (libraries[0])
				printf("  [%s]", st);
			printf("\n");
		}
	}
	if (json)
		printf("]\n");
	free(v);
	return NF_EXIT_OK;
}
