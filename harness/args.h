/* Option values, the same way in every command: an option that takes a
 * value but is given last says so ("option '--filter' needs a value")
 * instead of being reported as unknown. */
#ifndef NETFUZZ_CLI_ARGS_H
#define NETFUZZ_CLI_ARGS_H

/* Print "netfuzz: CMD: option 'OPT' needs a value"; returns NF_EXIT_USAGE. */
int nf_missing_value(const char *cmd, const char *opt);

/* The value after option argv[*i], advancing *i past it; NULL (message
 * printed by nf_missing_value) when argv[*i] is the last argument. */
const char *nf_arg_value(const char *cmd, int argc, char **argv, int *i);

#endif
