/* Subcommands of bin/netfuzz.  Each lives in harness/cmd_<name>.c and
 * registers itself with NF_COMMAND, so adding one touches no other file.
 * Exit codes (DESIGN.md CLI contract): 0 ok, 1 findings or failures,
 * 2 usage or input error with a message on stderr. */
#ifndef NETFUZZ_CLI_H
#define NETFUZZ_CLI_H

#include <stdbool.h>
#include <stddef.h>

enum { NF_EXIT_OK = 0, NF_EXIT_FINDINGS = 1, NF_EXIT_USAGE = 2 };

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

/* The project tree bin/netfuzz belongs to (holds Makefile, targets/,
 * corpora/): $NETFUZZ_ROOT, else the parent of the executable's directory. */
const char *nf_project_root(void);
/* Path of a built target binary: <root>/build/<engine>-<sanitizer>/<name>.
 * When `build` is true and it is missing, runs make to build it (progress
 * on stderr).  Returns false with a message if it cannot be had. */
bool nf_target_binary(const char *engine, const char *sanitizer, const char *name,
		      bool build, char *path, size_t pathlen);

#endif
