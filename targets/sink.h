/* Shared by frame targets: run both printers over a dissected packet into
 * a discarding buffer, so formatting code is fuzzed without doing I/O. */
#ifndef NETFUZZ_TARGETS_SINK_H
#define NETFUZZ_TARGETS_SINK_H

#include "netfuzz/frame.h"
#include "netfuzz/out.h"
#include "netfuzz/print.h"
#include "netfuzz/structure.h"

static inline void nf_target_sink_packet(const struct nf_packet *pkt)
{
	static struct nf_out o;

	if (NF_REC_ON()) /* the mutator only wants the parse's structure record */
		return;
	nf_out_init(&o, -1);
	nf_print_line(&o, pkt);
	nf_print_ndjson(&o, pkt, 1);
	o.n = 0; /* discard: never flushed */
}

#endif
