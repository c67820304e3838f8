/* AFL++ custom mutator for the structure-aware mutator (issue 13; AFL++
 * docs/custom_mutators.md).  Built per target as a shared object,
 * build/afl-<san>/mutators/<t>.so, uninstrumented: it runs inside afl-fuzz
 * and parses with the target's own code (its NF_RECORD parse, else
 * LLVMFuzzerTestOneInput, compiled into the .so) to record structure.  Load it with
 *   AFL_CUSTOM_MUTATOR_LIBRARY=build/afl-address/mutators/<t>.so
 * (netfuzz fuzz --engine afl does).  AFL++ keeps running its own havoc
 * beside it unless AFL_CUSTOM_MUTATOR_ONLY is set, which is the byte
 * fallback here; the built-in byte ops cover calls the mutator declines. */
#include <stdlib.h>
#include <string.h>

#include "../dict.h"
#include "../mutate.h"

struct afl_state_nf {
	unsigned seed;
	uint8_t *out;
	size_t cap;
};

void *afl_custom_init(void *afl, unsigned int seed);
size_t afl_custom_fuzz(void *data, uint8_t *buf, size_t buf_size, uint8_t **out_buf, uint8_t *add_buf,
		       size_t add_buf_size, size_t max_size);
void afl_custom_deinit(void *data);

void *afl_custom_init(void *afl, unsigned int seed)
{
	struct afl_state_nf *s = calloc(1, sizeof *s);

	(void)afl;
	if (s)
		s->seed = seed;
	return s;
}

size_t afl_custom_fuzz(void *data, uint8_t *buf, size_t buf_size, uint8_t **out_buf, uint8_t *add_buf,
		       size_t add_buf_size, size_t max_size)
{
	struct afl_state_nf *s = data;
	/* afl-fuzz's -x FILE, read from its command line once */
	const struct nf_mutator m = {.run = nf_mut_target_parser(), .dict = nf_dict_from_cmdline()};
	unsigned seed = s->seed++;
	size_t n = buf_size < max_size ? buf_size : max_size;

	if (s->cap < max_size) {
		uint8_t *p = realloc(s->out, max_size);

		if (!p) { /* no room: hand the input back unchanged */
			*out_buf = buf;
			return n;
		}
		s->out = p;
		s->cap = max_size;
	}
	*out_buf = s->out;
	if (add_buf && add_buf_size && seed % 8 == 0)
		return nf_mutate_cross(&m, buf, n, add_buf, add_buf_size, s->out, max_size, seed);
	memcpy(s->out, buf, n);
	return nf_mutate(&m, s->out, n, max_size, seed, NULL);
}

void afl_custom_deinit(void *data)
{
	struct afl_state_nf *s = data;

	if (s)
		free(s->out);
	free(s);
}
