/* Fuzz target: one raw IP packet (LINKTYPE_RAW: the version nibble picks
 * IPv4 or IPv6) through the dissector chain, then both printers. */
#include "netfuzz/frame.h"
#include "netfuzz/oracle.h"
#include "netfuzz/target.h"

#include "sink.h"

NF_META(frame_raw_ip, mutator, "structure")
NF_META(frame_raw_ip, oracles, "frame-bpf")
NF_META(frame_raw_ip, libraries, "libpcap")
NF_META(frame_raw_ip, seed, "layer ip ipv6") /* netfuzz corpus import: what one packet becomes */

static struct nf_packet pkt;

NF_RECORD(frame_raw_ip)
{
	nf_dissect(&pkt, NF_LINKTYPE_RAW, data, size, size);
	return 0;
}

NF_TARGET(frame_raw_ip, "frame", "nf_dissect(LINKTYPE_RAW)")
{
	nf_target_record(data, size);
	nf_target_sink(&pkt, data, size);
	nf_oracle_frame(&pkt, data);
	return 0;
}
