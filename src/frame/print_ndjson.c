/* NDJSON printer.  Values follow what `tshark -T fields` prints: numbers
 * as numbers, hex fields ("0x0800") and addresses as strings, booleans as
 * 0/1 numbers like tshark's field output, byte strings as plain hex. */
#include "netfuzz/print.h"

#include <string.h>

void nf_print_json_value(struct nf_out *o, const struct nf_field *f)
{
	switch (f->type) {
	case NF_FT_UINT:
	case NF_FT_BOOL:
		nf_out_u64(o, f->v.u);
		break;
	case NF_FT_INT:
		nf_out_i64(o, f->v.i);
		break;
	case NF_FT_HEX:
		nf_out_str(o, "\"0x");
		nf_out_hex(o, f->v.u, f->len);
		nf_out_char(o, '"');
		break;
	case NF_FT_IPV4:
		nf_out_char(o, '"');
		nf_out_ipv4(o, f->v.addr);
		nf_out_char(o, '"');
		break;
	case NF_FT_IPV6:
		nf_out_char(o, '"');
		nf_out_ipv6(o, f->v.addr);
		nf_out_char(o, '"');
		break;
	case NF_FT_MAC:
		nf_out_char(o, '"');
		nf_out_mac(o, f->v.addr);
		nf_out_char(o, '"');
		break;
	case NF_FT_STR:
		nf_out_json_str(o, f->v.ptr, f->len);
		break;
	case NF_FT_BYTES_COLON:
		nf_out_char(o, '"');
		nf_out_bytes_hex(o, (const uint8_t *)f->v.ptr, f->len);
		nf_out_char(o, '"');
		break;
	case NF_FT_BYTES:
		/* tshark 4.x -T fields prints FT_BYTES as plain hex, no colons. */
		nf_out_char(o, '"');
		nf_out_bytes_plain_hex(o, (const uint8_t *)f->v.ptr, f->len);
		nf_out_char(o, '"');
		break;
	}
}

/* Group same-named fields in one pass: a small open-addressing table keyed
 * by name maps each name to its first and last field, and next[] chains the
 * occurrences, so output is O(fields) even for a packet with hundreds of
 * DNS records. */
/* A power of two at least twice NF_MAX_FIELDS (load factor <= 1/2). */
#define GROUP_SLOTS 2048
_Static_assert(GROUP_SLOTS >= 2 * NF_MAX_FIELDS, "grouping table too small");

struct groups {
	int16_t next[NF_MAX_FIELDS];
	bool first[NF_MAX_FIELDS];
	int16_t slot_first[GROUP_SLOTS];
	int16_t slot_last[GROUP_SLOTS];
};

static uint32_t name_hash(const char *s)
{
	uint32_t h = 2166136261u; /* FNV-1a */

	while (*s)
		h = (h ^ (uint8_t)*s++) * 16777619u;
	return h;
}

static void group_fields(const struct nf_packet *pkt, struct groups *g)
{
	unsigned size = 16, mask;

	while (size < 2u * pkt->nfields)
		size *= 2;
	mask = size - 1;
	memset(g->slot_first, 0xff, size * sizeof g->slot_first[0]);
	for (unsigned i = 0; i < pkt->nfields; i++) {
		const char *name = pkt->fields[i].name;
		unsigned h = name_hash(name) & mask;

		g->next[i] = -1;
		while (g->slot_first[h] >= 0 && pkt->fields[g->slot_first[h]].name != name &&
		       strcmp(pkt->fields[g->slot_first[h]].name, name) != 0)
			h = (h + 1) & mask;
		if (g->slot_first[h] < 0) {
			g->slot_first[h] = (int16_t)i;
			g->first[i] = true;
		} else {
			g->next[g->slot_last[h]] = (int16_t)i;
			g->first[i] = false;
		}
		g->slot_last[h] = (int16_t)i;
	}
}

void nf_print_ndjson(struct nf_out *o, const struct nf_packet *pkt, uint64_t number)
{
	struct groups g;

	nf_out_str(o, "{\"frame.number\":");
	nf_out_u64(o, number);
	nf_out_str(o, ",\"frame.len\":");
	nf_out_u64(o, pkt->wirelen);
	nf_out_str(o, ",\"frame.cap_len\":");
	nf_out_u64(o, pkt->caplen);
	nf_out_str(o, ",\"frame.protocols\":\"");
	for (unsigned i = 0; i < pkt->nlayers; i++) {
		if (i)
			nf_out_char(o, ':');
		nf_out_str(o, pkt->layers[i].proto);
	}
	nf_out_char(o, '"');

	group_fields(pkt, &g);
	for (unsigned i = 0; i < pkt->nfields; i++) {
		const struct nf_field *f = &pkt->fields[i];

		if (!g.first[i])
			continue;
		nf_out_str(o, ",\"");
		nf_out_str(o, f->name);
		nf_out_str(o, "\":");
		if (g.next[i] < 0) {
			nf_print_json_value(o, f);
			continue;
		}
		nf_out_char(o, '[');
		for (int j = (int)i; j >= 0; j = g.next[j]) {
			if (j != (int)i)
				nf_out_char(o, ',');
			nf_print_json_value(o, &pkt->fields[j]);
		}
		nf_out_char(o, ']');
	}

	/* Problems, so scripts can tell a short packet from a bad one. */
	bool any = false;
	for (unsigned i = 0; i < pkt->nlayers; i++) {
		const struct nf_layer *l = &pkt->layers[i];

		if (l->status == NF_LAYER_OK)
			continue;
		nf_out_str(o, any ? "," : ",\"_errors\":[");
		any = true;
		nf_out_str(o, "{\"proto\":\"");
		nf_out_str(o, l->proto);
		nf_out_str(o, l->status == NF_LAYER_TRUNCATED ? "\",\"kind\":\"truncated\"" : "\",\"kind\":\"malformed\"");
		nf_out_str(o, ",\"offset\":");
		nf_out_u64(o, l->err_off);
		nf_out_str(o, ",\"error\":");
		nf_out_json_str(o, l->err, strlen(l->err));
		nf_out_char(o, '}');
	}
	if (any)
		nf_out_char(o, ']');
	if (pkt->overflow)
		nf_out_str(o, ",\"_overflow\":true");
	nf_out_str(o, "}\n");
}
