/* The regression-case schema, one module for its writer (netfuzz triage
 * --file, src/triage/file.c) and its reader (netfuzz regress,
 * src/regress/cases.c): regressions/crashes/<t>/<sig> is the input and
 * <sig>.json its metadata (docs/regress.md):
 *   target, crash_type, crash_state (strings), security_flag (boolean),
 *   signature (first 16 hex digits of SHA-1(crash_type "\n" crash_state),
 *   also the file name), found (YYYY-MM-DD), status ("fixed" | "open"),
 *   note (string, optional). */
#ifndef NETFUZZ_CASE_H
#define NETFUZZ_CASE_H

#include <stdbool.h>
#include <stddef.h>

struct nf_case {
	const char *target, *crash_type, *crash_state, *signature, *found, *status, *note;
	bool security_flag;
	void *doc; /* nf_case_read: the parsed document the strings point into */
};

/* Write c as the JSON file path (two-space indent, the fields in schema
 * order, a final newline).  0, or -1 with errno set. */
int nf_case_write(const char *path, const struct nf_case *c);

/* Read and check the metadata file path (shown as `shown` in messages)
 * filed under regressions/crashes/<target>/: every field present and
 * typed, target equal to the directory, a known status, a YYYY-MM-DD
 * date, and a signature that matches crash_type/crash_state and the file
 * name.  True with *c filled (release with nf_case_free), or false with a
 * message in err. */
bool nf_case_read(const char *path, const char *shown, const char *target, struct nf_case *c, char *err,
		  size_t errlen);
void nf_case_free(struct nf_case *c);

#endif
