/* bin/netfuzz: dispatch to the subcommand registered under argv[1]. */
#include "cli.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

extern const struct nf_command __start_nf_commands[], __stop_nf_commands[];

int nf_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "netfuzz: %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return NF_EXIT_USAGE;
}

static void help(FILE *f)
{
	fprintf(f, "usage: netfuzz COMMAND [ARGS]   (netfuzz --version: version and git commit)\n\ncommands:\n");
	for (const struct nf_command *c = __start_nf_commands; c < __stop_nf_commands; c++)
		fprintf(f, "  %-8s %s\n           %s\n", c->name, c->usage, c->summary);
	fprintf(f, "\nexit codes: 0 ok, 1 findings or failures, 2 usage or input error\n");
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		help(stderr);
		return NF_EXIT_USAGE;
	}
	if (!strcmp(argv[1], "help") || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		help(stdout);
		return NF_EXIT_OK;
	}
	if (!strcmp(argv[1], "--version"))
		argv[1] = "version";
	for (const struct nf_command *c = __start_nf_commands; c < __stop_nf_commands; c++)
		if (strcmp(c->name, argv[1]) == 0)
			return c->run(argc - 1, argv + 1);
	fprintf(stderr, "netfuzz: unknown command '%s' (netfuzz help lists them)\n", argv[1]);
	return NF_EXIT_USAGE;
}
