/* Text helpers shared by the CLI and the libraries (see netfuzz/util.h). */
#include "netfuzz/util.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool nf_parse_int(const char *s, long long lo, long long hi, long long *out, char *err, size_t errlen)
{
	char *end;
	long long v;

	/* strtoll skips leading spaces and accepts "" as 0: neither is a number here */
	if (!s || !*s || isspace((unsigned char)*s)) {
		snprintf(err, errlen, "'%s' is not an integer from %lld to %lld", s ? s : "", lo, hi);
		return false;
	}
	errno = 0;
	v = strtoll(s, &end, 10);
	if (*end) {
		snprintf(err, errlen, "'%s' is not an integer from %lld to %lld", s, lo, hi);
		return false;
	}
	if (errno == ERANGE || v < lo || v > hi) {
		snprintf(err, errlen, "'%s' is out of range (%lld to %lld)", s, lo, hi);
		return false;
	}
	*out = v;
	return true;
}

char *nf_trim(char *s)
{
	size_t n = strlen(s), i = 0;

	while (n && isspace((unsigned char)s[n - 1]))
		s[--n] = 0;
	while (isspace((unsigned char)s[i]))
		i++;
	memmove(s, s + i, n - i + 1);
	return s;
}

int nf_hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}
