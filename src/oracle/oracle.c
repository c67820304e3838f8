/* Oracle switches, read once per process from the environment (a getenv
 * per input would cost more than some targets' whole parse). */
#include "netfuzz/oracle.h"

#include <stdlib.h>
#include <string.h>

static int enabled = -1, corrupt = -2;

bool nf_oracle_enabled(void)
{
	if (enabled < 0) {
		const char *v = getenv("NF_ORACLE");

		enabled = !(v && !strcmp(v, "0"));
	}
	return enabled;
}

bool nf_oracle_corrupt(enum nf_oracle_id id)
{
	static const char *const names[NF_ORACLE_COUNT] = {"frame", "cert", "route-lookup", "route-roundtrip"};

	if (corrupt == -2) {
		const char *v = getenv("NF_ORACLE_CORRUPT");

		corrupt = -1;
		for (int i = 0; v && i < NF_ORACLE_COUNT; i++)
			if (!strcmp(v, names[i]))
				corrupt = i;
	}
	return corrupt == (int)id;
}
