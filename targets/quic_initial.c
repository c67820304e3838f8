/* Fuzz target: one UDP datagram to port 443 as the dissector receives it
 * (the UDP payload dispatch), i.e. QUIC long-header packets (RFC 9000 17.2),
 * coalesced packets included.  Entering through the dispatch, as real
 * traffic does, also keeps the UBSan build above OSS-Fuzz's
 * bad_build_check threshold of UBSan call sites. */
#include "netfuzz/frame.h"
#include "netfuzz/target.h"

#include "sink.h"

NF_META(quic_initial, mutator, "structure")
NF_META(quic_initial, seed, "udp-layer quic") /* netfuzz corpus import: what one packet becomes */
NF_META(quic_initial, links, "none") /* only libnetfuzz-core.a: see include/netfuzz/target.h */

static struct nf_packet pkt;

NF_RECORD(quic_initial)
{
	struct nf_cur c;

	nf_packet_reset(&pkt, -1, size, size);
	nf_cur_init(&c, data, size);
	nf_dissect_udp_payload(&pkt, 50000, 443, &c);
	return 0;
}

NF_TARGET(quic_initial, "frame", "nf_dissect_udp_payload(port 443) -> nf_dissect_quic()")
{
	nf_target_record(data, size);
	nf_target_sink(&pkt, data, size);
	return 0;
}
