/* Fuzz target: one DNS message (RFC 1035 4.1) as carried in a UDP
 * payload, decoded as unicast DNS and as mDNS, then both printers. */
#include "netfuzz/frame.h"
#include "netfuzz/target.h"

#include "sink.h"

NF_META(dns, mutator, "structure")
NF_META(dns, seed, "udp-layer dns mdns") /* netfuzz corpus import: what one packet becomes */
NF_META(dns, links, "none") /* only libnetfuzz-core.a: see include/netfuzz/target.h */

static struct nf_packet pkt;

/* One parse: as DNS, or as mDNS (RFC 6762). */
static void parse(const uint8_t *data, size_t size, int mdns)
{
	struct nf_cur c;

	nf_packet_reset(&pkt, -1, size, size);
	nf_cur_init(&c, data, size);
	nf_dissect_dns(&pkt, &c, mdns);
}

NF_RECORD(dns)
{
	for (int mdns = 0; mdns < 2; mdns++)
		parse(data, size, mdns);
	return 0;
}

NF_TARGET(dns, "frame", "nf_dissect_dns()")
{
	for (int mdns = 0; mdns < 2; mdns++) {
		parse(data, size, mdns);
		nf_target_sink(&pkt, data, size);
	}
	return 0;
}
