/* What to triage: the crash files under the paths a user names, the fuzz
 * target of each (from --target or from where the file lies), and a saved
 * log read whole.  No running, no printing beyond a message per unreadable
 * input. */
#include "netfuzz/triage.h"
#include "netfuzz/util.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void on_input(const char *path, void *arg)
{
	struct nf_triage_inputs *in = arg;
	size_t l = strlen(path);
	char **v;

	if ((l > 5 && !strcmp(path + l - 5, ".json")) || in->n == NF_TRIAGE_MAX_INPUTS) /* metadata beside a case */
		return;
	v = realloc(in->v, (in->n + 1) * sizeof *in->v);
	if (!v || !(v[in->n] = strdup(path))) {
		in->v = v ? v : in->v;
		in->bad++;
		return;
	}
	in->v = v;
	in->n++;
}

static void on_bad_input(const char *path, const char *why, void *arg)
{
	fprintf(stderr, "netfuzz: triage: cannot read %s: %s\n", path, why);
	((struct nf_triage_inputs *)arg)->bad++;
}

void nf_triage_collect(const char *path, struct nf_triage_inputs *in)
{
	nf_walk_files(path, 8, on_input, on_bad_input, in);
}

void nf_triage_inputs_free(struct nf_triage_inputs *in)
{
	for (size_t i = 0; i < in->n; i++)
		free(in->v[i]);
	free(in->v);
	memset(in, 0, sizeof *in);
}

/* The crash's target: FORCED, else the directory after crashes/, timeouts/
 * or ooms/ (out/crashes/<t>/crash-..., libFuzzer's and `netfuzz fuzz`'s
 * layout), else the parent directory; each only if KNOWN says it is a
 * target. */
bool nf_triage_target_of(const char *path, const char *forced, bool (*known)(const char *target), char *out,
			 size_t outlen)
{
	static const char *const parents[] = {"crashes/", "timeouts/", "ooms/"};
	char buf[PATH_MAX], *slash;

	if (forced) {
		snprintf(out, outlen, "%s", forced);
		return known(out);
	}
	for (size_t i = 0; i < 3; i++) {
		const char *p = NULL;
		for (const char *q = path; (q = strstr(q, parents[i])) != NULL; q++)
			if (q == path || q[-1] == '/')
				p = q + strlen(parents[i]);
		if (p) {
			snprintf(out, outlen, "%.*s", (int)strcspn(p, "/"), p);
			if (known(out))
				return true;
		}
	}
	if (!nf_strfmt(buf, sizeof buf, "%s", path))
		return false;
	slash = strrchr(buf, '/');
	if (slash) {
		*slash = 0;
		slash = strrchr(buf, '/');
		snprintf(out, outlen, "%s", slash ? slash + 1 : buf);
		if (known(out))
			return true;
	}
	return false;
}

/* A saved log is read whole, so it has a cap (issue 26: /dev/zero read
 * until memory ran out).  A sanitizer report is kilobytes; a long
 * campaign's log is tens of megabytes at most. */
#define TRIAGE_MAX_LOG ((size_t)64 << 20)

char *nf_triage_read_log(const char *path, size_t *len)
{
	char err[PATH_MAX + 64];
	size_t n = 0;
	char *buf = (char *)nf_read_file(path, TRIAGE_MAX_LOG, &n, err, sizeof err);

	if (!buf && errno == EFBIG)
		fprintf(stderr, "netfuzz: triage: %s is more than 64 MiB; a log is read whole, up to 64 MiB: "
				"cut out the part with the report (e.g. tail -c 60M)\n", path);

	if (buf) {
		/* a NUL inside a log would end it early: make it a space */
		for (size_t i = 0; i < n; i++)
			if (!buf[i])
				buf[i] = ' ';
		buf[n] = 0;
	}
	if (len)
		*len = n;
	return buf;
}
