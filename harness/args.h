/* Options, the same way in every command: a table of {name, kind, where
 * the value goes} read by one loop (nf_parse_opts).  An option that takes
 * a value but is given last says so ("option '--filter' needs a value")
 * instead of being reported as unknown; every integer goes through one
 * strict parser (nf_parse_int: no blanks, no trailing text, in range). */
#ifndef NETFUZZ_CLI_ARGS_H
#define NETFUZZ_CLI_ARGS_H

#include <stdbool.h>

enum nf_opt_kind {
	NF_OPT_FLAG, /* bool *dst = true */
	NF_OPT_STR,  /* const char **dst = the value */
	NF_OPT_INT,  /* int *dst = the value, lo..hi */
	NF_OPT_FN,   /* fn(ctx, name, value): value NULL unless takes_value */
};

struct nf_opt {
	const char *name; /* "--timeout" */
	enum nf_opt_kind kind;
	void *dst;
	/* NF_OPT_INT: the range; a bad value gets one wording for every
	 * option, "NAME: 'V' is not an integer from LO to HI" (or "is out of
	 * range"), then unit (" milliseconds") if any */
	long long lo, hi;
	const char *unit;
	/* NF_OPT_FN: 0 to go on, or an exit code to return (having printed
	 * why); NF_OPT_DONE stops with exit code 0 (e.g. --list). */
	int (*fn)(void *ctx, const char *name, const char *value);
	bool takes_value;
	bool *seen; /* set true when the option is given (may be NULL) */
};

#define NF_OPT_DONE (-1)

struct nf_opts {
	const char *cmd;
	const struct nf_opt *opt; /* ends with a {NULL} row */
	/* Unknown option: "unknown option 'X' (usage: netfuzz CMD USAGE)", or
	 * "(netfuzz help)" when usage is NULL. */
	const char *usage;
	/* A non-option argument: 0, or an exit code (message printed).  NULL:
	 * positional arguments end the options ("--" too), and
	 * nf_parse_opts sets *first_arg to the first of them. */
	int (*arg)(void *ctx, const char *arg);
	void *ctx;
};

/* Parse argv[1..argc) by o.  Returns 0 to go on, NF_OPT_DONE when an
 * option asked to stop with success, or an exit code (message printed).
 * first_arg (may be NULL): index of the first positional argument when
 * o->arg is NULL, argc if none. */
int nf_parse_opts(const struct nf_opts *o, int argc, char **argv, int *first_arg);

/* Print "netfuzz: CMD: option 'OPT' needs a value"; returns NF_EXIT_USAGE. */
int nf_missing_value(const char *cmd, const char *opt);

/* The value after option argv[*i], advancing *i past it; NULL (message
 * printed by nf_missing_value) when argv[*i] is the last argument. */
const char *nf_arg_value(const char *cmd, int argc, char **argv, int *i);

#endif
