/* Fuzz target: one Ethernet frame through the whole dissector chain, then
 * both printers into a memory sink (the printers are attack surface too). */
#include "netfuzz/frame.h"
#include "netfuzz/print.h"
#include "netfuzz/oracle.h"
#include "netfuzz/target.h"

#include "sink.h"

NF_META(frame_ether, mutator, "structure")
NF_META(frame_ether, oracles, "frame-bpf")
NF_META(frame_ether, libraries, "libpcap")
NF_META(frame_ether, seed, "link 1") /* netfuzz corpus import: what one packet becomes */

static struct nf_packet pkt; /* large; reset by nf_dissect every call */

NF_RECORD(frame_ether)
{
	nf_dissect(&pkt, NF_LINKTYPE_ETHERNET, data, size, size);
	return 0;
}

NF_TARGET(frame_ether, "frame", "nf_dissect(LINKTYPE_ETHERNET)")
{
	nf_target_record(data, size);
	nf_target_sink(&pkt, data, size);
	nf_oracle_frame(&pkt, data);
	return 0;
}
