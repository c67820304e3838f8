/* Dictionary files (libFuzzer docs "Dictionaries"; AFL++ docs dictionaries
 * format: the same syntax).  The structure mutator writes these values into
 * fields and spans, because libFuzzer hands a custom mutator none of its
 * own dictionary (its LLVMFuzzerMutate uses it only on whole inputs). */
#include "dict.h"

#include "netfuzz/util.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/* One line [p, e): the quoted value after an optional name=. */
static void parse_line(struct nf_dict *d, const char *p, const char *e, size_t *added)
{
	const char *q = memchr(p, '"', (size_t)(e - p));
	uint8_t v[NF_DICT_VALMAX];
	size_t n = 0;

	while (p < e && (*p == ' ' || *p == '\t'))
		p++;
	if (p == e || *p == '#' || !q || d->n == NF_DICT_MAX)
		return;
	for (q++; q < e && *q != '"'; q++) {
		int c = (unsigned char)*q;

		if (c == '\\') {
			if (q + 1 < e && (q[1] == '\\' || q[1] == '"')) {
				c = (unsigned char)*++q;
			} else if (q + 3 < e && q[1] == 'x' && nf_hexval(q[2]) >= 0 && nf_hexval(q[3]) >= 0) {
				c = nf_hexval(q[2]) * 16 + nf_hexval(q[3]);
				q += 3;
			} else {
				return; /* libFuzzer rejects other escapes too */
			}
		}
		if (n == sizeof v)
			return; /* longer than any entry libFuzzer keeps */
		v[n++] = (uint8_t)c;
	}
	if (q == e || n == 0)
		return; /* unterminated or empty */
	d->len[d->n] = (uint8_t)n;
	memcpy(d->val[d->n], v, n);
	d->n++;
	(*added)++;
}

size_t nf_dict_parse(struct nf_dict *d, const char *text, size_t len)
{
	const char *p = text, *end = text + len;
	size_t added = 0;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *e = nl ? nl : end;

		parse_line(d, p, e, &added);
		p = nl ? nl + 1 : end;
	}
	return added;
}


static bool read_small(const char *path, char *buf, size_t cap, size_t *len)
{
	FILE *f = fopen(path, "rb");

	if (!f)
		return false;
	*len = fread(buf, 1, cap, f);
	fclose(f);
	return true;
}

const struct nf_dict *nf_dict_from_cmdline(void)
{
	static struct nf_dict d;
	static int state; /* 0 not tried, 1 loaded, -1 none */
	static char args[8192], text[1 << 16];
	size_t n, tlen;
	const char *path = NULL;

	if (state)
		return state > 0 ? &d : NULL;
	state = -1;
	if (!read_small("/proc/self/cmdline", args, sizeof args - 1, &n))
		return NULL;
	args[n] = 0;
	/* NUL-separated arguments; the last -dict= / -x wins, as in the engines. */
	for (const char *a = args; a < args + n; a += strlen(a) + 1) {
		if (!strncmp(a, "-dict=", 6))
			path = a + 6;
		else if (!strcmp(a, "-x") && a + strlen(a) + 1 < args + n)
			path = a + strlen(a) + 1;
	}
	if (!path || !read_small(path, text, sizeof text, &tlen))
		return NULL;
	if (nf_dict_parse(&d, text, tlen))
		state = 1;
	return state > 0 ? &d : NULL;
}
