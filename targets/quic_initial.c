/* Fuzz target: one UDP datagram of QUIC long-header packets (RFC 9000
 * 17.2), coalesced packets included. */
#include "netfuzz/frame.h"
#include "netfuzz/target.h"

#include "sink.h"

NF_TARGET(quic_initial, "frame", "nf_dissect_quic()")
{
	static struct nf_packet pkt;
	struct nf_cur c;

	nf_packet_reset(&pkt, -1, size, size);
	nf_cur_init(&c, data, size);
	nf_dissect_quic(&pkt, &c);
	nf_target_sink_packet(&pkt);
	return 0;
}
