/* Hand-off between layers: EtherType (IEEE registry), IP protocol numbers
 * (IANA protocol-numbers), and UDP/TCP well-known ports (IANA service
 * names).  Unknown values end dissection; the remaining bytes are payload. */
#include "netfuzz/frame.h"
#include "netfuzz/limits.h"

#include <string.h>

int nf_layer_count(const struct nf_packet *pkt, const struct nf_fdesc *proto)
{
	int n = 0;

	for (unsigned i = 0; i < pkt->nlayers; i++)
		n += pkt->layers[i].pid == proto->id;
	return n;
}

void nf_dissect_ethertype(struct nf_packet *pkt, uint16_t type, struct nf_cur *c)
{
	switch (type) {
	case 0x0800:
		nf_dissect_ipv4(pkt, c);
		break;
	case 0x0806:
		nf_dissect_arp(pkt, c);
		break;
	case 0x86dd:
		nf_dissect_ipv6(pkt, c);
		break;
	case 0x8100:
	case 0x88a8:
		if (nf_layer_count(pkt, NF_P(vlan)) + nf_layer_count(pkt, NF_P(ieee8021ad)) >= NF_MAX_VLAN_TAGS) {
			nf_layer_malformed(pkt, nf_cur_offset(c), "too many VLAN tags (bound NF_MAX_VLAN_TAGS)");
			break;
		}
		nf_dissect_vlan(pkt, c, type);
		break;
	default:
		/* IEEE 802.3 clause 3.2.6: a value up to 1500 is a length, so an
		 * LLC PDU follows (e.g. inside an 802.1Q tag). */
		if (type <= 1500)
			nf_dissect_llc(pkt, c);
		break;
	}
}

void nf_dissect_ip_any(struct nf_packet *pkt, struct nf_cur *c)
{
	uint8_t v = 0;

	nf_cur_peek_u8(c, &v);
	if ((v >> 4) == 6)
		nf_dissect_ipv6(pkt, c);
	else
		nf_dissect_ipv4(pkt, c);
}

void nf_dissect_ipproto(struct nf_packet *pkt, uint8_t proto, struct nf_cur *c)
{
	switch (proto) {
	case 1:
		nf_dissect_icmp(pkt, c);
		break;
	case 6:
		nf_dissect_tcp(pkt, c);
		break;
	case 17:
		nf_dissect_udp(pkt, c);
		break;
	case 58:
		nf_dissect_icmp6(pkt, c);
		break;
	default:
		break;
	}
}

void nf_dissect_udp_payload(struct nf_packet *pkt, uint16_t sport, uint16_t dport, struct nf_cur *c)
{
	uint8_t b0 = 0;

	if (nf_cur_empty(c))
		return;
	nf_cur_peek_u8(c, &b0);
	if (sport == 53 || dport == 53)
		nf_dissect_dns(pkt, c, false);
	else if (sport == 5353 || dport == 5353)
		nf_dissect_dns(pkt, c, true);
	else if ((sport == 67 || sport == 68) && (dport == 67 || dport == 68))
		nf_dissect_dhcp(pkt, c);
	else if ((sport == 443 || dport == 443) && (b0 & 0x80)) /* RFC 9000 17.2 long header */
		nf_dissect_quic(pkt, c);
}

bool nf_looks_like_tls(const struct nf_cur *c)
{
	uint8_t type;
	uint16_t ver;
	struct nf_cur t = *c;

	return nf_cur_get_u8(&t, &type) && type >= 20 && type <= 23 && nf_cur_get_u16be(&t, &ver) &&
	       (ver >> 8) == 3 && (ver & 0xff) <= 4;
}
