/* Subcommands of bin/netfuzz.  Each lives in harness/cmd_<name>.c and
 * registers itself with NF_COMMAND, so adding one touches no other file.
 * Exit codes: netfuzz/project.h. */
#ifndef NETFUZZ_CLI_H
#define NETFUZZ_CLI_H

#include <stdbool.h>
#include <stddef.h>

#include "netfuzz/project.h"

struct nf_command {
	const char *name;
	const char *usage;   /* argument synopsis */
	const char *summary; /* one line for `netfuzz help` */
	int (*run)(int argc, char **argv); /* argv[0] is the subcommand */
};

#define NF_COMMAND(id, usage, summary)                                   \
	static int nf_cmd_##id(int argc, char **argv);                   \
	__attribute__((used, section("nf_commands"), aligned(8)))        \
	const struct nf_command nf_command_desc_##id = {                 \
		#id, usage, summary, nf_cmd_##id};                       \
	static int nf_cmd_##id(int argc, char **argv)

/* Print "netfuzz: <cmd>: message" to stderr; returns NF_EXIT_USAGE. */
int nf_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
