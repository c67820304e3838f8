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

#endif
