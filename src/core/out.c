/* Buffered output (include/netfuzz/out.h). */
/* Fuzz builds (NF_OUT_OUTOFLINE): the inline helpers of out.h are defined
 * here, once. */
#define NF_OUT_DEFINE
#include "netfuzz/out.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

static const char hexdig[] = "0123456789abcdef";

void nf_out_init(struct nf_out *o, int fd)
{
	o->fd = fd;
	o->failed = false;
	o->n = 0;
}

bool nf_out_flush(struct nf_out *o)
{
	size_t done = 0;

	if (o->fd < 0) { /* a discarding sink (fuzz targets) */
		o->n = 0;
		return true;
	}
	while (done < o->n && !o->failed) {
		ssize_t w = write(o->fd, o->buf + done, o->n - done);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			o->failed = true;
		else
			done += (size_t)w;
	}
	o->n = 0;
	return !o->failed;
}

void nf_out_mem_slow(struct nf_out *o, const void *p, size_t n)
{
	const char *s = p;

	if (o->n == NF_OUT_BUF)
		nf_out_flush(o);
	while (n) {
		size_t room = NF_OUT_BUF - o->n, k = n < room ? n : room;

		memcpy(o->buf + o->n, s, k);
		o->n += k;
		s += k;
		n -= k;
		if (o->n == NF_OUT_BUF)
			nf_out_flush(o);
	}
}

/* Digits written straight into the buffer, right to left. */
void nf_out_u64(struct nf_out *o, uint64_t v)
{
	char tmp[20], *end = tmp + sizeof tmp, *p = end;

	if (v < 10) {
		nf_out_char(o, (char)('0' + v));
		return;
	}
	do {
		*--p = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	nf_out_mem(o, p, (size_t)(end - p));
}

void nf_out_i64(struct nf_out *o, int64_t v)
{
	if (v < 0) {
		nf_out_char(o, '-');
		nf_out_u64(o, (uint64_t)0 - (uint64_t)v);
	} else {
		nf_out_u64(o, (uint64_t)v);
	}
}

void nf_out_hex(struct nf_out *o, uint64_t v, int min_digits)
{
	char tmp[20];
	int i = sizeof tmp;

	do {
		tmp[--i] = hexdig[v & 15];
		v >>= 4;
		min_digits--;
	} while ((v || min_digits > 0) && i > 0);
	nf_out_mem(o, tmp + i, sizeof tmp - (size_t)i);
}

/* Dotted quad; returns the length written (NUL not counted). */
static size_t fmt_ipv4(char *buf, const uint8_t a[4])
{
	char *p = buf;

	for (int i = 0; i < 4; i++) {
		uint8_t b = a[i];

		if (i)
			*p++ = '.';
		if (b >= 100)
			*p++ = (char)('0' + b / 100);
		if (b >= 10)
			*p++ = (char)('0' + b / 10 % 10);
		*p++ = (char)('0' + b % 10);
	}
	*p = 0;
	return (size_t)(p - buf);
}

void nf_fmt_ipv4(char *buf, const uint8_t a[4])
{
	fmt_ipv4(buf, a);
}

/* RFC 5952 text, written by hand (no inet_ntop/printf per packet) and
 * byte-identical to glibc's inet_ntop, which tcpdump and tshark print:
 * section 4.1 no leading zeros; 4.2 the longest run of two or more zero
 * groups becomes "::", the first on a tie; 4.3 lowercase; section 5 the
 * IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible (::a.b.c.d, six zero
 * groups) forms end in dotted quad, as glibc prints them.  Returns the length written (< 46). */
static size_t fmt_ipv6(char *buf, const uint8_t a[16])
{
	unsigned w[8];
	int best = -1, best_len = 0;
	char *p = buf;

	for (int i = 0; i < 8; i++)
		w[i] = (unsigned)a[2 * i] << 8 | a[2 * i + 1];
	for (int i = 0; i < 8;) {
		int j = i;

		while (j < 8 && w[j] == 0)
			j++;
		if (j - i > best_len && j - i >= 2) {
			best = i;
			best_len = j - i;
		}
		i = j == i ? i + 1 : j;
	}
	for (int i = 0; i < 8; i++) {
		if (i == best) {
			*p++ = ':';
			if (i == 0)
				*p++ = ':';
			i += best_len - 1;
			continue;
		}
		if (best == 0 && i == 6 && (best_len == 6 || (best_len == 5 && w[5] == 0xffff))) {
			return (size_t)(p - buf) + fmt_ipv4(p, a + 12);
		}
		for (int s = 12; s >= 0; s -= 4)
			if ((w[i] >> s) || s == 0)
				*p++ = hexdig[(w[i] >> s) & 15];
		if (i < 7)
			*p++ = ':';
	}
	*p = 0;
	return (size_t)(p - buf);
}

void nf_fmt_ipv6(char *buf, const uint8_t a[16])
{
	fmt_ipv6(buf, a);
}

void nf_out_ipv4(struct nf_out *o, const uint8_t a[4])
{
	o->n += fmt_ipv4(nf_out_reserve(o, 16), a);
}

void nf_out_ipv6(struct nf_out *o, const uint8_t a[16])
{
	o->n += fmt_ipv6(nf_out_reserve(o, 48), a);
}

void nf_out_mac(struct nf_out *o, const uint8_t a[6])
{
	nf_out_bytes_hex(o, a, 6);
}

void nf_out_bytes_hex(struct nf_out *o, const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char *q = nf_out_reserve(o, 3);

		if (i)
			*q++ = ':';
		q[0] = hexdig[p[i] >> 4];
		q[1] = hexdig[p[i] & 15];
		o->n += i ? 3 : 2;
	}
}

void nf_out_bytes_plain_hex(struct nf_out *o, const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char *q = nf_out_reserve(o, 2);

		q[0] = hexdig[p[i] >> 4];
		q[1] = hexdig[p[i] & 15];
		o->n += 2;
	}
}

void nf_out_json_str(struct nf_out *o, const char *s, size_t n)
{
	nf_out_char(o, '"');
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];

		if (ch == '"' || ch == '\\') {
			nf_out_char(o, '\\');
			nf_out_char(o, (char)ch);
		} else if (ch < 0x20 || ch >= 0x7f) {
			nf_out_str(o, "\\u00");
			nf_out_char(o, hexdig[ch >> 4]);
			nf_out_char(o, hexdig[ch & 15]);
		} else {
			nf_out_char(o, (char)ch);
		}
	}
	nf_out_char(o, '"');
}

void nf_out_safe_text(struct nf_out *o, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];

		if (ch >= 0x20 && ch < 0x7f && ch != '\\') {
			nf_out_char(o, (char)ch);
		} else {
			nf_out_str(o, "\\x");
			nf_out_char(o, hexdig[ch >> 4]);
			nf_out_char(o, hexdig[ch & 15]);
		}
	}
}
