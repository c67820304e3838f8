/* Fuzz target: one radiotap-encapsulated 802.11 frame (LINKTYPE 127)
 * through radiotap, the MAC header, management elements (Apple WAC, WFA
 * NAN), NAN action frames and LLC/SNAP onwards, then both printers, then
 * the frame-bpf oracle (802.11 header and data path vs libpcap's BPF). */
#include "netfuzz/frame.h"
#include "netfuzz/oracle.h"
#include "netfuzz/print.h"
#include "netfuzz/target.h"

#include "sink.h"

NF_META(frame_radiotap, mutator, "structure")
NF_META(frame_radiotap, oracles, "frame-bpf")
NF_META(frame_radiotap, libraries, "libpcap")
NF_META(frame_radiotap, seed, "link 127") /* netfuzz corpus import: what one packet becomes */

static struct nf_packet pkt; /* large; reset by nf_dissect every call */

NF_RECORD(frame_radiotap)
{
	nf_dissect(&pkt, NF_LINKTYPE_IEEE802_11_RADIOTAP, data, size, size);
	return 0;
}

NF_TARGET(frame_radiotap, "frame", "nf_dissect(LINKTYPE_IEEE802_11_RADIOTAP)")
{
	nf_target_record(data, size);
	nf_target_sink(&pkt, data, size);
	nf_oracle_frame(&pkt, data);
	return 0;
}
