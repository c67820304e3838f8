/* Buffered output for printers.  One write(2) per 64 KiB, no stdio on the
 * hot path, and a short write is reported rather than ignored. */
#ifndef NETFUZZ_OUT_H
#define NETFUZZ_OUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define NF_OUT_BUF 65536

struct nf_out {
	int fd;
	bool failed;     /* a write failed (EPIPE, ENOSPC): stop producing */
	size_t n;
	char buf[NF_OUT_BUF];
};

void nf_out_init(struct nf_out *o, int fd);
bool nf_out_flush(struct nf_out *o);
/* Copy n bytes, flushing as the buffer fills (the slow path). */
void nf_out_mem_slow(struct nf_out *o, const void *p, size_t n);

/* The per-packet calls are inline so that a literal's strlen folds to a
 * constant and a short copy is a few moves, not a call into libc (the
 * issue-11 profile had memmove 5.6% and strlen 3% of line mode).
 *
 * Fuzz builds define NF_OUT_OUTOFLINE: these become ordinary functions in
 * src/core/out.c, which the Makefile compiles without coverage
 * instrumentation.  Inlined, each buffer-full check in every printer was a
 * libFuzzer comparison hook and a coverage feature with no meaning for the
 * input (docs/performance.md); ASan and UBSan still check them. */
#ifdef NF_OUT_OUTOFLINE
void nf_out_mem(struct nf_out *o, const void *p, size_t n);
void nf_out_str(struct nf_out *o, const char *s);
void nf_out_char(struct nf_out *o, char ch);
char *nf_out_reserve(struct nf_out *o, size_t n);
#define NF_OUT_FN
#else
#define NF_OUT_FN static inline
#endif

#if !defined(NF_OUT_OUTOFLINE) || defined(NF_OUT_DEFINE)
NF_OUT_FN void nf_out_mem(struct nf_out *o, const void *p, size_t n)
{
	if (n <= NF_OUT_BUF - o->n) {
		__builtin_memcpy(o->buf + o->n, p, n);
		o->n += n;
		if (o->n < NF_OUT_BUF)
			return;
		n = 0;
	}
	nf_out_mem_slow(o, p, n);
}

NF_OUT_FN void nf_out_str(struct nf_out *o, const char *s)
{
	nf_out_mem(o, s, __builtin_strlen(s));
}

NF_OUT_FN void nf_out_char(struct nf_out *o, char ch)
{
	if (o->n == NF_OUT_BUF)
		nf_out_flush(o);
	o->buf[o->n++] = ch;
}

/* Room for `n` bytes written in place (o->buf + o->n), flushing first if
 * needed; n <= NF_OUT_BUF. */
NF_OUT_FN char *nf_out_reserve(struct nf_out *o, size_t n)
{
	if (NF_OUT_BUF - o->n < n)
		nf_out_flush(o);
	return o->buf + o->n;
}
#endif

void nf_out_u64(struct nf_out *o, uint64_t v);
void nf_out_i64(struct nf_out *o, int64_t v);
void nf_out_hex(struct nf_out *o, uint64_t v, int min_digits);
void nf_out_ipv4(struct nf_out *o, const uint8_t a[4]);
void nf_out_ipv6(struct nf_out *o, const uint8_t a[16]);
void nf_out_mac(struct nf_out *o, const uint8_t a[6]);
/* Bytes as colon-separated lowercase hex (aa:bb:cc: MACs, OUIs, SEP_COLON
 * fields). */
void nf_out_bytes_hex(struct nf_out *o, const uint8_t *p, size_t n);
/* Bytes as plain lowercase hex, no separators (tshark -T fields FT_BYTES,
 * SCT log IDs). */
void nf_out_bytes_plain_hex(struct nf_out *o, const uint8_t *p, size_t n);
/* A JSON string literal, quotes included; control and non-ASCII bytes are
 * escaped as \u00XX so output is always valid UTF-8 JSON. */
void nf_out_json_str(struct nf_out *o, const char *s, size_t n);
/* Text for a terminal: printable ASCII as is, other bytes as \xNN. */
void nf_out_safe_text(struct nf_out *o, const char *s, size_t n);

/* Address formatting into a caller buffer (>= 46 bytes for IPv6). */
void nf_fmt_ipv4(char *buf, const uint8_t a[4]);
void nf_fmt_ipv6(char *buf, const uint8_t a[16]);

#endif
