/* Option tables for every command (args.h). */
#include "args.h"
#include "cli.h"
#include "netfuzz/util.h"

#include <string.h>

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

static const struct nf_opt *find(const struct nf_opt *t, const char *name)
{
	for (; t->name; t++)
		if (!strcmp(t->name, name))
			return t;
	return NULL;
}

static bool takes_value(const struct nf_opt *t)
{
	return t->kind == NF_OPT_STR || t->kind == NF_OPT_INT || (t->kind == NF_OPT_FN && t->takes_value);
}

/* One option with its value (NULL for none). */
static int apply(const struct nf_opts *o, const struct nf_opt *t, const char *v)
{
	long long n;
	char err[160];

	if (t->seen)
		*t->seen = true;
	switch (t->kind) {
	case NF_OPT_FLAG:
		*(bool *)t->dst = true;
		return 0;
	case NF_OPT_STR:
		*(const char **)t->dst = v;
		return 0;
	case NF_OPT_INT:
		if (nf_parse_int(v, t->lo, t->hi, &n, err, sizeof err)) {
			*(int *)t->dst = (int)n;
			return 0;
		}
		return nf_usage_error(o->cmd, "%s: %s%s", t->name, err, t->unit ? t->unit : "");
	case NF_OPT_FN:
		return t->fn(o->ctx, t->name, v);
	}
	return NF_EXIT_USAGE;
}

int nf_parse_opts(const struct nf_opts *o, int argc, char **argv, int *first_arg)
{
	if (first_arg)
		*first_arg = argc;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = NULL;
		const struct nf_opt *t;
		int rc;

		if (!o->arg && !strcmp(a, "--")) {
			if (first_arg)
				*first_arg = i + 1;
			return 0;
		}
		if (a[0] != '-' || !a[1]) { /* "-" is a file: standard input */
			if (!o->arg) {
				if (first_arg)
					*first_arg = i;
				return 0;
			}
			if ((rc = o->arg(o->ctx, a)) != 0)
				return rc;
			continue;
		}
		if (!(t = find(o->opt, a))) {
			if (o->usage)
				return nf_usage_error(o->cmd, "unknown option '%s' (usage: netfuzz %s %s)", a, o->cmd,
						      o->usage);
			return nf_usage_error(o->cmd, "unknown option '%s' (netfuzz help)", a);
		}
		if (takes_value(t) && !(v = nf_arg_value(o->cmd, argc, argv, &i)))
			return NF_EXIT_USAGE;
		if ((rc = apply(o, t, v)) != 0)
			return rc;
	}
	return 0;
}
