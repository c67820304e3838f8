/* jansson helpers: the JSON writer of cert and routes (netfuzz/json_out.h). */
#include "netfuzz/json_out.h"

#include <stdlib.h>
#include <string.h>

json_t *nf_json_bytes(const char *s, size_t n)
{
	char small[256], *u = small;
	size_t k = 0;
	json_t *v;

	n = strnlen(s, n);
	if (2 * n > sizeof small && !(u = malloc(2 * n)))
		return NULL;
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];

		if (ch < 0x80) {
			u[k++] = (char)ch;
		} else { /* U+0080..U+00FF in UTF-8 */
			u[k++] = (char)(0xc0 | (ch >> 6));
			u[k++] = (char)(0x80 | (ch & 0x3f));
		}
	}
	v = json_stringn(u, k);
	if (u != small)
		free(u);
	return v;
}

json_t *nf_json_text(const char *s)
{
	return nf_json_bytes(s, strlen(s));
}

void nf_out_json(struct nf_out *o, json_t *v)
{
	char *s = v ? json_dumps(v, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII | JSON_ENCODE_ANY)
		    : NULL;

	if (!s) {
		o->failed = true;
	} else {
		nf_out_str(o, s);
		nf_out_char(o, '\n');
	}
	free(s);
	json_decref(v);
}
