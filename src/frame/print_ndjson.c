/* NDJSON printer.  Values follow what `tshark -T fields` prints: numbers
 * as numbers, hex fields ("0x0800") and addresses as strings, booleans as
 * 0/1 numbers like tshark's field output, byte strings as plain hex.
 * Commas and escaping are the streaming writer's job (src/core/jsonw.c);
 * member keys come ready-quoted from the field descriptors. */
#include "netfuzz/jsonw.h"
#include "netfuzz/print.h"

#include <string.h>

static void value(struct nf_jw *w, const struct nf_field *f)
{
	switch (f->type) {
	case NF_FT_UINT:
	case NF_FT_BOOL:
		nf_jw_uint(w, f->v.u);
		break;
	case NF_FT_INT:
		nf_jw_int(w, f->v.i);
		break;
	case NF_FT_HEX:
		nf_jw_hex_str(w, f->v.u, f->len);
		break;
	case NF_FT_IPV4:
		nf_jw_ipv4(w, f->v.addr);
		break;
	case NF_FT_IPV6:
		nf_jw_ipv6(w, f->v.addr);
		break;
	case NF_FT_MAC:
		nf_jw_mac(w, f->v.addr);
		break;
	case NF_FT_STR:
		nf_jw_str(w, f->v.ptr, f->len);
		break;
	case NF_FT_BYTES_COLON:
		nf_jw_bytes_hex(w, (const uint8_t *)f->v.ptr, f->len, true);
		break;
	case NF_FT_BYTES:
		/* tshark 4.x -T fields prints FT_BYTES as plain hex, no colons. */
		nf_jw_bytes_hex(w, (const uint8_t *)f->v.ptr, f->len, false);
		break;
	}
}

void nf_print_json_value(struct nf_out *o, const struct nf_field *f)
{
	struct nf_jw w;

	nf_jw_init(&w, o);
	value(&w, f);
}

/* Same-named fields become one array, in packet order.  Field ids index
 * a table of first/last occurrence directly (no hashing, no string
 * compare); next[] chains the occurrences.  The table lives on the stack
 * and only first[] is cleared (under 1 KiB), so the printer keeps no
 * state between packets. */
struct groups {
	int16_t next[NF_MAX_FIELDS];
	int16_t first[NFF__COUNT]; /* -1: not seen in this packet */
	int16_t last[NFF__COUNT];
};

void nf_print_ndjson(struct nf_out *o, const struct nf_packet *pkt, uint64_t number)
{
	struct groups gs, *g = &gs;
	struct nf_jw w;
	bool any = false;

	nf_jw_init(&w, o);
	nf_jw_object_begin(&w);
	nf_jw_key_raw(&w, "\"frame.number\":", 15);
	nf_jw_uint(&w, number);
	nf_jw_key_raw(&w, "\"frame.len\":", 12);
	nf_jw_uint(&w, pkt->wirelen);
	nf_jw_key_raw(&w, "\"frame.cap_len\":", 16);
	nf_jw_uint(&w, pkt->caplen);
	/* Protocol names are static identifiers (fields.def): no escaping. */
	nf_jw_key_raw(&w, "\"frame.protocols\":", 18);
	if (nf_jw_str_open(&w)) {
		for (unsigned i = 0; i < pkt->nlayers; i++) {
			const struct nf_fdesc *pd = &nf_protos[pkt->layers[i].pid];

			if (i)
				nf_out_char(o, ':');
			nf_out_mem(o, pd->name, pd->name_len);
		}
		nf_jw_str_close(&w);
	}

	memset(g->first, 0xff, sizeof g->first);
	for (unsigned i = 0; i < pkt->nfields; i++) {
		unsigned id = pkt->fields[i].fid;

		g->next[i] = -1;
		if (g->first[id] < 0)
			g->first[id] = (int16_t)i;
		else
			g->next[g->last[id]] = (int16_t)i;
		g->last[id] = (int16_t)i;
	}
	for (unsigned i = 0; i < pkt->nfields; i++) {
		const struct nf_field *f = &pkt->fields[i];
		const struct nf_fdesc *fd = &nf_fields[f->fid];

		if (g->first[f->fid] != (int16_t)i)
			continue;
		nf_jw_key_raw(&w, fd->key, fd->key_len);
		if (g->next[i] < 0) {
			value(&w, f);
			continue;
		}
		nf_jw_array_begin(&w);
		for (int j = (int)i; j >= 0; j = g->next[j])
			value(&w, &pkt->fields[j]);
		nf_jw_array_end(&w);
	}
	/* Problems, so scripts can tell a short packet from a bad one. */
	for (unsigned i = 0; i < pkt->nlayers; i++) {
		const struct nf_layer *l = &pkt->layers[i];

		if (l->status == NF_LAYER_OK)
			continue;
		if (!any) {
			nf_jw_key_raw(&w, "\"_errors\":", 10);
			nf_jw_array_begin(&w);
			any = true;
		}
		nf_jw_object_begin(&w);
		nf_jw_key_raw(&w, "\"proto\":", 8);
		nf_jw_str(&w, l->proto, strlen(l->proto));
		nf_jw_key_raw(&w, "\"kind\":", 7);
		nf_jw_str(&w, l->status == NF_LAYER_TRUNCATED ? "truncated" : "malformed",
			  9);
		nf_jw_key_raw(&w, "\"offset\":", 9);
		nf_jw_uint(&w, l->err_off);
		nf_jw_key_raw(&w, "\"error\":", 8);
		nf_jw_str(&w, l->err, strlen(l->err));
		nf_jw_object_end(&w);
	}
	if (any)
		nf_jw_array_end(&w);
	if (pkt->overflow) {
		nf_jw_key_raw(&w, "\"_overflow\":", 12);
		nf_jw_bool(&w, true);
	}
	nf_jw_object_end(&w);
	nf_jw_newline(&w);
}
