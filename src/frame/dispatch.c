/* Hand-off between layers: EtherType (IEEE registry), IP protocol numbers
 * (IANA protocol-numbers), and UDP well-known ports (IANA service names).
 * Unknown values end dissection; the remaining bytes are payload. */
#include "netfuzz/frame.h"
#include "netfuzz/limits.h"

#include <string.h>

void nf_dissect_ethertype(struct nf_packet *pkt, uint16_t type, struct nf_cur *c)
{
	int vlan_depth = 0;

	for (unsigned i = 0; i < pkt->nlayers; i++)
		vlan_depth += strcmp(pkt->layers[i].proto, "vlan") == 0;
	switch (type) {
	case 0x0800:
		nf_dissect_ipv4(pkt, c);
		break;
	case 0x86dd:
		nf_dissect_ipv6(pkt, c);
		break;
	case 0x8100:
	case 0x88a8:
		if (vlan_depth >= NF_MAX_VLAN_TAGS) {
			nf_layer_malformed(pkt, nf_cur_offset(c), "too many VLAN tags (bound NF_MAX_VLAN_TAGS)");
			break;
		}
		nf_dissect_vlan(pkt, c, type);
		break;
	default:
		break;
	}
}

void nf_dissect_ipproto(struct nf_packet *pkt, uint8_t proto, struct nf_cur *c)
{
	switch (proto) {
	case 17:
		nf_dissect_udp(pkt, c);
		break;
	default:
		break;
	}
}

void nf_dissect_udp_payload(struct nf_packet *pkt, uint16_t sport, uint16_t dport, struct nf_cur *c)
{
	if (nf_cur_empty(c))
		return;
	if (sport == 53 || dport == 53)
		nf_dissect_dns(pkt, c, false);
	else if (sport == 5353 || dport == 5353)
		nf_dissect_dns(pkt, c, true);
}
