/* Fuzz target: one raw IP packet (LINKTYPE_RAW: the version nibble picks
 * IPv4 or IPv6) through the dissector chain, then both printers. */
#include "netfuzz/frame.h"
#include "netfuzz/target.h"

#include "sink.h"

NF_META(frame_raw_ip, seed, "layer ip ipv6") /* netfuzz corpus import: what one packet becomes */
NF_TARGET(frame_raw_ip, "frame", "nf_dissect(LINKTYPE_RAW)")
{
	static struct nf_packet pkt;

	nf_dissect(&pkt, NF_LINKTYPE_RAW, data, size, size);
	nf_target_sink(&pkt, data, size);
	return 0;
}
