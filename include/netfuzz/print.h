/* Printers over the frame model: one line per packet (tcpdump -n style) and
 * NDJSON with Wireshark display-filter field names. */
#ifndef NETFUZZ_PRINT_H
#define NETFUZZ_PRINT_H

#include "netfuzz/frame.h"
#include "netfuzz/out.h"

/* One line (newline included), like `tcpdump -n` without the timestamp. */
void nf_print_line(struct nf_out *o, const struct nf_packet *pkt);
/* One NDJSON object (newline included).  `number` is frame.number (1-based).
 * A field present several times becomes an array in packet order. */
void nf_print_ndjson(struct nf_out *o, const struct nf_packet *pkt, uint64_t number);
/* One field's value as JSON. */
void nf_print_json_value(struct nf_out *o, const struct nf_field *f);

/* Packet counts per protocol (stats.c, `netfuzz dissect --stats`): zero
 * it, add every packet (a layers_only dissection is enough), print. */
struct nf_stats {
	uint64_t packets, truncated, malformed, overflow;
	unsigned n;                   /* protocols seen */
	uint8_t order[NFP__COUNT];    /* their ids, in first-seen order */
	uint64_t count[NFP__COUNT];   /* layers per protocol id */
};
void nf_stats_add(struct nf_stats *st, const struct nf_packet *pkt);
/* A "name count" table, or one JSON object {packets, truncated,
 * malformed, protocols: {name: count}} and a newline. */
void nf_stats_print(struct nf_out *o, const struct nf_stats *st, bool json);

#endif
