/* Small helpers every command and library shares: read a whole file, walk a
 * directory tree, parse an integer strictly, mkdir -p, trim.  One copy each
 * (issue 12 section 2); errors come back as text for the caller to print
 * with its own prefix, never printed here. */
#ifndef NETFUZZ_UTIL_H
#define NETFUZZ_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* Read all of `path` ("-": standard input), at most `max` bytes.  Returns a
 * malloc'd buffer with a NUL after the last byte (not counted in *len), or
 * NULL with err set to "PATH: cannot open: REASON", "PATH: cannot read:
 * REASON" or "PATH: more than MAX
 * bytes".  A directory or a read error is an error, never a short file. */
uint8_t *nf_read_file(const char *path, size_t max, size_t *len, char *err, size_t errlen);

/* Walk `path`: a regular file is handed to on_file; a directory is listed
 * (names starting with '.' skipped, sorted by name, so runs are
 * reproducible) and each entry walked in turn, directories nested at most
 * max_depth deep.  Anything unreadable, not a regular file, or nested too
 * deep goes to on_error with a reason (on_error may be NULL).  Returns the
 * number of errors. */
size_t nf_walk_files(const char *path, int max_depth, void (*on_file)(const char *file, void *arg),
		     void (*on_error)(const char *path, const char *why, void *arg), void *arg);

/* mkdir -p: create path and its missing parents (mode 0755).  0, or -1 with
 * errno set (EEXIST for a non-directory in the way). */
int nf_mkdir_p(const char *path);

/* A whole decimal integer (optional sign, no spaces, nothing after it)
 * within [lo, hi].  False with err "'S' is not an integer from LO to HI" (or
 * "... is out of range") otherwise; *out untouched on failure. */
bool nf_parse_int(const char *s, long long lo, long long hi, long long *out, char *err, size_t errlen);

/* Strip leading and trailing ASCII white space in place; returns s. */
char *nf_trim(char *s);

/* The value of one hex digit (0-9, a-f, A-F), or -1. */
int nf_hexval(int c);

#endif
