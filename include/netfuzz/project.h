/* The project tree a netfuzz binary belongs to, its built targets, and the
 * exit codes every command and library entry point returns:
 * 0 ok, 1 findings or failures, 2 usage or input error (message on stderr). */
#ifndef NETFUZZ_PROJECT_H
#define NETFUZZ_PROJECT_H

#include <stdbool.h>
#include <stddef.h>

enum { NF_EXIT_OK = 0, NF_EXIT_FINDINGS = 1, NF_EXIT_USAGE = 2 };

/* The project tree bin/netfuzz belongs to (holds Makefile, targets/,
 * corpora/): $NETFUZZ_ROOT, else the parent of the executable's directory. */
const char *nf_project_root(void);
/* make -s -C <root> GOALS... (a NULL-terminated list, e.g. "ENGINE=afl",
 * "libs") through the argv runner, never a shell; its output on our
 * stderr, or nowhere when quiet.  Returns make's exit code, -1 if it could
 * not run. */
int nf_make(char *const goals[], bool quiet);
/* Path of a built target binary: <root>/build/<engine>-<sanitizer>/<name>.
 * When `build` is true and it is missing, runs make to build it (progress
 * on stderr).  Returns false with a message if it cannot be had. */
bool nf_target_binary(const char *engine, const char *sanitizer, const char *name,
		      bool build, char *path, size_t pathlen);

#endif
