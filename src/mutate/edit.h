/* Splicing bytes while keeping the structure record true (edit.c). */
#ifndef NETFUZZ_MUTATE_EDIT_H
#define NETFUZZ_MUTATE_EDIT_H

#include "mutate.h"

#define NF_EDIT_TMP (1u << 16)

struct nf_edit {
	uint8_t *data;
	size_t size, max;
	struct nf_rec *rec;
	uint8_t tmp[NF_EDIT_TMP]; /* the inserted bytes, copied first */
};

/* Replace data[a..b) with n bytes from src.  For an insertion (a == b)
 * anchor is the span the new bytes sit beside (they join every span that
 * holds it); otherwise -1.  False (nothing changed) if it would not fit. */
bool nf_edit_splice(struct nf_edit *e, size_t a, size_t b, const uint8_t *src, size_t n, int anchor);

#endif
