/* Packet counts per protocol for `netfuzz dissect --stats`: one increment
 * per layer indexed by protocol id (fields.h), no name compare; `order`
 * keeps first-seen order for output.  JSON goes through the streaming
 * writer (src/core/jsonw.c), which places the commas and escapes the
 * protocol names as for per-packet NDJSON. */
#include "netfuzz/jsonw.h"
#include "netfuzz/print.h"

#include <stdio.h>

void nf_stats_add(struct nf_stats *st, const struct nf_packet *pkt)
{
	bool trunc = false, bad = false;

	st->packets++;
	for (unsigned i = 0; i < pkt->nlayers; i++) {
		unsigned pid = pkt->layers[i].pid;

		trunc |= pkt->layers[i].status == NF_LAYER_TRUNCATED;
		bad |= pkt->layers[i].status == NF_LAYER_MALFORMED;
		if (st->count[pid]++ == 0)
			st->order[st->n++] = (uint8_t)pid;
	}
	st->truncated += trunc;
	st->malformed += bad;
	st->overflow += pkt->overflow;
}

static void print_json(struct nf_out *o, const struct nf_stats *st)
{
	struct nf_jw w;

	nf_jw_init(&w, o);
	nf_jw_object_begin(&w);
	nf_jw_key(&w, "packets", 7);
	nf_jw_uint(&w, st->packets);
	nf_jw_key(&w, "truncated", 9);
	nf_jw_uint(&w, st->truncated);
	nf_jw_key(&w, "malformed", 9);
	nf_jw_uint(&w, st->malformed);
	nf_jw_key(&w, "protocols", 9);
	nf_jw_object_begin(&w);
	for (unsigned k = 0; k < st->n; k++) {
		const struct nf_fdesc *d = &nf_protos[st->order[k]];

		nf_jw_key(&w, d->name, d->name_len);
		nf_jw_uint(&w, st->count[st->order[k]]);
	}
	nf_jw_object_end(&w);
	nf_jw_object_end(&w);
	nf_jw_newline(&w);
}

void nf_stats_print(struct nf_out *o, const struct nf_stats *st, bool json)
{
	char line[128];

	if (json) {
		print_json(o, st);
		return;
	}
	snprintf(line, sizeof line, "%-12s %12llu\n", "packets", (unsigned long long)st->packets);
	nf_out_str(o, line);
	for (unsigned k = 0; k < st->n; k++) {
		snprintf(line, sizeof line, "%-12s %12llu\n", nf_protos[st->order[k]].name,
			 (unsigned long long)st->count[st->order[k]]);
		nf_out_str(o, line);
	}
	snprintf(line, sizeof line, "%-12s %12llu\n%-12s %12llu\n", "truncated",
		 (unsigned long long)st->truncated, "malformed", (unsigned long long)st->malformed);
	nf_out_str(o, line);
}
