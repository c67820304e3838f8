/* Entry point: pick the first dissector from the capture's link type
 * (LINKTYPE_* values, https://www.tcpdump.org/linktypes.html).  The two
 * 802.11 link types are added by the 802.11 dissectors. */
#include "netfuzz/frame.h"

#include <pcap/dlt.h>

int nf_linktype_from_dlt(int dlt)
{
	return dlt == DLT_RAW ? NF_LINKTYPE_RAW : dlt;
}

int nf_dissect(struct nf_packet *pkt, int linktype, const uint8_t *data, size_t caplen, size_t wirelen)
{
	struct nf_cur c;

	nf_packet_reset(pkt, linktype, caplen, wirelen);
	nf_cur_init(&c, data, caplen);
	switch (linktype) {
	case NF_LINKTYPE_ETHERNET:
		nf_dissect_ether(pkt, &c);
		break;
	case NF_LINKTYPE_RAW:
		nf_dissect_ip_any(pkt, &c);
		break;
	case NF_LINKTYPE_IPV4:
		nf_dissect_ipv4(pkt, &c);
		break;
	case NF_LINKTYPE_IPV6:
		nf_dissect_ipv6(pkt, &c);
		break;
	case NF_LINKTYPE_NULL:
	case NF_LINKTYPE_LOOP:
		nf_dissect_null(pkt, &c, linktype == NF_LINKTYPE_LOOP);
		break;
	case NF_LINKTYPE_LINUX_SLL:
		nf_dissect_sll(pkt, &c);
		break;
	case NF_LINKTYPE_LINUX_SLL2:
		nf_dissect_sll2(pkt, &c);
		break;
	case NF_LINKTYPE_IEEE802_11: /* no FCS: LINKTYPE_IEEE802_11 frames carry none */
		nf_dissect_ieee80211(pkt, &c, false, false);
		break;
	case NF_LINKTYPE_IEEE802_11_RADIOTAP:
		nf_dissect_radiotap(pkt, &c);
		break;
	default:
		break;
	}
	return pkt->nlayers;
}
