/* Shared by frame targets: run both printers over a dissected packet into
 * a discarding buffer, so formatting code is fuzzed without doing I/O.
 *
 * NF_SINK_EVERY=N prints only a deterministic 1 in N of inputs, chosen by a
 * hash of the input's size and 16 of its bytes: the same input is always
 * chosen or not.  The Makefile sets N=8 for fuzzing builds (libFuzzer, AFL++,
 * OSS-Fuzz) and leaves the default, every input, for replay builds, which
 * print a superset, so a printer crash a campaign finds reproduces on
 * replay.  Why 8: docs/performance.md (a 10-minute comparison gave 1.7x
 * exec/s and no less coverage than printing every input). */
#ifndef NETFUZZ_TARGETS_SINK_H
#define NETFUZZ_TARGETS_SINK_H

#include <stddef.h>
#include <stdint.h>

#include "netfuzz/frame.h"
#include "netfuzz/out.h"
#include "netfuzz/print.h"

#ifndef NF_SINK_EVERY
#define NF_SINK_EVERY 1
#endif

/* Whether this input's packets go through the printers. */
static inline int nf_target_sink_selected(const uint8_t *data, size_t size)
{
	uint32_t h = 2166136261u ^ (uint32_t)size;

	if (NF_SINK_EVERY <= 1)
		return 1;
	for (size_t i = 0; i < 16 && size; i++) /* FNV-1a over 16 spread bytes */
		h = (h ^ data[i * size / 16]) * 16777619u;
	return h % NF_SINK_EVERY == 0;
}

static inline void nf_target_sink_packet(const struct nf_packet *pkt)
{
	static struct nf_out o;

	nf_out_init(&o, -1);
	nf_print_line(&o, pkt);
	nf_print_ndjson(&o, pkt, 1);
	o.n = 0; /* discard: never flushed */
}

/* The targets' call: print this input's packet if the input is chosen. */
static inline void nf_target_sink(const struct nf_packet *pkt, const uint8_t *data, size_t size)
{
	if (nf_target_sink_selected(data, size))
		nf_target_sink_packet(pkt);
}

#endif
