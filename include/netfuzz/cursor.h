/* Bounded byte cursor: the one way netfuzz reads untrusted bytes.
 *
 * Modelled on BoringSSL's CBS (include/openssl/bytestring.h) and OpenSSL's
 * internal PACKET.  Rules:
 *   - every read either succeeds completely or fails and leaves the cursor
 *     unchanged (all getters return false on failure);
 *   - sub-cursors are carved by length, so a nested parser cannot see past
 *     its own record;
 *   - a cursor remembers its absolute offset from the start of the outermost
 *     buffer, so error messages can say "at offset N".
 * The struct is public so cursors live on the stack; touch it only through
 * these functions. */
#ifndef NETFUZZ_CURSOR_H
#define NETFUZZ_CURSOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct nf_cur {
	const uint8_t *data; /* next unread byte */
	size_t len;          /* bytes left */
	size_t off;          /* absolute offset of data[0] in the outer buffer */
};

void nf_cur_init(struct nf_cur *c, const uint8_t *data, size_t len);

static inline size_t nf_cur_len(const struct nf_cur *c) { return c->len; }
static inline size_t nf_cur_offset(const struct nf_cur *c) { return c->off; }
static inline bool nf_cur_empty(const struct nf_cur *c) { return c->len == 0; }
/* The unread bytes, for handing to a library (OpenSSL, a printer).  Valid for
 * exactly nf_cur_len() bytes. */
static inline const uint8_t *nf_cur_data(const struct nf_cur *c) { return c->data; }

/* Integer getters.  be = network (big-endian), le = little-endian. */
bool nf_cur_get_u8(struct nf_cur *c, uint8_t *out);
bool nf_cur_get_u16be(struct nf_cur *c, uint16_t *out);
bool nf_cur_get_u16le(struct nf_cur *c, uint16_t *out);
bool nf_cur_get_u24be(struct nf_cur *c, uint32_t *out);
bool nf_cur_get_u32be(struct nf_cur *c, uint32_t *out);
bool nf_cur_get_u32le(struct nf_cur *c, uint32_t *out);
bool nf_cur_get_u64be(struct nf_cur *c, uint64_t *out);
bool nf_cur_get_u64le(struct nf_cur *c, uint64_t *out);

/* Peeks: like the getters but never advance. */
bool nf_cur_peek_u8(const struct nf_cur *c, uint8_t *out);
bool nf_cur_peek_u16be(const struct nf_cur *c, uint16_t *out);
bool nf_cur_peek_u16le(const struct nf_cur *c, uint16_t *out);
bool nf_cur_peek_u32be(const struct nf_cur *c, uint32_t *out);
bool nf_cur_peek_u32le(const struct nf_cur *c, uint32_t *out);

/* Skip n bytes; fails (unchanged) if fewer remain. */
bool nf_cur_skip(struct nf_cur *c, size_t n);
/* Copy n bytes out into dst. */
bool nf_cur_copy(struct nf_cur *c, void *dst, size_t n);
/* Carve the next n bytes off as a sub-cursor. */
bool nf_cur_get_bytes(struct nf_cur *c, struct nf_cur *out, size_t n);
/* Carve everything left (never fails; c becomes empty). */
void nf_cur_get_rest(struct nf_cur *c, struct nf_cur *out);
/* Length-prefixed sub-cursors: read the length, then that many bytes.  On
 * failure neither the length nor the body is consumed. */
bool nf_cur_get_u8_prefixed(struct nf_cur *c, struct nf_cur *out);
bool nf_cur_get_u16be_prefixed(struct nf_cur *c, struct nf_cur *out);
bool nf_cur_get_u16le_prefixed(struct nf_cur *c, struct nf_cur *out);
bool nf_cur_get_u24be_prefixed(struct nf_cur *c, struct nf_cur *out);

/* Random access without consuming: a sub-cursor of n bytes starting `at`
 * bytes into c.  Used for DNS compression pointers. */
bool nf_cur_view(const struct nf_cur *c, size_t at, size_t n, struct nf_cur *out);
/* Shrink c to its first n bytes (e.g. IP total length < captured length). */
bool nf_cur_truncate(struct nf_cur *c, size_t n);

/* Alignment: skip padding so the cursor's absolute offset, measured from
 * `base` (the absolute offset of the structure start, e.g. the radiotap
 * header), is a multiple of `align` (a power of two).  Fails if the padding
 * itself runs past the end. */
bool nf_cur_align(struct nf_cur *c, size_t base, size_t align);

/* Comparison and search over the unread bytes, never past them (BoringSSL
 * CBS_mem_equal; a bounded memmem).  Neither consumes.
 * mem_equal: the unread bytes are exactly the n bytes at p (length too).
 * find: the first occurrence of the n-byte needle starts `*at` bytes in;
 * false if absent or n is 0. */
bool nf_cur_mem_equal(const struct nf_cur *c, const void *p, size_t n);
bool nf_cur_find(const struct nf_cur *c, const void *needle, size_t n, size_t *at);

/* QUIC variable-length integer (RFC 9000 section 16). */
bool nf_cur_get_quic_varint(struct nf_cur *c, uint64_t *out);

#endif
