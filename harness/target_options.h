/* targets/<t>.options: the INI file OSS-Fuzz reads ([libfuzzer], [AFL],
 * [asan] sections of "key = value" lines). */
#ifndef NETFUZZ_OPTIONS_H
#define NETFUZZ_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>

#define NF_OPTIONS_MAX 32

struct nf_option {
	char key[64];
	char value[256];
};

/* Read section `section` of <root>/targets/<target>.options (or
 * tests/targets/<target>.options); returns the number of entries (0 if the
 * file or section is missing). */
size_t nf_options_read(const char *target, const char *section, struct nf_option *out, size_t max);

/* Where a target's source lives: <root>/targets/<t>.c or <root>/tests/targets/<t>.c.
 * Returns the directory ("targets" or "tests/targets") or NULL. */
const char *nf_target_dir(const char *target);

/* Path of build/<engine>-<sanitizer>/<name>, brought up to date with make
 * first (a no-op when nothing changed), so a campaign or a triage never
 * runs a binary older than its sources.  False with a message if it cannot
 * be had. */
bool nf_target_binary_fresh(const char *engine, const char *sanitizer, const char *name, char *path,
			    size_t pathlen);

#endif
