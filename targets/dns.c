/* Fuzz target: one DNS message (RFC 1035 4.1) as carried in a UDP
 * payload, decoded as unicast DNS and as mDNS, then both printers. */
#include "netfuzz/frame.h"
#include "netfuzz/target.h"

#include "sink.h"

NF_META(dns, seed, "udp-layer dns mdns") /* netfuzz corpus import: what one packet becomes */
NF_TARGET(dns, "frame", "nf_dissect_dns()")
{
	static struct nf_packet pkt;
	struct nf_cur c;

	for (int mdns = 0; mdns < 2; mdns++) {
		nf_packet_reset(&pkt, -1, size, size);
		nf_cur_init(&c, data, size);
		nf_dissect_dns(&pkt, &c, mdns);
		nf_target_sink(&pkt, data, size);
	}
	return 0;
}
