/* The text operation: edits inside a recorded string.  Host-name matching
 * (RFC 6125 6.4, RFC 5280 4.2.1.6, RFC 1035 2.3.1) turns on single
 * characters and labels: where the '*' is, how many labels there are, a
 * trailing dot, an "xn--" A-label, a NUL or an 8-bit byte inside, an IP
 * literal where a dNSName belongs.  Byte mutation reaches these only by
 * luck, and any change of length inside a certificate also needs up to
 * seven enclosing DER lengths right (GeneralName, GeneralNames, OCTET
 * STRING, Extension, Extensions, [3], TBSCertificate, Certificate), which
 * the caller's repair does from the record.
 *
 * A string is a live span that a length relation describes, holds no other
 * span, and is printable ASCII (1..255 bytes): DER IA5String, dNSName,
 * UTF8String and PrintableString contents, DNS labels, SNI host names.  No
 * format knowledge is needed to find one. */
#include "text.h"

#include "dict.h"
#include "edit.h"

#include <string.h>

#define TEXT_MAX 255   /* longest string edited (a DNS name's bound) */
#define TEXT_GROW 24   /* longest insertion: short DER lengths stay short */

struct trng {
	uint64_t s;
};
static uint64_t next(struct trng *g) /* splitmix64, as mutate.c */
{
	uint64_t z = (g->s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}
static size_t pick(struct trng *g, size_t n) { return n ? (size_t)(next(g) % n) : 0; }

static bool printable(const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] < 0x20 || p[i] > 0x7e)
			return false;
	return true;
}

static bool is_leaf(const struct nf_rec *r, int x)
{
	const struct nf_span *s = &r->span[x];

	for (uint32_t j = 0; j < r->nspans; j++) {
		const struct nf_span *t = &r->span[j];

		if ((int)j == x || t->dead || (t->off == s->off && t->len == s->len))
			continue;
		if (t->off >= s->off && (size_t)t->off + t->len <= (size_t)s->off + s->len)
			return false;
	}
	return true;
}

/* A string span, tried from random length relations.  One time in two
 * the first string with a dot in it is taken, if the 24 tries meet one:
 * the label and host-name edits below are about dotted names, and a
 * certificate holds more other strings (name attributes, UTCTime) than
 * dNSNames.  With it and the "*.$" corner, a one-label wildcard SAN such
 * as "*.test" (RFC 6125 6.4.3) comes in 0.4-0.8% of text edits on the leaf
 * seeds, 0.2-0.35% before (tests/unit/test_mutate.c). */
static int find_string(struct trng *g, const struct nf_edit *e)
{
	const struct nf_rec *r = e->rec;
	bool dotted = pick(g, 2);
	int first = -1;

	for (int tries = 0; tries < 24 && r->nrels; tries++) {
		const struct nf_rel *l = &r->rel[pick(g, r->nrels)];
		const struct nf_span *s;

		if (l->dead || l->kind != NF_REL_LENGTH || l->span < 0 || (uint32_t)l->span >= r->nspans)
			continue;
		s = &r->span[l->span];
		if (s->dead || !s->len || s->len > TEXT_MAX || (size_t)s->off + s->len > e->size)
			continue;
		if (!printable(e->data + s->off, s->len) || !is_leaf(r, l->span))
			continue;
		if (!dotted || memchr(e->data + s->off, '.', s->len))
			return l->span;
		if (first < 0)
			first = l->span;
	}
	return first;
}

/* The corners (RFC 6125 6.4.3 wildcard rules, RFC 5890 A-labels,
 * RFC 1034 3.1 absolute names, RFC 5280 4.2.1.6 iPAddress vs dNSName).
 * A "%" is replaced by the string's own first label, "#" by the string
 * without its first label (its parent domain, no leading dot), "$" by its
 * last label. */
static const char *const corners[] = {
	"*.#",        /* a wildcard over the parent: *.example.test */
	"*",          /* a lone wildcard */
	"*.",         /* a wildcard and nothing */
	"*.*.#",      /* two wildcards */
	"%*.#",       /* a partial-label wildcard: www*.example.test */
	"*%.#",       /* *www.example.test */
	"%.*.#",      /* a wildcard not in the left-most label */
	"%",          /* a single label */
	"*.%",        /* a wildcard over a single label (a public suffix) */
	"*.$",        /* a wildcard over the last label (a top-level domain: *.test) */
	"%.#.",       /* a trailing dot */
	".%.#",       /* an empty first label */
	"%..#",       /* an empty label inside */
	"xn--%.#",    /* an A-label */
	"*.xn--%.#",  /* a wildcard over an A-label */
	"xn--*.#",    /* a wildcard inside an A-label */
	"%\x01.#",    /* a control byte (NUL comes separately) */
	"192.0.2.1",  /* an IPv4 literal where a host name belongs */
	"[::1]",      /* an IPv6 literal */
	"::1",
	"127.0.0.1.#",
	"%.#:443",    /* a port */
	"%@#",
	"%.#/",
	"%%.#",
};

/* Expand a corner into out (at most cap bytes); returns the length. */
static size_t expand(const char *pat, const uint8_t *s, size_t n, uint8_t *out, size_t cap)
{
	const uint8_t *dot = memchr(s, '.', n);
	size_t first = dot ? (size_t)(dot - s) : n, o = 0;
	const uint8_t *rest = dot ? dot + 1 : s + n;
	size_t restn = dot ? n - first - 1 : 0, lastn = 0;

	while (lastn < n && s[n - 1 - lastn] != '.')
		lastn++;
	for (const char *p = pat; *p && o < cap; p++) {
		const uint8_t *src = (const uint8_t *)p;
		size_t k = 1;

		if (*p == '%')
			src = s, k = first ? first : 1;
		else if (*p == '#')
			src = rest, k = restn;
		else if (*p == '$')
			src = s + n - lastn, k = lastn ? lastn : 1;
		if ((*p == '%' && !first) || (*p == '$' && !lastn))
			src = (const uint8_t *)"a";
		if (k > cap - o)
			k = cap - o;
		memcpy(out + o, src, k);
		o += k;
	}
	return o;
}

/* [a, b) of the label holding position at: between dots (or the ends). */
static void label_at(const uint8_t *s, size_t n, size_t at, size_t *a, size_t *b)
{
	*a = at;
	while (*a > 0 && s[*a - 1] != '.')
		--*a;
	*b = at;
	while (*b < n && s[*b] != '.')
		++*b;
}

bool nf_mut_text(struct nf_edit *e, const struct nf_dict *d, uint64_t seed)
{
	static const uint8_t chars[] = {'a', 'z', '0', '9', '-', '.', '*', '_', 'A', ' ', 0x00, 0xff, 0x80, 0xc3, '@', '/'};
	struct trng g = {.s = seed};
	int x = find_string(&g, e);
	const struct nf_span *sp;
	uint8_t cur[TEXT_MAX], rep[TEXT_MAX + TEXT_GROW + 8];
	size_t n, at, a, b, k = 0, from, to;

	if (x < 0)
		return false;
	sp = &e->rec->span[x];
	n = sp->len;
	memcpy(cur, e->data + sp->off, n);
	at = pick(&g, n);
	label_at(cur, n, at, &a, &b);
	/* Each case sets [from, to) of the string and its replacement rep[0..k).
	 * The replaced range is never empty (a pure insertion would join the
	 * span that ends where it starts), so an insertion rewrites one byte
	 * as itself plus the new ones. */
	switch (pick(&g, 8)) {
	case 0: /* insert a character before `at` */
		rep[0] = chars[pick(&g, sizeof chars)];
		rep[1] = cur[at];
		from = at, to = at + 1, k = 2;
		break;
	case 1: /* delete a character (never the last: the string keeps a byte) */
		if (n < 2)
			return false;
		from = at, to = at + 1, k = 0;
		break;
	case 2: /* replace a character */
		rep[0] = chars[pick(&g, sizeof chars)];
		from = at, to = at + 1, k = 1;
		break;
	case 3: /* delete a label with one of its dots */
		if (a == 0 && b == n)
			return false;
		from = a, to = b < n ? b + 1 : b;
		if (b == n)
			from = a - 1; /* the last label: the dot before it */
		k = 0;
		break;
	case 4: /* duplicate a label: "www.x" -> "www.www.x" */
		if (b - a + 1 > TEXT_GROW || a == b)
			return false;
		memcpy(rep, cur + a, b - a);
		rep[b - a] = '.';
		rep[b - a + 1] = cur[a];
		from = a, to = a + 1, k = b - a + 2;
		break;
	case 5: { /* replace a label by a wildcard-ish one */
		static const char *const labels[] = {"*", "*a", "a*", "xn--", "xn--*", "a", "", "**", "-", "a-", "0"};
		const char *l = labels[pick(&g, sizeof labels / sizeof *labels)];

		k = strlen(l);
		memcpy(rep, l, k);
		from = a, to = b;
		if (from == to) { /* an empty label: rewrite its dot as the label and the dot */
			if (to >= n)
				return false;
			rep[k++] = cur[to];
			to++;
		}
		break;
	}
	case 6: /* the whole string as a corner of itself */
		k = expand(corners[pick(&g, sizeof corners / sizeof *corners)], cur, n, rep, n + TEXT_GROW);
		from = 0, to = n;
		if (pick(&g, 4) == 0 && k + 2 <= n + TEXT_GROW) { /* a NUL inside: "a\0.evil" style */
			size_t z = pick(&g, k + 1);
			memmove(rep + z + 1, rep + z, k - z);
			rep[z] = 0;
			k++;
		}
		break;
	default: /* a dictionary value for the string or one label */
		if (!d || !d->n) {
			k = expand(corners[pick(&g, sizeof corners / sizeof *corners)], cur, n, rep, n + TEXT_GROW);
			from = 0, to = n;
			break;
		}
		{
			size_t i = pick(&g, d->n);

			k = d->len[i] < n + TEXT_GROW ? d->len[i] : n + TEXT_GROW;
			memcpy(rep, d->val[i], k);
		}
		if (pick(&g, 2))
			from = 0, to = n;
		else
			from = a, to = b > a ? b : (b < n ? b + 1 : b);
		if (from == to)
			return false;
		break;
	}
	if (to > n || from >= to || k > sizeof rep || (to - from == k && !memcmp(cur + from, rep, k)))
		return false;
	if (from == 0 && to == n && k == 0)
		return false; /* an empty string cannot be edited again */
	return nf_edit_splice(e, sp->off + from, sp->off + to, rep, k, -1);
}
