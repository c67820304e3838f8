/* Streaming JSON writer (include/netfuzz/jsonw.h). */
#include "netfuzz/jsonw.h"

void nf_jw_init(struct nf_jw *w, struct nf_out *o)
{
	w->o = o;
	w->depth = 0;
	w->nonempty = 0;
	w->after_key = false;
	w->failed = false;
}

/* Before any value or key: the separating comma, if one is due. */
static void sep(struct nf_jw *w)
{
	uint32_t bit = 1u << w->depth;

	if (w->after_key) {
		w->after_key = false;
		return;
	}
	if (w->nonempty & bit)
		nf_out_char(w->o, ',');
	w->nonempty |= bit;
}

static void jw_open(struct nf_jw *w, char ch)
{
	if (w->failed)
		return;
	if (w->depth + 1 >= NF_JW_MAX_DEPTH) {
		w->failed = true;
		return;
	}
	sep(w);
	nf_out_char(w->o, ch);
	w->depth++;
	w->nonempty &= ~(1u << w->depth);
}

static void jw_close(struct nf_jw *w, char ch)
{
	if (w->failed)
		return;
	if (w->depth == 0 || w->after_key) {
		w->failed = true;
		return;
	}
	w->depth--;
	nf_out_char(w->o, ch);
}

void nf_jw_object_begin(struct nf_jw *w) { jw_open(w, '{'); }
void nf_jw_object_end(struct nf_jw *w) { jw_close(w, '}'); }
void nf_jw_array_begin(struct nf_jw *w) { jw_open(w, '['); }
void nf_jw_array_end(struct nf_jw *w) { jw_close(w, ']'); }

void nf_jw_key(struct nf_jw *w, const char *k, size_t n)
{
	if (w->failed)
		return;
	sep(w);
	nf_out_json_str(w->o, k, n);
	nf_out_char(w->o, ':');
	w->after_key = true;
}

void nf_jw_key_raw(struct nf_jw *w, const char *quoted_colon, size_t n)
{
	if (w->failed)
		return;
	sep(w);
	nf_out_mem(w->o, quoted_colon, n);
	w->after_key = true;
}

void nf_jw_uint(struct nf_jw *w, uint64_t v)
{
	if (w->failed)
		return;
	sep(w);
	nf_out_u64(w->o, v);
}

void nf_jw_int(struct nf_jw *w, int64_t v)
{
	if (w->failed)
		return;
	sep(w);
	nf_out_i64(w->o, v);
}

void nf_jw_bool(struct nf_jw *w, bool v)
{
	if (w->failed)
		return;
	sep(w);
	if (v)
		nf_out_mem(w->o, "true", 4);
	else
		nf_out_mem(w->o, "false", 5);
}

void nf_jw_str(struct nf_jw *w, const char *s, size_t n)
{
	if (w->failed)
		return;
	sep(w);
	nf_out_json_str(w->o, s, n);
}

bool nf_jw_str_open(struct nf_jw *w)
{
	if (w->failed)
		return false;
	sep(w);
	nf_out_char(w->o, '"');
	return true;
}

void nf_jw_str_close(struct nf_jw *w)
{
	if (!w->failed)
		nf_out_char(w->o, '"');
}

void nf_jw_hex_str(struct nf_jw *w, uint64_t v, int min_digits)
{
	if (!nf_jw_str_open(w))
		return;
	nf_out_mem(w->o, "0x", 2);
	nf_out_hex(w->o, v, min_digits);
	nf_out_char(w->o, '"');
}

void nf_jw_ipv4(struct nf_jw *w, const uint8_t a[4])
{
	if (!nf_jw_str_open(w))
		return;
	nf_out_ipv4(w->o, a);
	nf_out_char(w->o, '"');
}

void nf_jw_ipv6(struct nf_jw *w, const uint8_t a[16])
{
	if (!nf_jw_str_open(w))
		return;
	nf_out_ipv6(w->o, a);
	nf_out_char(w->o, '"');
}

void nf_jw_mac(struct nf_jw *w, const uint8_t a[6])
{
	if (!nf_jw_str_open(w))
		return;
	nf_out_mac(w->o, a);
	nf_out_char(w->o, '"');
}

void nf_jw_bytes_hex(struct nf_jw *w, const uint8_t *p, size_t n, bool colons)
{
	if (!nf_jw_str_open(w))
		return;
	if (colons)
		nf_out_bytes_hex(w->o, p, n);
	else
		nf_out_bytes_plain_hex(w->o, p, n);
	nf_out_char(w->o, '"');
}

void nf_jw_newline(struct nf_jw *w)
{
	if (w->depth != 0 || w->after_key)
		w->failed = true;
	nf_out_char(w->o, '\n');
	w->depth = 0;
	w->nonempty = 0;
	w->after_key = false;
}
