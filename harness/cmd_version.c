/* netfuzz version (also netfuzz --version): the version and the git commit
 * this binary was built from (build/cli/version.h, written by the Makefile),
 * so a bug report names exactly what was run. */
#include "cli.h"
#include "version.h"

#include <stdio.h>

NF_COMMAND(version, "", "print the netfuzz version and the git commit it was built from (also --version)")
{
	if (argc > 1)
		return nf_usage_error("version", "takes no arguments, got '%s'", argv[1]);
	printf("netfuzz %s (commit %s)\n", NF_VERSION, NF_GIT_COMMIT);
	return NF_EXIT_OK;
}
