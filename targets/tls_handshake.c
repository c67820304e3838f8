/* Fuzz target: TLS records as carried in one TCP segment (RFC 8446 5.1):
 * handshake messages, ClientHello/ServerHello extensions, Certificate. */
#include "netfuzz/frame.h"
#include "netfuzz/target.h"

#include "sink.h"

NF_TARGET(tls_handshake, "frame", "nf_dissect_tls()")
{
	static struct nf_packet pkt;
	struct nf_cur c;

	nf_packet_reset(&pkt, -1, size, size);
	nf_cur_init(&c, data, size);
	nf_dissect_tls(&pkt, &c);
	nf_target_sink_packet(&pkt);
	return 0;
}
