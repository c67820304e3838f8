/* The one JSON writer for documents where speed does not matter (cert,
 * routes): build a jansson value, then write it compact, keys in insertion
 * order, ASCII only.  The per-packet NDJSON path has its own streaming
 * writer (src/core/jsonw.c). */
#ifndef NETFUZZ_JSON_OUT_H
#define NETFUZZ_JSON_OUT_H

#include <jansson.h>
#include <stddef.h>

#include "netfuzz/out.h"

/* A JSON string from untrusted bytes (interface names, certificate
 * subjects): each byte is one code point (Latin-1), so every input is valid
 * and a non-ASCII byte comes out as \u00XX, never as broken UTF-8.  Stops at
 * the first NUL within n. */
json_t *nf_json_bytes(const char *s, size_t n);
/* nf_json_bytes of a NUL-terminated string. */
json_t *nf_json_text(const char *s);
/* Write v and a newline to o, then release v.  A value jansson could not
 * build (NULL: out of memory) marks o failed rather than printing half. */
void nf_out_json(struct nf_out *o, json_t *v);

#endif
