/* Linux /proc/net/route and /proc/net/arp text tables.
 *
 * /proc/net/route (net/ipv4/fib_trie.c fib_route_seq_show): a header line,
 * then per IPv4 main-table route, tab-separated: Iface, Destination,
 * Gateway (the __be32 printed as a host-order %08X), Flags (%04X,
 * linux/route.h RTF_UP 0x1, RTF_GATEWAY 0x2, RTF_HOST 0x4, RTF_REJECT
 * 0x200), RefCnt, Use, Metric, Mask (%08X like the addresses), MTU, Window,
 * IRTT; lines are space-padded to 127 columns.
 *
 * /proc/net/arp (net/ipv4/arp.c arp_format_neigh_entry): a header line, then
 * "IP address  HW type  Flags  HW address  Mask  Device" columns; Flags has
 * ATF_COM 0x2 (NUD_VALID) and ATF_PERM 0x4 (NUD_PERMANENT),
 * linux/if_arp.h.
 *
 * Every line is read through the cursor; a bad line is reported and skipped
 * (the next newline resynchronises). */
#include "netfuzz/limits.h"
#include "netfuzz/util.h"
#include "rt_internal.h"

#include <string.h>

#define LNX_RTF_GATEWAY 0x0002
#define LNX_RTF_HOST 0x0004
#define LNX_RTF_REJECT 0x0200
#define ATF_COM 0x02
#define ATF_PERM 0x04

/* Carve the next line (without its '\n').  Lines longer than
 * NF_MAX_PROC_LINE_LEN are carved whole but flagged. */
static bool next_line(struct nf_cur *c, struct nf_cur *line, bool *too_long)
{
	size_t n;

	if (nf_cur_empty(c))
		return false;
	/* One search, not a call per byte: the byte loop was a third of
	 * proc_net's time under the sanitizers (docs/performance.md). */
	if (!nf_cur_find(c, "\n", 1, &n))
		n = nf_cur_len(c);
	if (!nf_cur_get_bytes(c, line, n))
		return false;
	if (!nf_cur_empty(c) && !nf_cur_skip(c, 1)) /* the newline; the last line may lack it */
		return false;
	*too_long = n > NF_MAX_PROC_LINE_LEN;
	return true;
}

static bool is_space(uint8_t ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r';
}

/* Next whitespace-separated token of a line; false at the end. */
static bool next_token(struct nf_cur *line, struct nf_cur *tok)
{
	struct nf_cur t;
	uint8_t ch;
	size_t n = 0;

	while (nf_cur_peek_u8(line, &ch) && is_space(ch) && nf_cur_skip(line, 1))
		;
	if (nf_cur_empty(line))
		return false;
	t = *line;
	while (nf_cur_get_u8(&t, &ch) && !is_space(ch))
		n++;
	return nf_cur_get_bytes(line, tok, n);
}

/* Hex (optional 0x) or decimal unsigned, whole token, at most 32 bits. */
static bool tok_uint(struct nf_cur tok, int base, uint32_t *out)
{
	uint64_t v = 0;
	uint8_t ch;
	size_t digits = 0;

	if (base == 16) { /* "0x" only before at least one digit */
		struct nf_cur t = tok;
		uint8_t a, b;

		if (nf_cur_get_u8(&t, &a) && nf_cur_get_u8(&t, &b) && a == '0' && (b == 'x' || b == 'X') &&
		    !nf_cur_empty(&t))
			tok = t;
	}
	while (nf_cur_get_u8(&tok, &ch)) {
		int d = nf_hexval(ch);

		if (d < 0 || d >= base || ++digits > (base == 16 ? 8 : 10))
			return false;
		v = v * (unsigned)base + (unsigned)d;
	}
	if (!digits || v > UINT32_MAX)
		return false;
	*out = (uint32_t)v;
	return true;
}

/* A /proc/net/route address: the __be32 printed as host-order hex.  Linux
 * hosts are little-endian here, so the first address byte is the low one. */
static bool tok_hexaddr(struct nf_cur tok, uint8_t a[4])
{
	uint32_t v;

	if (nf_cur_len(&tok) != 8 || !tok_uint(tok, 16, &v))
		return false;
	a[0] = (uint8_t)v;
	a[1] = (uint8_t)(v >> 8);
	a[2] = (uint8_t)(v >> 16);
	a[3] = (uint8_t)(v >> 24);
	return true;
}

static bool tok_dotted(struct nf_cur tok, uint8_t a[4])
{
	for (int i = 0; i < 4; i++) {
		unsigned v = 0, digits = 0;
		uint8_t ch;

		while (nf_cur_peek_u8(&tok, &ch) && ch >= '0' && ch <= '9' && nf_cur_skip(&tok, 1)) {
			v = v * 10 + (ch - '0');
			if (++digits > 3)
				return false;
		}
		if (!digits || v > 255)
			return false;
		a[i] = (uint8_t)v;
		if (i < 3 && (!nf_cur_get_u8(&tok, &ch) || ch != '.'))
			return false;
	}
	return nf_cur_empty(&tok);
}

/* "aa:bb:cc:dd:ee:ff" of any length up to NF_RT_LLADDR_MAX bytes. */
static bool tok_mac(struct nf_cur tok, struct nf_addr *ll)
{
	uint8_t hi, lo, sep;

	memset(ll, 0, sizeof *ll);
	ll->kind = NF_ADDR_LINK;
	while (!nf_cur_empty(&tok)) {
		if (ll->len >= NF_RT_LLADDR_MAX || !nf_cur_get_u8(&tok, &hi) || !nf_cur_get_u8(&tok, &lo) ||
		    nf_hexval(hi) < 0 || nf_hexval(lo) < 0)
			return false;
		ll->a[ll->len++] = (uint8_t)(nf_hexval(hi) << 4 | nf_hexval(lo));
		if (nf_cur_get_u8(&tok, &sep) && (sep != ':' || nf_cur_empty(&tok)))
			return false;
	}
	return ll->len > 0;
}

static bool starts_with(struct nf_cur line, const char *s)
{
	uint8_t ch;

	for (; *s; s++)
		if (!nf_cur_get_u8(&line, &ch) || ch != (uint8_t)*s)
			return false;
	return true;
}

typedef bool (*line_fn)(struct nf_cur *line, struct nf_rtable *t, struct nf_rt_perr *pe);

static enum nf_rt_errcode walk_lines(struct nf_cur *c, struct nf_rtable *t, struct nf_rt_error *err,
				     const char *header, const char *header_what, line_fn fn)
{
	struct nf_cur line;
	bool too_long;
	size_t rec = 0;

	nf_rt_error_init(err);
	t->os = NF_RTOS_LINUX;
	while (true) {
		size_t off = nf_cur_offset(c);
		struct nf_rt_perr pe = {0};

		if (rec >= NF_MAX_PROC_LINES) {
			nf_rt_fail(err, NF_RTE_TOO_MANY, rec, off, off, "more than NF_MAX_PROC_LINES lines", false);
			break;
		}
		if (!next_line(c, &line, &too_long))
			break;
		t->nrecords++;
		if (too_long)
			nf_rt_fail(err, NF_RTE_SYNTAX, rec, off, off, "line longer than NF_MAX_PROC_LINE_LEN", true);
		else if (rec == 0 && !starts_with(line, header))
			nf_rt_fail(err, NF_RTE_SYNTAX, rec, off, off, header_what, true);
		else if (rec > 0 && !fn(&line, t, &pe))
			nf_rt_fail(err, pe.code, rec, off, pe.at, pe.what, true);
		rec++;
	}
	return err->code;
}

static bool route_line(struct nf_cur *line, struct nf_rtable *t, struct nf_rt_perr *pe)
{
	struct nf_cur tok[11];
	struct nf_route r = {0}, *slot;
	uint32_t flags, metric;
	uint8_t mask[4];
	int n = 0;

	while (n < 11 && next_token(line, &tok[n]))
		n++;
	if (n == 0)
		return true; /* blank line */
	if (n < 8)
		return nf_rt_perr_set(pe, NF_RTE_SYNTAX, line, "fewer than 8 columns (Iface .. Mask)");
	r.family = NF_ADDR_IPV4;
	r.dst.kind = r.gw.kind = NF_ADDR_IPV4;
	r.dst.len = r.gw.len = 4;
	if (!tok_hexaddr(tok[1], r.dst.a))
		return nf_rt_perr_set(pe, NF_RTE_SYNTAX, &tok[1], "Destination is not 8 hex digits");
	if (!tok_hexaddr(tok[2], r.gw.a))
		return nf_rt_perr_set(pe, NF_RTE_SYNTAX, &tok[2], "Gateway is not 8 hex digits");
	if (!tok_uint(tok[3], 16, &flags) || flags > 0xffff)
		return nf_rt_perr_set(pe, NF_RTE_SYNTAX, &tok[3], "Flags is not 4 hex digits");
	if (!tok_uint(tok[6], 10, &metric))
		return nf_rt_perr_set(pe, NF_RTE_SYNTAX, &tok[6], "Metric is not a decimal number");
	if (!tok_hexaddr(tok[7], mask))
		return nf_rt_perr_set(pe, NF_RTE_SYNTAX, &tok[7], "Mask is not 8 hex digits");
	if (!(flags & LNX_RTF_GATEWAY))
		memset(&r.gw, 0, sizeof r.gw);
	r.prefix = nf_rt_mask_prefix(mask, 4);
	r.metric = metric;
	r.table = NF_RT_TABLE_MAIN;
	r.type = (flags & LNX_RTF_REJECT) ? NF_RTN_UNREACHABLE : NF_RTN_UNICAST;
	r.scope = (flags & LNX_RTF_GATEWAY) ? 0 : 253; /* RT_SCOPE_UNIVERSE / RT_SCOPE_LINK */
	if (!(nf_cur_len(&tok[0]) == 1 && starts_with(tok[0], "*")))
		nf_rt_copy_name(r.ifname, &tok[0]);
	if ((slot = nf_rtable_add_route(t)))
		*slot = r;
	return true;
}

static bool arp_line(struct nf_cur *line, struct nf_rtable *t, struct nf_rt_perr *pe)
{
	struct nf_cur tok[6];
	struct nf_neigh n = {0}, *slot;
	uint32_t hwtype, flags;
	int k = 0;

	while (k < 6 && next_token(line, &tok[k]))
		k++;
	if (k == 0)
		return true;
	if (k < 6)
		return nf_rt_perr_set(pe, NF_RTE_SYNTAX, line, "fewer than 6 columns (IP address .. Device)");
	n.ip.kind = NF_ADDR_IPV4;
	n.ip.len = 4;
	if (!tok_dotted(tok[0], n.ip.a))
		return nf_rt_perr_set(pe, NF_RTE_SYNTAX, &tok[0], "IP address is not a dotted quad");
	if (!tok_uint(tok[1], 16, &hwtype) || !tok_uint(tok[2], 16, &flags))
		return nf_rt_perr_set(pe, NF_RTE_SYNTAX, &tok[1], "HW type / Flags are not 0x hex numbers");
	if (!tok_mac(tok[3], &n.lladdr))
		return nf_rt_perr_set(pe, NF_RTE_SYNTAX, &tok[3], "HW address is not colon-separated hex");
	nf_rt_copy_name(n.ifname, &tok[5]);
	n.state = (flags & ATF_PERM) ? NF_NUD_PERMANENT : (flags & ATF_COM) ? NF_NUD_REACHABLE : NF_NUD_INCOMPLETE;
	if (!(flags & ATF_COM))
		n.lladdr.len = 0; /* an incomplete entry prints 00:00:00:00:00:00 */
	if ((slot = nf_rtable_add_neigh(t)))
		*slot = n;
	return true;
}

enum nf_rt_errcode nf_route_decode_proc_route(struct nf_cur *c, struct nf_rtable *t, struct nf_rt_error *err)
{
	return walk_lines(c, t, err, "Iface", "first line is not the /proc/net/route header (Iface ...)", route_line);
}

enum nf_rt_errcode nf_route_decode_proc_arp(struct nf_cur *c, struct nf_rtable *t, struct nf_rt_error *err)
{
	return walk_lines(c, t, err, "IP address", "first line is not the /proc/net/arp header (IP address ...)",
			  arp_line);
}
