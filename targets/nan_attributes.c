/* Fuzz target: a bare Wi-Fi Aware (NAN) attribute list (1-byte id, 16-bit
 * little-endian length, body), as carried by SDFs, NAFs and the NAN IE,
 * then both printers. */
#include "netfuzz/frame.h"
#include "netfuzz/print.h"
#include "netfuzz/target.h"

#include "sink.h"

NF_META(nan_attributes, mutator, "structure")
NF_META(nan_attributes, links, "none") /* only libnetfuzz-core.a: see include/netfuzz/target.h */

static struct nf_packet pkt;

NF_RECORD(nan_attributes)
{
	struct nf_cur c;

	nf_packet_reset(&pkt, -1, size, size);
	nf_cur_init(&c, data, size);
	nf_dissect_nan_attr_list(&pkt, &c);
	return 0;
}

NF_TARGET(nan_attributes, "frame", "nf_dissect_nan_attr_list()")
{
	nf_target_record(data, size);
	nf_target_sink(&pkt, data, size);
	return 0;
}
