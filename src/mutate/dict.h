/* Dictionary values for the interesting-value op (dict.c). */
#ifndef NETFUZZ_MUTATE_DICT_H
#define NETFUZZ_MUTATE_DICT_H

#include <stddef.h>
#include <stdint.h>

#define NF_DICT_MAX 512   /* entries kept; later ones are ignored */
#define NF_DICT_VALMAX 64 /* bytes per entry, as libFuzzer's kMaxDictSize */

struct nf_dict {
	size_t n;
	uint8_t len[NF_DICT_MAX];
	uint8_t val[NF_DICT_MAX][NF_DICT_VALMAX];
};

/* Parse the text of a libFuzzer/AFL dictionary (`name="value"` or
 * `"value"` per line, `#` comments, escapes \\ \" \xHH) into d, appending.
 * Returns the number of entries added; a malformed line is skipped. */
size_t nf_dict_parse(struct nf_dict *d, const char *text, size_t len);

/* The dictionary the engine was started with, read once per process from
 * its own command line (/proc/self/cmdline): libFuzzer's -dict=FILE, or
 * afl-fuzz's -x FILE when the mutator is loaded into afl-fuzz.  Nothing is
 * compiled in, so a dictionary a user or ClusterFuzz passes is the one
 * used.  Returns d, or NULL when there is none (or it has no entry). */
const struct nf_dict *nf_dict_from_cmdline(void);

#endif
