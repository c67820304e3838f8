/* Option values for every command (args.h). */
#include "args.h"
#include "cli.h"

int nf_missing_value(const char *cmd, const char *opt)
{
	return nf_usage_error(cmd, "option '%s' needs a value", opt);
}

const char *nf_arg_value(const char *cmd, int argc, char **argv, int *i)
{
	if (*i + 1 >= argc) {
		nf_missing_value(cmd, argv[*i]);
		return NULL;
	}
	return argv[++*i];
}
