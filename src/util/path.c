/* Building paths and arguments without silent truncation (issue 26: a
 * "%s/work/%s" cut to "<out>/" was handed to rm -rf).  Every path netfuzz
 * builds comes from nf_path_join; a caller that gets false stops before
 * touching anything. */
#include "netfuzz/util.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

bool nf_path_join_(char *out, size_t outlen, const char *first, ...)
{
	va_list ap;
	size_t n = 0;
	const char *part = first;
	bool ok = true;

	if (!outlen)
		return errno = ENAMETOOLONG, false;
	va_start(ap, first);
	for (bool is_first = true; part; part = va_arg(ap, const char *), is_first = false) {
		size_t l = strlen(part);

		/* one '/' between parts, none doubled: "out/" + "work" is "out/work" */
		if (!is_first && !(n > 0 && out[n - 1] == '/')) {
			if (n + 1 >= outlen) {
				ok = false;
				break;
			}
			out[n++] = '/';
		}
		if (l >= outlen - n) {
			ok = false;
			break;
		}
		memcpy(out + n, part, l);
		n += l;
	}
	va_end(ap);
	if (!ok) {
		out[0] = 0;
		errno = ENAMETOOLONG;
		return false;
	}
	out[n] = 0;
	return true;
}

bool nf_strfmt(char *out, size_t outlen, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(out, outlen, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= outlen) {
		if (outlen)
			out[0] = 0;
		errno = ENAMETOOLONG;
		return false;
	}
	return true;
}

/* Characters a POSIX shell leaves alone in a word: what libFuzzer's own
 * command lines (fork and merge modes) can carry unquoted. */
bool nf_shell_safe(const char *s)
{
	if (!*s || *s == '-')
		return false;
	for (; *s; s++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/._-+,:=@%", *s))
			return false;
	return true;
}
