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

/* Join path parts with single '/'s into out: nf_path_join(buf, sizeof buf,
 * out, "work", target).  False (out = "", errno ENAMETOOLONG) when the
 * result would not fit: the only way netfuzz builds a path, so a path cut
 * short is never used (issue 26). */
bool nf_path_join_(char *out, size_t outlen, const char *first, ...);
#define nf_path_join(out, outlen, ...) nf_path_join_((out), (outlen), __VA_ARGS__, (const char *)NULL)

/* snprintf that says whether it all fitted (false: out = "", errno
 * ENAMETOOLONG).  For arguments and names, e.g. "-dict=%s". */
bool nf_strfmt(char *out, size_t outlen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* s is one word a POSIX shell leaves as it is (letters, digits, and
 * / . _ - + , : = @ %), and does not start with '-'. */
bool nf_shell_safe(const char *s);

/* Remove the tree at path (rm -rf without a shell): nftw(3), depth first,
 * FTW_PHYS (a symbolic link is removed, never followed), FTW_MOUNT.
 * Refused, with a reason in err: a path that does not resolve to somewhere
 * strictly inside the directory `within`, /, the project root, $HOME, any
 * directory above those, and a symbolic link pointing outside `within`.  A
 * missing path is success. */
bool nf_rm_tree(const char *path, const char *within, char *err, size_t errlen);

/* Copy one regular file (the destination is created or truncated, never
 * followed if it is a symbolic link). */
bool nf_copy_file(const char *from, const char *to, char *err, size_t errlen);

/* Copy the regular files directly in src (or src itself, if a file) whose
 * names start with prefix (NULL: all; dot files skipped) into the
 * directory dest, under their own names.  Returns how many were copied;
 * err is "" if all were, else the last problem. */
long nf_copy_tree(const char *src, const char *dest, const char *prefix, char *err, size_t errlen);

/* A whole decimal integer (optional sign, no spaces, nothing after it)
 * within [lo, hi].  False with err "'S' is not an integer from LO to HI" (or
 * "... is out of range") otherwise; *out untouched on failure. */
bool nf_parse_int(const char *s, long long lo, long long hi, long long *out, char *err, size_t errlen);

/* Strip leading and trailing ASCII white space in place; returns s. */
char *nf_trim(char *s);

/* The value of one hex digit (0-9, a-f, A-F), or -1. */
int nf_hexval(int c);

/* A growable list of strings (each a copy).  nf_strv_push exits with
 * "netfuzz: out of memory" (status 2) when it cannot grow: a list cut short
 * would be a wrong answer, not an error to print. */
struct nf_strv {
	char **v;
	size_t n, cap;
};
void nf_strv_push(struct nf_strv *s, const char *str);
void nf_strv_free(struct nf_strv *s);
/* Append the names in dir that end with suffix (NULL: any), dot files
 * left out, sorted by name.  False (nothing added) if dir cannot be opened. */
bool nf_list_dir(const char *dir, const char *suffix, struct nf_strv *out);

/* The OS netfuzz was built for: "linux", "macos" or "freebsd". */
const char *nf_os_name(void);
/* "linux-6.1.0-13-amd64", "macos-15.6.1", "freebsd-14.1-RELEASE"; the
 * environment variable NETFUZZ_PLATFORM overrides it (the repro expectations
 * are then matched against that name; the repros themselves still run). */
void nf_platform(char *buf, size_t len);

#endif
