/* Streaming JSON writer over nf_out, for the per-packet NDJSON path.
 *
 * The writer, not its caller, places commas: it remembers per nesting
 * level whether a member or element was already written, and a value
 * written right after a key takes no comma.  Strings are escaped by
 * nf_out_json_str (RFC 8259 section 7: quote, backslash and control
 * characters; bytes >= 0x7f as \u00XX so output stays valid UTF-8).
 * Nothing allocates; depth is bounded by NF_JW_MAX_DEPTH and deeper
 * nesting is refused (the writer marks itself failed and writes nothing
 * more), never overflowed.  Where speed does not matter, use jansson. */
#ifndef NETFUZZ_JSONW_H
#define NETFUZZ_JSONW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "netfuzz/out.h"

#define NF_JW_MAX_DEPTH 32

struct nf_jw {
	struct nf_out *o;
	uint32_t depth;
	uint32_t nonempty; /* bit d: level d already holds a member/element */
	bool after_key;    /* the next value belongs to the key just written */
	bool failed;       /* nesting too deep or unbalanced: output invalid */
};

void nf_jw_init(struct nf_jw *w, struct nf_out *o);
void nf_jw_object_begin(struct nf_jw *w);
void nf_jw_object_end(struct nf_jw *w);
void nf_jw_array_begin(struct nf_jw *w);
void nf_jw_array_end(struct nf_jw *w);
/* A member key from text (escaped here). */
void nf_jw_key(struct nf_jw *w, const char *k, size_t n);
/* A member key already quoted and followed by ':' (static descriptors). */
void nf_jw_key_raw(struct nf_jw *w, const char *quoted_colon, size_t n);
void nf_jw_uint(struct nf_jw *w, uint64_t v);
void nf_jw_int(struct nf_jw *w, int64_t v);
void nf_jw_bool(struct nf_jw *w, bool v);
void nf_jw_str(struct nf_jw *w, const char *s, size_t n);
/* String values formatted without escaping (the text is known safe). */
void nf_jw_hex_str(struct nf_jw *w, uint64_t v, int min_digits);  /* "0x.." */
void nf_jw_ipv4(struct nf_jw *w, const uint8_t a[4]);
void nf_jw_ipv6(struct nf_jw *w, const uint8_t a[16]);
void nf_jw_mac(struct nf_jw *w, const uint8_t a[6]);
void nf_jw_bytes_hex(struct nf_jw *w, const uint8_t *p, size_t n, bool colons);
/* A string value whose text the caller writes itself with nf_out_*, from
 * an alphabet that needs no escaping (identifiers, digits, ':' '.'):
 * nf_jw_str_open (false: the writer has failed, write nothing), the text,
 * nf_jw_str_close. */
bool nf_jw_str_open(struct nf_jw *w);
void nf_jw_str_close(struct nf_jw *w);
/* Ends one NDJSON record: a newline; the writer is ready for the next. */
void nf_jw_newline(struct nf_jw *w);

#endif
